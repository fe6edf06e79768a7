import { expect } from 'vitest';
import type { Download, Page } from 'playwright-core';

/**
 * The clinician's steps, written once against the UI's accessible names and shared by the fake-API smoke test and
 * the real-server test. Each step waits for what the UI shows when it has finished.
 */

export async function createCase(page: Page, label: string, sex: string, age: string): Promise<string> {
  await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'New case' }).click();
  const dialog = page.getByRole('dialog', { name: 'New case' });
  await dialog.getByLabel(/^Label/).fill(label);
  await dialog.getByLabel('Sex').selectOption({ label: sex });
  await dialog.getByLabel('Age (years)').fill(age);
  await dialog.getByRole('button', { name: 'Create case' }).click();
  await page.getByRole('heading', { name: label, level: 1 }).waitFor();
  const match = /#\/cases\/([^/]+)$/.exec(page.url());
  expect(match, `case page URL: ${page.url()}`).toBeTruthy();
  return decodeURIComponent(match![1]!);
}

export async function extractFindings(page: Page, narrative: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Clinical narrative' }).fill(narrative);
  await page.getByRole('button', { name: 'Extract findings' }).click();
  await page.getByRole('list', { name: 'Extracted findings to review' }).waitFor();
}

export const reviewRow = (page: Page, label: string) =>
  page.getByRole('list', { name: 'Extracted findings to review' }).locator('li[data-proposal]').filter({ has: page.locator('b', { hasText: new RegExp(`^${escape(label)}$`) }) }).first();

export async function flipToExcluded(page: Page, label: string): Promise<void> {
  const row = reviewRow(page, label);
  await row.getByRole('button', { name: `Flip ${label} to excluded` }).click();
  await expect.poll(() => row.getAttribute('aria-label')).toMatch(/excluded, accepted$/);
}

export async function rejectFinding(page: Page, label: string): Promise<void> {
  const row = reviewRow(page, label);
  await row.getByRole('button', { name: `Reject ${label}` }).click();
  await expect.poll(() => row.count()).toBe(0);
}

export async function acceptAll(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => page.getByRole('list', { name: 'Extracted findings to review' }).locator('li[data-proposal]:not(.accepted)').count()).toBe(0);
}

/** Types in the term picker and picks the option with this label using the keyboard. */
export async function addTerm(page: Page, query: string, label: string, as: 'present' | 'excluded' = 'present'): Promise<void> {
  const box = page.getByRole('combobox', { name: 'Add an HPO term' });
  await box.fill(query);
  const listbox = page.getByRole('listbox', { name: 'Matching HPO terms' });
  const option = listbox.getByRole('option').filter({ has: page.locator('.opt-label', { hasText: new RegExp(`^${escape(label)}$`) }) }).first();
  await option.waitFor();
  const options = await listbox.getByRole('option').locator('.opt-label').allInnerTexts();
  const index = options.findIndex((t) => t.trim() === label);
  expect(index, `"${label}" among the options for "${query}": ${options.join(' | ')}`).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < index; i += 1) await box.press('ArrowDown');
  const activeId = await box.getAttribute('aria-activedescendant');
  expect(await page.locator(`[id="${activeId}"] .opt-label`).innerText()).toBe(label);
  await box.press(as === 'excluded' ? 'Shift+Enter' : 'Enter');
  await chip(page, label, as).waitFor();
}

export const chip = (page: Page, label: string, status: 'present' | 'excluded') =>
  page.locator(`li.chip-${status}`).filter({ has: page.locator('.chip-label', { hasText: new RegExp(`^${escape(label)}$`) }) });

export async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => page.locator('.save-state').innerText()).toMatch(/^Saved at/);
}

/** The route kept for scripts: a path on the engine's machine, typed in the section under the drop zone. */
export async function importVcfByPath(page: Page, path: string): Promise<string> {
  const details = page.locator('details.path-entry');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await page.getByLabel('VCF file path on this computer').fill(path);
  await page.getByRole('button', { name: /^Import (another )?VCF$/ }).click();
  return vcfImported(page, path.split('/').pop()!);
}

