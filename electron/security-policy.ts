/**
 * The desktop window's security decisions, as pure functions so they are tested under Node (Electron itself cannot be
 * downloaded on the build machines). main.ts wires them into Electron's session and webContents hooks.
 */

/** The app loads only its own files: file:// inside the app directory, and devtools when opened by a developer. */
export function isAllowedRequest(url: string, appDir: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'devtools:') return true;
  if (u.protocol === 'data:' || u.protocol === 'blob:') return true; // images and the report iframe built in-page
  if (u.protocol !== 'file:') return false; // no http, https, ws, ftp: the offline guarantee
  const path = decodeURIComponent(u.pathname);
  const root = appDir.replace(/\\/g, '/').replace(/\/+$/, '');
  return path === root || path.startsWith(`${root}/`);
}

/** In-page navigation away from the app (a link in a report, a dropped file) is refused. */
export function isAllowedNavigation(url: string, appIndexUrl: string): boolean {
  try {
    const target = new URL(url);
    const index = new URL(appIndexUrl);
    return target.protocol === index.protocol && target.pathname === index.pathname;
  } catch {
    return false;
  }
}

/** Every permission request (camera, microphone, geolocation, notifications, ...) is denied. */
export function isAllowedPermission(_permission: string): boolean {
  return false;
}

/** The window's Content-Security-Policy: no remote origin of any kind, no inline or eval'd script. */
export const WINDOW_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'none'; frame-src 'self' about:; object-src 'none'; base-uri 'none'; form-action 'none'";

/** BrowserWindow webPreferences: the renderer has no Node, runs sandboxed and sees only the preload's bridge. */
export const webPreferencesBase = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  spellcheck: false,
} as const;
