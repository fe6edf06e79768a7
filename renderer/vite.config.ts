import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The renderer build: root is this folder, output ../dist-renderer (served by `rarediag serve` and loaded by Electron).
 * `base: './'` keeps asset URLs relative so the same build works from the loopback server and from a file/app URL.
 */
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

/**
 * A Content-Security-Policy for the built page only (Vite's dev server injects inline scripts). Nothing but this
 * origin: no CDN, no network. Styles allow 'unsafe-inline' because the report iframe (srcdoc) inherits this policy and
 * the report carries its own <style>.
 */
const csp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const contentSecurityPolicy = (): Plugin => ({
  name: 'rarediag-csp',
  apply: 'build',
  transformIndexHtml: (html) => html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`),
});

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../dist-renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: { host: '127.0.0.1', strictPort: false },
  preview: { host: '127.0.0.1' },
});
