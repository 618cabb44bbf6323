/**
 * The HTML report in a real headless Chromium: no console errors, no fetches, working filters,
 * expanders and Copy buttons. Without /usr/bin/chromium the tests are reported as skipped
 * (with the reason in their names) — except on CI, where a missing browser is a failure.
 * Set REPORT_SCREENSHOT=/tmp/report.png to save a full-page screenshot.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ConformanceReport } from '../src/report/report-model.ts';
import { renderHtml } from './html-report.ts';
import { sampleReport } from './fixtures/sample-report.ts';
import { IMG_PAYLOAD, firstWith, hostileReport } from './fixtures/hostile-report.ts';

const CHROMIUM = '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM);
const onCi = Boolean(process.env.CI);
const skip = missing && !onCi;
const reason = skip ? ` (skipped: ${CHROMIUM} not installed; apt-get install -y chromium)` : '';

let browser: Browser | undefined;
let dir = '';

/** What a page did while loading and running: console errors, uncaught errors, requests, dialogs. */
interface Watch { errors: string[]; requests: string[]; dialogs: string[] }

/** Clipboard set-up of a page: permission granted, or no `navigator.clipboard` at all (to exercise the fallback). */
type ClipboardMode = 'granted' | 'absent' | 'default';

async function open(report: ConformanceReport, name: string, clipboard: ClipboardMode = 'default'): Promise<{ page: Page; watch: Watch }> {
  if (!browser) throw new Error('browser not launched');
  const file = join(dir, `${name}.html`);
  await writeFile(file, renderHtml(report), 'utf8');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (clipboard === 'granted') await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  if (clipboard === 'absent') await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  const page = await context.newPage();
  const watch: Watch = { errors: [], requests: [], dialogs: [] };
  page.on('console', (m) => { if (m.type() === 'error') watch.errors.push(m.text()); });
  page.on('pageerror', (e) => watch.errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => watch.requests.push(r.url()));
  page.on('dialog', (d) => { watch.dialogs.push(d.message()); void d.dismiss(); });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, watch };
}

/** Ids of the rule rows a person can see. */
const visibleIds = (page: Page): Promise<string[]> => page.locator('tr.rule:visible .rule-id').allTextContents();
const ruleRow = (page: Page, id: string) => page.locator('tr.rule', { has: page.locator('.rule-id', { hasText: new RegExp(`^${id}$`) }) });

