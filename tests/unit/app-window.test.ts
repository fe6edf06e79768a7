import { describe, expect, it } from 'vitest';
import { appWindowArgs, browserCandidates, findAppBrowser } from '../../scripts/serve/app-window.js';

describe('the app window of rarediag open', () => {
  it('finds the browser named, else the first installed Chromium, Chrome or Edge', () => {
    const installed = new Set(['/usr/bin/google-chrome', '/opt/custom/chrome']);
    const exists = (p: string) => installed.has(p);
    expect(findAppBrowser(undefined, {}, exists, 'linux')).toBe('/usr/bin/google-chrome');
    expect(findAppBrowser('/opt/custom/chrome', {}, exists, 'linux')).toBe('/opt/custom/chrome');
    expect(findAppBrowser(undefined, { RAREDIAG_BROWSER: '/opt/custom/chrome' }, exists, 'linux')).toBe('/opt/custom/chrome');
    // a named browser that is not there is not silently replaced by another
    expect(findAppBrowser('/nowhere/chrome', {}, exists, 'linux')).toBeUndefined();
    expect(findAppBrowser(undefined, {}, () => false, 'linux')).toBeUndefined();
    expect(browserCandidates('win32', { PROGRAMFILES: 'C:\\Program Files' })[0]).toMatch(/chrome\.exe$/);
    expect(browserCandidates('darwin')).toContain('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
  });

  it('opens an app window with its own profile and nothing that reaches the network on its own', () => {
    const args = appWindowArgs('http://127.0.0.1:5000/#token=t', '/home/u/.rarediag/browser-profile', ['--no-sandbox']);
    expect(args[0]).toBe('--app=http://127.0.0.1:5000/#token=t');
    expect(args).toContain('--user-data-dir=/home/u/.rarediag/browser-profile');
    for (const flag of ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']) expect(args).toContain(flag);
    expect(args.at(-1)).toBe('--no-sandbox');
  });
});
