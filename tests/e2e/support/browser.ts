import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const chromiumPath = process.env['RAREDIAG_CHROMIUM'] ?? '/usr/bin/chromium';
export const screenshotDir = resolve('test-output/screenshots');
export const rendererDist = resolve('dist-renderer');

/** Debian's Chromium, headless, with everything that could reach the network switched off. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: install it (apt-get install -y chromium) or set RAREDIAG_CHROMIUM`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** A 1280×800 page that fails the test on any uncaught page error and records console errors. */
export async function newWorkstationPage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  // No request may leave the machine.
  await context.route(/^(?!https?:\/\/(127\.0\.0\.1|localhost)[:/])(?!about:|data:|blob:).*/, (route) => {
    problems.push(`blocked a request off the machine: ${route.request().url()}`);
    return route.abort();
  });
  return { page, problems };
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = resolve(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