describe('HTML report in headless Chromium', () => {
  beforeAll(async () => {
    if (missing) return;
    dir = await mkdtemp(join(tmpdir(), 'html-report-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  // On CI a missing browser fails loudly (the other tests fail too, with "browser not launched").
  if (missing && onCi) {
    it(`needs ${CHROMIUM} on CI`, () => {
      expect.fail(`${CHROMIUM} is not installed, and CI must run the browser test: apt-get install -y chromium`);
    });
  }

  it.skipIf(skip)(`loads without console errors or fetches, shows the failing rule and the timelines${reason}`, async () => {
    const { page, watch } = await open(sampleReport, 'sample');
    const fail = firstWith(sampleReport, 'fail');
    await expect.poll(() => page.locator('#shown-count').textContent()).toBe(`Showing ${sampleReport.rules.length} of ${sampleReport.rules.length} rules`);
    expect(await ruleRow(page, fail.id).isVisible()).toBe(true);
    expect(await ruleRow(page, fail.id).locator('.rule-id').textContent()).toBe(fail.id);
    expect(await page.locator(`#${await ruleRow(page, fail.id).getAttribute('data-detail')}`).isVisible()).toBe(true);
    expect(await page.locator('svg.timeline-svg:visible').count()).toBe(sampleReport.timelines.length);
    expect(await page.locator('svg.timeline-svg circle').count()).toBeGreaterThan(5);
    if (process.env.REPORT_SCREENSHOT) await page.screenshot({ path: process.env.REPORT_SCREENSHOT, fullPage: true });
    expect(watch.errors).toEqual([]);
    expect(watch.requests.every((u) => u.startsWith('file://'))).toBe(true);
    await page.context().close();
  });

  it.skipIf(skip)(`a long lockout timeline fits the page width (scaled, no horizontal page scroll)${reason}`, async () => {
    const long = structuredClone(sampleReport);
    const first = long.timelines[0]!;
    // A DCS-LOCK-DURATION-like sequence: many attempts and clock moves.
    first.steps = Array.from({ length: 60 }, (_, i) => ({ ...first.steps[i % first.steps.length]!, t: i * 30 }));
    const { page } = await open(long, 'long-timeline');
    const sizes = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      svgs: [...document.querySelectorAll('svg.timeline-svg')].map((svg) => svg.getBoundingClientRect().right),
    }));
    expect(sizes.page).toBeLessThanOrEqual(sizes.viewport);
    for (const right of sizes.svgs) expect(right).toBeLessThanOrEqual(sizes.viewport);
    await page.context().close();
  });

  it.skipIf(skip)(`the "fail" filter hides passing rules, and "all" brings them back${reason}`, async () => {
    const { page, watch } = await open(sampleReport, 'filter');
    const pass = firstWith(sampleReport, 'pass');
    await page.locator('button[data-verdict="fail"]').click();
    const ids = await visibleIds(page);
    expect(ids.sort()).toEqual(sampleReport.rules.filter((r) => r.verdict === 'fail').map((r) => r.id).sort());
    expect(await ruleRow(page, pass.id).isVisible()).toBe(false);
    expect(await page.locator('button[data-verdict="fail"]').getAttribute('aria-pressed')).toBe('true');
    await page.locator('button[data-verdict="pass"]').click();
    expect(await visibleIds(page)).toHaveLength(sampleReport.summary.fail + sampleReport.summary.pass);
    await page.locator('button[data-verdict=""]').click();
    expect(await visibleIds(page)).toHaveLength(sampleReport.rules.length);
    await page.locator('#service-filter').selectOption('dcs');
    expect(new Set((await visibleIds(page)).map((id) => id.split('-')[0]))).toEqual(new Set(['DCS']));
    expect(watch.errors).toEqual([]);
    await page.context().close();
  });

  it.skipIf(skip)(`the search box filters by id and by title${reason}`, async () => {
    const { page, watch } = await open(sampleReport, 'search');
    await page.locator('#search').fill('lock-dur');
    expect(await visibleIds(page)).toEqual(['DCS-LOCK-DURATION']);
    await page.locator('#search').fill('FIFTH consecutive');
    expect(await visibleIds(page)).toEqual(['DCS-A1']);
    await page.locator('#search').fill('no rule has this text');
    expect(await visibleIds(page)).toEqual([]);
    expect(await page.locator('#no-match').isVisible()).toBe(true);
    await page.locator('#search').fill('');
    expect(await visibleIds(page)).toHaveLength(sampleReport.rules.length);
    expect(watch.errors).toEqual([]);
    await page.context().close();
  });

  it.skipIf(skip)(`rows expand and collapse${reason}`, async () => {
    const { page, watch } = await open(sampleReport, 'expand');
    const pass = firstWith(sampleReport, 'pass');
    const expander = ruleRow(page, pass.id).locator('button.expander');
    const detail = page.locator(`#${await expander.getAttribute('aria-controls')}`);
    expect(await detail.isVisible()).toBe(false);
    await expander.click();
    expect(await detail.isVisible()).toBe(true);
    expect(await expander.getAttribute('aria-expanded')).toBe('true');
    expect(await detail.textContent()).toContain(pass.source);
    await expander.click();
    expect(await detail.isVisible()).toBe(false);
    await page.locator('#expand-all').click();
    expect(await page.locator('tr.detail:visible').count()).toBe(sampleReport.rules.length);
    await page.locator('#collapse-all').click();
    expect(await page.locator('tr.detail:visible').count()).toBe(0);
    expect(watch.errors).toEqual([]);
    await page.context().close();
  });

  const curl = firstWith(sampleReport, 'fail').counterexample?.transcript[0]?.curl ?? 'missing curl';

  it.skipIf(skip)(`Copy puts the curl on the clipboard${reason}`, async () => {
    const { page, watch } = await open(sampleReport, 'copy', 'granted');
    const copy = page.locator('button.copy').first();
    await copy.click();
    await expect.poll(() => copy.textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(curl);
    expect(watch.errors).toEqual([]);
    await page.context().close();
  });

  it.skipIf(skip)(`without a clipboard API, Copy selects the curl${reason}`, async () => {
    const { page, watch } = await open(sampleReport, 'select', 'absent');
    expect(await page.evaluate(() => navigator.clipboard === undefined)).toBe(true);
    const copy = page.locator('button.copy').first();
    await copy.click();
    await expect.poll(() => copy.textContent()).toMatch(/^(Copied|Selected: press Ctrl\+C)$/);
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(curl);
    expect(watch.errors).toEqual([]);
    await page.context().close();
  });

  it.skipIf(skip)(`hostile rule text stays text: no img, no dialogs, no errors${reason}`, async () => {
    const hostile = hostileReport();
    const { page, watch } = await open(hostile, 'hostile');
    expect(await page.locator('main img, main script, main b, main i').count()).toBe(0);
    const fail = firstWith(hostile, 'fail');
    expect(await ruleRow(page, fail.id).locator('.title').textContent()).toContain(IMG_PAYLOAD);
    expect(await page.evaluate(() => (JSON.parse(document.getElementById('report-data')?.textContent ?? '{}') as { rules: unknown[] }).rules.length)).toBe(hostile.rules.length);
    expect(watch.dialogs).toEqual([]);
    expect(watch.errors).toEqual([]);
    await page.context().close();
  });
});
