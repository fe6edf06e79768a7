import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, isAllowedPermission, isAllowedRequest, webPreferencesBase, WINDOW_CSP } from '../../../electron/security-policy.js';

describe('desktop window security policy', () => {
  const appDir = '/opt/RareDiag/resources/app.asar';

  it('loads only the app\'s own files: no http, https, ws or file outside the app (the offline guarantee)', () => {
    expect(isAllowedRequest('file:///opt/RareDiag/resources/app.asar/dist-renderer/index.html', appDir)).toBe(true);
    expect(isAllowedRequest('file:///opt/RareDiag/resources/app.asar/dist-renderer/assets/app.js', appDir)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', appDir)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', appDir)).toBe(true);
    for (const url of [
      'https://example.org/telemetry',
      'http://127.0.0.1:8080/api',
      'ws://localhost:9000/',
      'wss://evil.example/',
      'ftp://files.example/',
      'file:///etc/passwd',
      'file:///opt/RareDiag/resources/app.asar.evil/x.html',
      'not a url',
    ]) {
      expect(isAllowedRequest(url, appDir), url).toBe(false);
    }
  });

  it('refuses navigation away from the app and every permission', () => {
    const index = 'file:///opt/RareDiag/resources/app.asar/dist-renderer/index.html';
    expect(isAllowedNavigation(`${index}#/cases/1`, index)).toBe(true);
    expect(isAllowedNavigation('https://omim.org/entry/154700', index)).toBe(false);
    expect(isAllowedNavigation('file:///tmp/dropped.html', index)).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) expect(isAllowedPermission(p)).toBe(false);
  });

  it('runs the renderer isolated, sandboxed, without Node, under a CSP with no remote source', () => {
    expect(webPreferencesBase).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(WINDOW_CSP).toContain("default-src 'self'");
    expect(WINDOW_CSP).toContain("connect-src 'none'");
    expect(WINDOW_CSP).not.toMatch(/https?:|unsafe-eval/);
  });
});
