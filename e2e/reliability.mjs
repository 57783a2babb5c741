// End-to-end test of what the page does when its analysis worker dies, when the user
// cancels, and when two tabs share one workspace: serves DIST under /cuoshi/ and drives
// Debian's headless Chromium with playwright-core (the real workers, the real IndexedDB).
//
//  1. A crash forced in the analysis worker while it analyzes a corpus: the page says so,
//     naming the corpus file; the documents from before are intact; a reload does not run
//     the corpus again.
//  2. Cancel while a corpus is analyzed: the request ends, the documents are intact.
//  3. Two pages of one context: a change in one reaches the other, with a message.
//
//   node e2e/reliability.mjs DIST        (scripts/test.sh builds DIST with trunk)
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.argv[2] || join(here, '..', 'dist');

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

// A corpus long enough to be caught mid-way: 1,500 distinct articles made of the seeds.
const seeds = join(here, '..', 'tests', 'fixtures', 'seeds');
const texts = readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => readFileSync(join(seeds, f), 'utf8'));
const corpusFile = join(here, '..', 'target', 'e2e-corpus-1500.jsonl');
mkdirSync(dirname(corpusFile), { recursive: true });
writeFileSync(corpusFile, Array.from({ length: 1500 }, (_, i) =>
  JSON.stringify({ name: `long-${i + 1}.txt`, text: `（第${i + 1}份）\n${texts[i % texts.length]}` })).join('\n') + '\n');

const server = await serve(dist, 0, '/cuoshi/');
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic'],
});

const idleWith = (docs) => `[data-testid="status"][data-busy="false"][data-docs="${docs}"]`;
const busy = '[data-testid="status"][data-busy="true"]';

/// The analysis worker of `page` (not its helper, which runs the same script).
async function analysisWorker(page) {
  for (let i = 0; i < 200; i++) {
    for (const w of page.workers()) {
      const name = await w.evaluate(() => self.name).catch(() => null);
      if (name === '') return w;
    }
    await page.waitForTimeout(50);
  }
  return null;
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${origin}/cuoshi/`);
  await page.getByTestId('load-examples').click();
  await page.waitForSelector(idleWith(5), { timeout: 120000 });

  // 1. A crash in the middle of a request.
  await page.setInputFiles('[data-testid="file-input"]', corpusFile);
  await page.waitForSelector('[data-testid="progress"] progress[max]', { timeout: 60000 });
  const worker = await analysisWorker(page);
  check(worker !== null, 'the analysis worker is found');
  const started = Date.now();
  await worker.evaluate(() => setTimeout(() => { throw new Error('forced crash (e2e)'); }, 0));
  const stopped = page.locator('[data-kind="worker_stopped"]');
  await stopped.waitFor({ timeout: 60000 });
  const said = await stopped.innerText();
  check(said.includes('e2e-corpus-1500.jsonl'), `the message names the input: ${said}`);
  await page.waitForSelector(idleWith(5), { timeout: 120000 });
  check(true, `the five documents from before are intact (${Date.now() - started} ms to recover)`);
  await page.reload();
  await page.waitForSelector(idleWith(5), { timeout: 120000 });
  check(true, 'after a reload: the five documents, the crashing corpus not run again');

  // 2. Cancel.
  await page.setInputFiles('[data-testid="file-input"]', corpusFile);
  await page.waitForSelector(busy, { timeout: 60000 });
  await page.getByTestId('cancel').click();
  await page.locator('[data-kind="cancelled"]').waitFor({ timeout: 60000 });
  await page.waitForSelector(idleWith(5), { timeout: 120000 });
  check(true, 'a cancelled request leaves the five documents');

  // 3. Two pages of one context share the workspace.
  const other = await context.newPage();
  await other.goto(`${origin}/cuoshi/`);
  await other.waitForSelector(idleWith(5), { timeout: 120000 });
  await page.getByTestId('doc-remove').first().click();
  await page.waitForSelector(idleWith(4), { timeout: 180000 });
  await other.waitForSelector(idleWith(4), { timeout: 180000 });
  const told = await other.locator('[data-kind="changed_elsewhere"]').count();
  check(told === 1, 'the other page shows the change, and says so');
  await other.reload();
  await other.waitForSelector(idleWith(4), { timeout: 120000 });
  check(true, 'the other page, reloaded, has the four documents');
} catch (e) {
  failures.push(String(e));
  console.log(`FAIL ${e}`);
} finally {
  await browser.close();
  server.close();
}
if (failures.length) {
  console.log(`\n${failures.length} failure(s)`);
  process.exit(1);
}
console.log('\nall reliability checks passed');
