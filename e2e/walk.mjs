// End-to-end walk through the built site, as a researcher would: serves DIST under /cuoshi/
// on localhost, drives Debian's headless Chromium with playwright-core, and
//   loads the examples → opens every tab (screenshots at 1440×900 and 390×844) →
//   exports CSV and XLSX and checks their content (UTF-8 BOM, a known measure; a zip whose
//   xl/workbook.xml names the five sheets) → makes a correction → reloads: the corpus and
//   the correction are still there (IndexedDB) → goes offline and reloads: the service
//   worker still serves the app and the worker, and the analysis still runs.
// Throughout, no request may leave the page's origin and no console error may appear.
//
//   node e2e/walk.mjs DIST        (scripts/test.sh builds DIST with trunk build --release)
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { serve } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.argv[2] || join(here, '..', 'dist');
const shots = join(here, 'screenshots');
mkdirSync(shots, { recursive: true });

const TABS = ['matrix', 'aligned', 'slogans', 'figures', 'keywords', 'similarity', 'reader', 'timeline'];
const SHEETS = ['documents', 'measures', 'matrix', 'slogans', 'figures'];

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

/** The entries of a zip file: name → bytes (stored or deflated), from its central directory. */
function unzip(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + size);
    out.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const server = await serve(dist, 0, '/cuoshi/');
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic'],
});
try {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 }, acceptDownloads: true, locale: 'zh-CN',
  });
  const foreign = [];
  const consoleErrors = [];
  context.on('request', (r) => {
    const u = r.url();
    if (!(u.startsWith(origin + '/') || u.startsWith('data:') || u.startsWith('blob:'))) foreign.push(u);
  });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const idle = (docs) => page.waitForSelector(
    `[data-testid="status"][data-busy="false"]${docs === undefined ? '' : `[data-docs="${docs}"]`}`,
    { timeout: 90000 });

  // --- Load the examples -------------------------------------------------------------
  await page.goto(`${origin}/cuoshi/`);
  await idle(0);
  await page.getByTestId('load-examples').click();
  await idle(5);
  check(await page.getByTestId('doc-item').count() === 5, 'the 5 examples are listed');
  const lang = await page.getAttribute('html', 'lang');
  check(lang === 'zh-Hans', `Chinese interface for a zh-CN browser (html lang=${lang})`);

  // --- Every tab, at 1440 × 900 --------------------------------------------------------
  let knownMeasure = '';
  for (const tab of TABS) {
    await page.getByTestId(`tab-${tab}`).click();
    const view = page.getByTestId(`view-${tab}`);
    await view.waitFor({ timeout: 10000 });
    switch (tab) {
      case 'matrix': {
        const cells = page.getByTestId('matrix-cell');
        check(await cells.count() >= 65, `matrix: ${await cells.count()} cells`);
        const best = await page.$$eval('[data-testid="matrix-cell"]', (cs) => {
          let i = 0, n = -1;
          cs.forEach((c, k) => { const v = parseInt(c.textContent, 10) || 0; if (v > n) { n = v; i = k; } });
          return i;
        });
        await cells.nth(best).click();
        await page.getByTestId('evidence').waitFor();
        knownMeasure = (await page.locator('[data-testid="evidence"] .measure-text').first().innerText()).trim();
        check(knownMeasure.length > 3, `matrix → evidence: “${knownMeasure.slice(0, 20)}…”`);
        break;
      }
      case 'aligned':
        check(await page.getByTestId('aligned-row').count() > 0, 'aligned: groups of measures');
        break;
      case 'slogans':
        check(await page.getByTestId('slogan').count() > 0, 'slogans: listed with items');
        break;
      case 'figures':
        check(await page.locator('[data-testid="figure-chart"] svg [data-testid="bar"]').count() > 0, 'figures: an SVG bar chart');
        break;
      case 'keywords': {
        await page.getByTestId('keyword').first().click();
        await page.getByTestId('kwic-line').first().waitFor({ timeout: 10000 });
        check(await page.getByTestId('kwic-line').count() > 0, 'keywords: a click shows the concordance');
        break;
      }
      case 'similarity':
        check(await page.getByTestId('similarity-cell').count() === 25, 'similarity: a 5 × 5 matrix');
        check((await page.getByTestId('pair-most').innerText()).length > 5, 'similarity: the most alike pair named');
        break;
      case 'reader':
        check(await page.getByTestId('reader-doc').count() === 2, 'reader: two documents side by side');
        check(await page.getByTestId('reader-measure').count() > 10, 'reader: measures highlighted');
        break;
      case 'timeline':
        check(await page.getByTestId('timeline-unknown').count() >= 1, 'timeline: the unknown year shown as such');
        break;
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(shots, `walk-${tab}-1440.png`) });
  }

  // --- Every tab, at 390 × 844 ---------------------------------------------------------
  await page.setViewportSize({ width: 390, height: 844 });
  for (const tab of TABS) {
    await page.getByTestId(`tab-${tab}`).click();
    await page.getByTestId(`view-${tab}`).waitFor();
    await page.locator('.view-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(shots, `walk-${tab}-390.png`) });
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `nothing wider than the 390 px screen (overflow ${overflow} px)`);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('tab-matrix').click();
  // The print stylesheet keeps the current view (and its evidence), nothing else.
  await page.emulateMedia({ media: 'print' });
  check(!(await page.locator('.sidebar').isVisible()) && await page.getByTestId('matrix').isVisible(),
    'print: the sidebar is hidden, the current view printed');
  await page.screenshot({ path: join(shots, 'walk-print-matrix.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // --- Exports -------------------------------------------------------------------------
  const download = async (testid) => {
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.getByTestId(testid).click()]);
    return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
  };
  const csv = await download('export-csv');
  check(csv.bytes[0] === 0xef && csv.bytes[1] === 0xbb && csv.bytes[2] === 0xbf, `${csv.name} starts with the UTF-8 BOM`);
  const csvText = csv.bytes.subarray(3).toString('utf8');
  check(knownMeasure && csvText.includes(knownMeasure), `${csv.name} contains the measure “${knownMeasure.slice(0, 12)}…”`);
  const xlsx = await download('export-xlsx');
  check(xlsx.bytes[0] === 0x50 && xlsx.bytes[1] === 0x4b, `${xlsx.name} is a zip`);
  try {
    const workbook = unzip(xlsx.bytes).get('xl/workbook.xml')?.toString('utf8') || '';
    const names = [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
    check(SHEETS.every((s) => names.includes(s)), `${xlsx.name} has the sheets ${names.join(', ')}`);
  } catch (e) {
    check(false, `${xlsx.name} could be unzipped: ${e}`);
  }
  const json = await download('export-json');
  check(JSON.parse(json.bytes.toString('utf8')).documents.length === 5, `${json.name} holds the 5 documents`);

  // --- A correction, then a reload -----------------------------------------------------
  const select = page.getByTestId('recategorize').first();
  const measureId = await select.getAttribute('data-measure');
  const from = await select.inputValue();
  const to = from === 'finance' ? 'labor' : 'finance';
  await select.selectOption(to);
  await page.getByTestId('correction').first().waitFor({ timeout: 10000 });
  await idle(5);
  check(await page.getByTestId('correction').count() === 1, `re-categorized ${measureId}: ${from} → ${to}`);
  const csv2 = (await download('export-csv')).bytes.toString('utf8');
  check(csv2.includes('recategorized'), 'the export marks the correction');

  await page.reload();
  await idle(5);
  check(await page.getByTestId('doc-item').count() === 5, 'after a reload: the 5 documents are back');
  check(await page.getByTestId('correction').count() === 1, 'after a reload: the correction is still there');
  await page.screenshot({ path: join(shots, 'walk-reloaded-1440.png'), fullPage: false });

  // --- The English interface ---------------------------------------------------------
  await page.getByTestId('lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  check((await page.getByTestId('tab-matrix').innerText()).trim() === 'Matrix', 'the language toggle switches to English');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, 'walk-english-1440.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, 'walk-english-390.png') });
  await page.setViewportSize({ width: 1440, height: 900 });

  // --- Offline -------------------------------------------------------------------------
  const controlled = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker?.ready;
    return !!reg?.active;
  });
  check(controlled, 'a service worker is active');
  await context.setOffline(true);
  await page.reload();
  await idle(5);
  check(await page.getByTestId('doc-item').count() === 5, 'offline: the app, the worker and the corpus load from the cache');
  check((await page.getByTestId('tab-matrix').innerText()).trim() === 'Matrix', 'after a reload: the language setting is kept');
  await context.setOffline(false);

  check(foreign.length === 0, `no request outside the page's origin ${foreign.length ? foreign.join(', ') : ''}`);
  const errors = consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e));
  check(errors.length === 0, `no console errors ${errors.join(' | ')}`);
} catch (e) {
  failures.push(String(e));
  console.error(e);
} finally {
  await browser.close();
  server.close();
}
if (failures.length) {
  console.error(`walk: ${failures.length} failure(s)`);
  process.exit(1);
}
console.log(`walk: all checks passed; screenshots in ${shots}`);
