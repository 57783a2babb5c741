// End-to-end test of the built page: serves DIST under /cuoshi/ on localhost, drives Debian's
// headless Chromium with playwright-core, loads the built-in examples, checks the matrix and
// the evidence, checks that no request leaves the page's origin, and saves a screenshot;
// then adds a corpus of 20 more articles, which the analysis worker shares with its helper
// worker, and checks that they all arrive, in order, part of them analyzed by the helper.
//
//   node e2e/run.mjs DIST        (scripts/test.sh builds DIST with trunk build --release)
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.argv[2] || join(here, '..', 'dist');
const shots = join(here, 'screenshots');
mkdirSync(shots, { recursive: true });

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

const server = await serve(dist, 0, '/cuoshi/');
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const foreign = [];
  const consoleErrors = [];
  context.on('request', (r) => {
    const u = r.url();
    if (!(u.startsWith(origin + '/') || u.startsWith('data:') || u.startsWith('blob:'))) foreign.push(u);
  });
  // Every Content-Security-Policy violation the page reports.
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation',
      (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  await page.goto(`${origin}/cuoshi/`);
  const status = page.getByTestId('status');
  await status.waitFor({ state: 'attached', timeout: 30000 });
  await page.getByTestId('load-examples').click();
  await page.waitForSelector('[data-testid="status"][data-busy="false"][data-docs="5"]', { timeout: 60000 });

  const docs = await page.getByTestId('doc-item').count();
  check(docs === 5, `document list shows the 5 examples (saw ${docs})`);
  const columns = await page.$$eval('[data-testid="matrix-cell"]', (cells) => new Set(cells.map((c) => c.dataset.doc)).size);
  check(columns === 5, `matrix has 5 document columns (saw ${columns})`);
  const rows = await page.$$eval('[data-testid="matrix-cell"]', (cells) => new Set(cells.map((c) => c.dataset.category)).size);
  check(rows >= 13, `matrix has a row per category (saw ${rows})`);
  const total = await page.$$eval('[data-testid="matrix-cell"]', (cells) => cells.reduce((s, c) => s + (parseInt(c.textContent, 10) || 0), 0));
  check(total > 20, `matrix counts measures (total ${total})`);

  // Click the fullest cell and expect its measures with their sentences.
  const best = await page.$$eval('[data-testid="matrix-cell"]', (cells) => {
    let bestIndex = 0, bestCount = -1;
    cells.forEach((c, i) => { const n = parseInt(c.textContent, 10) || 0; if (n > bestCount) { bestCount = n; bestIndex = i; } });
    return { index: bestIndex, count: bestCount };
  });
  await page.getByTestId('matrix-cell').nth(best.index).click();
  const evidence = page.getByTestId('evidence');
  await evidence.waitFor({ timeout: 10000 });
  const evidenceText = await evidence.innerText();
  check(evidenceText.length > 20, `clicking a cell (${best.count} measures) shows evidence`);

  await page.screenshot({ path: join(shots, 'examples-1440.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(shots, 'examples-390.png'), fullPage: false });

  // A JSON-lines corpus of 20 distinct articles (the seeds, each with a first line of its
  // own): enough for the engine to share the work with its helper worker.
  await page.setViewportSize({ width: 1440, height: 900 });
  const seeds = join(here, '..', 'tests', 'fixtures', 'seeds');
  const texts = readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => readFileSync(join(seeds, f), 'utf8'));
  const corpusFile = join(shots, '..', '..', 'target', 'e2e-corpus-20.jsonl');
  mkdirSync(dirname(corpusFile), { recursive: true });
  writeFileSync(corpusFile, Array.from({ length: 20 }, (_, i) =>
    JSON.stringify({ name: `article-${String(i + 1).padStart(2, '0')}.txt`, text: `（第${i + 1}份）\n${texts[i % texts.length]}` })).join('\n') + '\n');
  // The helper builds its dictionary after the engine's; wait until it has (its counter is
  // 0 then), so that it takes part in the next request.
  const helperLoaded = async () => {
    for (const w of page.workers()) {
      const [name, count] = await w.evaluate(() => [self.name, globalThis.cuoshiHelperAnalyzed]).catch(() => ['', undefined]);
      if (name === 'cuoshi-helper' && count !== undefined) return true;
    }
    return false;
  };
  for (let i = 0; i < 300 && !(await helperLoaded()); i++) await page.waitForTimeout(50);
  await page.setInputFiles('[data-testid="file-input"]', corpusFile);
  await page.waitForSelector('[data-testid="status"][data-busy="false"][data-docs="25"]', { timeout: 60000 });
  const names = await page.$$eval('[data-testid="doc-item"]', (items) => items.map((i) => i.textContent));
  const inOrder = names.slice(5).every((n, i) => n.includes(`article-${String(i + 1).padStart(2, '0')}`));
  check(names.length === 25 && inOrder, `the 20 articles arrive after the examples, in order (${names.length})`);
  const workers = await Promise.all(page.workers().map((w) => w.evaluate(() => [self.name, globalThis.cuoshiHelperAnalyzed || 0])));
  const helped = workers.filter(([name]) => name === 'cuoshi-helper').map(([, n]) => n);
  check(helped.length === 1 && helped[0] > 0 && helped[0] < 20,
    `a helper worker analyzed a share of the articles (${JSON.stringify(workers)})`);
  // A reload restores the 25 documents from IndexedDB (the engine shares the restore with
  // the helper once it is ready), in the same order.
  await page.reload();
  await page.waitForSelector('[data-testid="status"][data-busy="false"][data-docs="25"]', { timeout: 60000 });
  const restored = await page.$$eval('[data-testid="doc-item"]', (items) => items.map((i) => i.textContent));
  check(JSON.stringify(restored) === JSON.stringify(names), `a reload restores the 25 documents in order (${restored.length})`);

  check(foreign.length === 0, `no request outside the page's origin ${foreign.length ? foreign.join(', ') : ''}`);
  check(consoleErrors.length === 0, `no console errors ${consoleErrors.join(' | ')}`);

  // The page carries a Content-Security-Policy that keeps it to its own origin, the app ran
  // under it without a violation, and it really blocks: an injected inline script (what an
  // article's <script> would be, were it ever put into the page as markup) does not run.
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  check(!!csp && csp.includes("default-src 'self'") && /script-src 'self'/.test(csp) &&
    !/script-src[^;]*'unsafe-inline'/.test(csp), `CSP meta limits the page to its origin: ${csp}`);
  const quiet = await page.evaluate(() => window.__csp.length);
  check(quiet === 0, `no CSP violation while loading and analyzing (${quiet})`);
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.append(s);
    const img = document.createElement('img');
    img.src = 'https://example.invalid/x.png';
    document.body.append(img);
    // Violation events are dispatched asynchronously: wait for both (at most 2 s).
    for (let i = 0; i < 100 && window.__csp.length < 2; i++) await new Promise((r) => requestAnimationFrame(r));
    return { injected: window.__injected === true, violations: window.__csp.slice() };
  });
  check(!ran.injected && ran.violations.length >= 2,
    `CSP blocks an injected inline script and a foreign image (${ran.violations.join('; ')})`);
} catch (e) {
  failures.push(String(e));
  console.error(e);
} finally {
  await browser.close();
  server.close();
}
if (failures.length) {
  console.error(`e2e: ${failures.length} failure(s)`);
  process.exit(1);
}
console.log(`e2e: all checks passed; screenshots in ${shots}`);
