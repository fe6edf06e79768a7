// Electron main process: one window, locked down; every engine call goes through the typed IPC contract.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell } from 'electron';
import { createWorkstationService } from '../diagnosis/service/workstation-service.js';
import { defaultSnapshotDir, defaultSourcesDir } from '../graph-snapshot/snapshot/snapshot-location.js';
import { dialogOptions, IPC_PICK_FILE, isFileKind } from './file-dialog.js';
import { createIpcCallHandler, IPC_CALL, IPC_JOB_EVENT } from './ipc-bridge.js';
import { isAllowedNavigation, isAllowedPermission, isAllowedRequest, webPreferencesBase, WINDOW_CSP } from './security-policy.js';
import { loadOrCreateStoreKey } from './store-key.js';

const appDir = app.getAppPath();
const indexFile = join(appDir, 'dist-renderer', 'index.html');
const indexUrl = pathToFileURL(indexFile).href;

app.enableSandbox();

async function start(): Promise<void> {
  await app.whenReady();
  const ses = session.defaultSession;
  // The offline guarantee: anything but the app's own files is refused, whoever asks for it.
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, appDir) }));
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [WINDOW_CSP] } }),
  );
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(isAllowedPermission(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => isAllowedPermission(permission));

  const userData = app.getPath('userData');
  const service = await createWorkstationService({
    snapshotDir: process.env['RAREDIAG_SNAPSHOT'] ?? defaultSnapshotDir(),
    sourcesDir: defaultSourcesDir(),
    storeFile: join(userData, 'cases.db'),
    // a raw 256-bit key (no KDF needed: it never was a typed passphrase)
    storeKey: Buffer.from(loadOrCreateStoreKey(join(userData, 'cases.key'), safeStorage), 'hex'),
    modelStoreDir: join(userData, 'models'),
    applicationVersion: app.getVersion(),
    renderPdf,
  });
  ipcMain.handle(IPC_CALL, (_event, method: unknown, request: unknown) => createIpcCallHandler(service)(method, request));

  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'RareDiag Workstation',
    webPreferences: { ...webPreferencesBase, preload: join(appDir, 'dist', 'electron', 'preload.js') },
  });
  // files from the desktop: the native dialog; the engine reads the chosen file where it is
  ipcMain.handle(IPC_PICK_FILE, async (_event, kind: unknown) => {
    if (!isFileKind(kind)) return null;
    const picked = await dialog.showOpenDialog(win, dialogOptions(kind));
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  });
  const off = service.onJobEvent((e) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_JOB_EVENT, e);
  });
  win.on('closed', off);
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, indexUrl)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  await win.loadURL(indexUrl);
  void shell; // never used to open external URLs: there are none to open
  app.on('window-all-closed', () => {
    void service.close().finally(() => app.quit());
  });
}

/** The clinical report as PDF: a hidden, sandboxed window renders the self-contained HTML and prints it. */
async function renderPdf(html: string): Promise<Buffer> {
  const win = new BrowserWindow({ show: false, webPreferences: { ...webPreferencesBase, javascript: false } });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    win.destroy();
  }
}

start().catch((err: unknown) => {
  process.stderr.write(`RareDiag failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  app.exit(1);
});
