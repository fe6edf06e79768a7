import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newWorkstationPage, rendererDist, screenshot } from './support/browser.js';
import { addTerm, chip, createCase, differentialRows, exportReport, extractFindings, flipToExcluded, importVcfByPath, openEvidenceOfFirst, printReport, rejectFinding, acceptAll, runDiagnosis, save } from './support/flows.js';
import { serveStatic } from './support/static-server.js';

/**
 * The renderer on its own, with the in-memory fake API (`?fake`): every page and interaction works in a real browser
 * without the engine. Fast, and independent of `rarediag serve`.
 */
const e2e = process.env['RAREDIAG_E2E'] === '1';
if (!e2e) console.warn('renderer e2e tests skipped: run them with `npm run test:e2e` (vitest.e2e.config.ts)');

describe.skipIf(!e2e)('renderer with the fake API', () => {
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let server: Awaited<ReturnType<typeof serveStatic>>;

  beforeAll(async () => {
    if (!existsSync(join(rendererDist, 'index.html'))) throw new Error('dist-renderer/index.html missing: run `vite build --config renderer/vite.config.ts` first (npm run test:e2e does)');
    server = await serveStatic(rendererDist);
    browser = await launchBrowser();
    ({ page, problems } = await newWorkstationPage(browser));
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await screenshot(page, `FAILED-fake-${ctx.task.name.replace(/\W+/g, '-').slice(0, 60)}`, true).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a case, reviews extracted findings, adds a term, imports a VCF', async () => {
    await page.goto(`${server.url}?fake#/cases`);
    await createCase(page, 'Fake 001', 'Female', '1.2');
    await extractFindings(
      page,
      '14-month-old girl referred for short stature with short limbs. Examination shows macrocephaly with frontal bossing, midface hypoplasia and trident hands. Her mother has seizures; hearing loss was suspected. No intellectual disability.',
    );
    // the marks carry their status in words, not only in colour
    await expect.poll(() => page.locator('.narrative-view .hl-tag').allTextContents()).toContain('excluded');
    await acceptAll(page);
    await flipToExcluded(page, 'Hearing impairment');
    await rejectFinding(page, 'Seizure');
    await addTerm(page, 'short long', 'Short long bone');
    await addTerm(page, 'hydroceph', 'Hydrocephalus', 'excluded');
    await chip(page, 'Hearing impairment', 'excluded').waitFor();
    await save(page);
    const summary = await importVcfByPath(page, '/data/patients/fake-001.vcf.gz');
    expect(summary).toMatch(/Records\s*24,301/);
    await screenshot(page, 'fake-case-page', true);
    expect(problems).toEqual([]);
  });

  it('runs the diagnosis with streamed reasoning and shows the evidence with working citations', async () => {
    const { thought, answer } = await runDiagnosis(page, true, () => screenshot(page, 'fake-case-page-streaming').then(() => undefined));
    expect(thought.length).toBeGreaterThan(20);
    expect(answer.length).toBeGreaterThan(0);
    await expect.poll(() => differentialRows(page).count()).toBeGreaterThan(3);
    const first = await openEvidenceOfFirst(page);
    expect(first).toBe('Achondroplasia');
    // LR bars: supporting and opposing findings are drawn in different colours
    await expect.poll(() => page.locator('#evidence-panel svg.lr-bar rect.lr-up').count()).toBeGreaterThan(2);
    // a citation of another candidate selects it and highlights the cited item
    const cite = page.locator('.llm-differential li').nth(1).locator('button.cite').filter({ hasText: /^P:/ }).first();
    const citedId = await cite.innerText();
    await cite.click();
    await expect.poll(() => page.locator(`[data-evidence-id="${citedId}"]`).getAttribute('class')).toContain('cited');
    await expect.poll(() => page.evaluate(`document.activeElement?.getAttribute('data-evidence-id') === ${JSON.stringify(citedId)}`)).toBe(true);
    // back to the first candidate, record a decision
    await differentialRows(page).first().locator('button[data-candidate]').click();
    await page.getByLabel('Reason or note (needed to reject or exclude)').fill('Fits the skeletal survey');
    await page.getByRole('button', { name: /^Accept Achondroplasia$/ }).click();
    await expect.poll(() => page.getByRole('status', { name: 'Decision on this candidate' }).innerText()).toMatch(/^Accepted by clinician, .* · “Fits the skeletal survey”$/);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'fake-results-page');
    await screenshot(page, 'fake-results-page-full', true);
    expect(problems).toEqual([]);
  });

  it('shows, prints and saves the report', async () => {
    const { download, html } = await exportReport(page);
    expect(download.suggestedFilename()).toMatch(/^rarediag-report-Fake_001-run-\d+\.html$/);
    expect(html).toContain('Achondroplasia');
    expect(await printReport(page)).toBe(true);
    await screenshot(page, 'fake-report-page');
  });

  it('lists and searches cases, and shows the settings', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('fake 0');
    await expect.poll(() => page.locator('#case-search-status').innerText()).toMatch(/1 case matching/);
    await expect.poll(() => page.locator('table.case-table tbody tr').first().innerText()).toContain('Achondroplasia');
    await page.getByRole('searchbox', { name: 'Search cases' }).fill('no such case');
    await expect.poll(() => page.locator('table.case-table tbody').innerText()).toContain('No case matches');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Verify the snapshot files' }).click();
    await page.getByText('every file verified').waitFor();
    // the installed snapshot's release check: which diseases got harder or easier to find
    await page.getByRole('heading', { name: 'Harder to find than before' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'Release check' }).innerText()).toMatch(/Loeys-Dietz syndrome 2[\s\S]*90 % → 40 %[\s\S]*Easier to find than before[\s\S]*Achondroplasia/);
    await screenshot(page, 'fake-settings-page');
    expect(problems).toEqual([]);
  });

  it('shows API errors in the page without crashing', async () => {
    await page.goto(`${server.url}?fake#/cases/no-such-case`);
    await page.getByRole('heading', { name: 'Case not available' }).waitFor();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('no case no-such-case');
    await page.goto(`${server.url}?fake#/cases`);
    await createCase(page, 'Fake 002', 'Male', '30');
    await page.locator('details.path-entry summary').click();
    await page.getByLabel('VCF file path on this computer').fill('/data/missing.vcf');
    await page.getByRole('button', { name: 'Import VCF' }).click();
    await expect.poll(() => page.locator('#vcf-title').locator('..').getByRole('alert').innerText()).toContain('Problem with the input: cannot read /data/missing.vcf');
    expect(problems).toEqual([]);
  });
});