/** The desktop route: the file chosen in the file picker (uploaded with progress in browser mode). */
export async function importVcfFile(page: Page, file: string): Promise<string> {
  await page.getByLabel("Choose the patient's VCF (.vcf, .vcf.gz)").setInputFiles(file);
  return vcfImported(page, file.split('/').pop()!);
}

async function vcfImported(page: Page, fileName: string): Promise<string> {
  const summary = page.getByLabel('VCF import summary');
  await expect.poll(() => summary.innerText().catch(() => ''), { timeout: 180_000 }).toContain(fileName);
  await expect.poll(() => page.getByRole('progressbar', { name: 'VCF import' }).getAttribute('value')).toBe('100');
  return summary.innerText();
}

/**
 * Runs the diagnosis and waits for the results page, sampling the streamed model output on the way (and calling
 * `whileStreaming` once, when the first output is visible). Returns the run id and the last output seen.
 */
export async function runDiagnosis(page: Page, reason: boolean, whileStreaming?: () => Promise<void>): Promise<{ runId: string; thought: string; answer: string }> {
  const box = page.getByRole('checkbox', { name: 'Reason with the local model' });
  if (reason) await box.check();
  let thought = '';
  let answer = '';
  let called = false;
  await page.getByRole('button', { name: 'Run diagnosis' }).click();
  const results = page.getByRole('heading', { name: /^Differential:/, level: 1 });
  const deadline = Date.now() + 600_000;
  while (!(await results.isVisible())) {
    if (Date.now() > deadline) throw new Error('the diagnosis did not finish within 10 minutes');
    const failure = await page.locator('section', { has: page.locator('#run-title') }).locator('.error-text').innerText().catch(() => '');
    if (failure) throw new Error(`the diagnosis failed in the UI: ${failure}`);
    if (reason) {
      thought = (await page.locator('pre[data-stream="thought"]').innerText({ timeout: 200 }).catch(() => '')) || thought;
      answer = (await page.locator('pre[data-stream="answer"]').innerText({ timeout: 200 }).catch(() => '')) || answer;
      if (!called && whileStreaming && (thought || answer)) {
        called = true;
        await whileStreaming();
      }
    }
    await page.waitForTimeout(50);
  }
  const match = /#\/cases\/[^/]+\/runs\/([^/]+)$/.exec(page.url());
  expect(match, `results URL: ${page.url()}`).toBeTruthy();
  return { runId: decodeURIComponent(match![1]!), thought, answer };
}

export const differentialRows = (page: Page) => page.locator('table.differential tbody tr');

export async function openEvidenceOfFirst(page: Page): Promise<string> {
  const first = differentialRows(page).first();
  const name = await first.locator('button[data-candidate]').innerText();
  await first.locator('button[data-candidate]').click();
  await page.locator('#evidence-panel h2', { hasText: name }).waitFor();
  return name;
}

export async function exportReport(page: Page): Promise<{ download: Download; html: string }> {
  await page.getByRole('link', { name: 'Report' }).click();
  await page.getByRole('heading', { name: /^Report:/, level: 1 }).waitFor();
  const frame = page.frameLocator('iframe.report-frame');
  await frame.locator('body').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save HTML' }).click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return { download, html: Buffer.concat(chunks).toString('utf8') };
}

/** Print calls the report frame's print(); replaced here so headless Chromium does not open a dialog. */
export async function printReport(page: Page): Promise<boolean> {
  const frame = page.frames().find((f) => f !== page.mainFrame());
  if (!frame) return false;
  // string expressions: the test project has no DOM types
  await frame.evaluate('window.__printed = false; window.print = () => { window.__printed = true; }');
  await page.getByRole('button', { name: 'Print' }).click();
  return (await frame.evaluate('window.__printed')) === true;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
