import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A real window without Electron: the workstation's UI in an "app" window of an installed Chromium, Chrome or Edge
 * (`--app=URL`: no tabs, no address bar), with a profile directory of its own under the data home, so it shares
 * nothing with the user's browsing and keeps nothing elsewhere. Pure functions (tested under Node); `rarediag open`
 * starts the process.
 */

/** Where Chromium-family browsers are installed, most specific first. */
export function browserCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'darwin') {
    return ['Chromium', 'Google Chrome', 'Microsoft Edge'].map((app) => `/Applications/${app}.app/Contents/MacOS/${app}`);
  }
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter((r): r is string => !!r);
    return roots.flatMap((r) => [join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'), join(r, 'Chromium', 'Application', 'chrome.exe')]);
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge', '/usr/bin/microsoft-edge-stable', '/snap/bin/chromium'];
}

/** The browser to use: the one named (option, then $RAREDIAG_BROWSER), else the first installed. */
export function findAppBrowser(named?: string, env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync, platform: NodeJS.Platform = process.platform): string | undefined {
  const explicit = named ?? env['RAREDIAG_BROWSER'];
  if (explicit) return exists(explicit) ? explicit : undefined;
  return browserCandidates(platform, env).find(exists);
}

/**
 * The command line of the app window: its own profile, a desktop-sized window, and nothing that would reach the
 * network on its own (no sync, no component or background updates, no first-run pages).
 */
export function appWindowArgs(url: string, profileDir: string, extra: readonly string[] = []): string[] {
  return [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--window-size=1280,800',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=Translate,MediaRouter',
    ...extra,
  ];
}
