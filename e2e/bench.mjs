// The browser benchmark, beside the native one, in one run; prints JSON.
//
//   node e2e/bench.mjs DIST [CORPUS.jsonl] [--docs N]
//
// DIST is a release build (`trunk build --release --public-url /cuoshi/ --dist DIST`);
// CORPUS any JSONL file with {"text": …} per line (default: one generated from the seed
// fixtures, in target/bench-corpus.jsonl); `--docs N` cycles it to N distinct articles (the
// scale check: 2,000 documents). It serves DIST on localhost under /cuoshi/,
// opens the bench page (`?bench`) in Debian's headless Chromium and measures:
//   - dictionary ready: from navigation start to the worker's "ready", cold and from cache
//     (a reload, with the service worker serving the app);
//   - the full analysis of the corpus given to the file picker, until the page shows the
//     report; the main thread's long tasks meanwhile (PerformanceObserver 'longtask');
//     the peak JS heap of the page (CDP Performance.getMetrics, sampled);
//   - segmentation throughput inside the Wasm worker (the page's 运行基准 button:
//     crates/core/src/bench.rs, tokens kept inside Wasm);
// then runs the native `cuoshi bench` on the same corpus (one thread, for the ratio, and
// all cores, for the command line's budget), gzips the Wasm files, and checks the budgets of
// issue 6. It is a benchmark, not a test: it exits 0 whatever the numbers.
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { serve } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const argv = process.argv.slice(2);
const docsAt = argv.indexOf('--docs');
const wantDocs = docsAt >= 0 ? Number(argv[docsAt + 1]) : 0;
const positional = argv.filter((_, i) => docsAt < 0 || (i !== docsAt && i !== docsAt + 1));
const dist = resolve(positional[0] || join(root, 'dist'));
const log = (...a) => console.error('[bench]', ...a);

/** The default corpus: the seed fixtures, one JSONL line each. */
function defaultCorpus() {
  const seeds = join(root, 'tests', 'fixtures', 'seeds');
  const out = join(root, 'target', 'bench-corpus.jsonl');
  mkdirSync(dirname(out), { recursive: true });
  const lines = readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => JSON.stringify({ name: f, text: readFileSync(join(seeds, f), 'utf8') }));
  writeFileSync(out, lines.join('\n') + '\n');
  return out;
}
/** `--docs N`: the corpus cycled to N articles, each made distinct by a first line. */
function scaled(path, n) {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim());
  const out = join(root, 'target', `bench-corpus-${n}.jsonl`);
  mkdirSync(dirname(out), { recursive: true });
  const rows = [];
  for (let i = 0; i < n; i++) {
    const row = JSON.parse(lines[i % lines.length]);
    const round = Math.floor(i / lines.length);
    if (round > 0) row.text = `（第${round + 1}份）\n${row.text}`;
    if (row.name && round > 0) row.name = `${round + 1}-${row.name}`;
    rows.push(JSON.stringify(row));
  }
  writeFileSync(out, rows.join('\n') + '\n');
  return out;
}
const given = resolve(positional[1] || defaultCorpus());
const corpus = wantDocs > 0 ? scaled(given, wantDocs) : given;
const corpusLines = readFileSync(corpus, 'utf8').split('\n').filter((l) => l.trim()).length;

// --- native: cuoshi bench on the same corpus ----------------------------------------------
function native(threads) {
  const bin = join(root, 'target', 'release', 'cuoshi');
  // Always through cargo: a stale binary would time old code (quick when up to date).
  const b = spawnSync('cargo', ['build', '--release', '--quiet', '--bin', 'cuoshi'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('cargo build failed');
  const args = ['bench', '--min-ms', '3000', ...(threads ? ['--threads', String(threads)] : []), corpus];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`cuoshi bench failed: ${r.stderr}`);
  return { ...JSON.parse(r.stdout), process_wall_ms: wall };
}

// --- sizes -------------------------------------------------------------------------------
const sizes = {};
for (const f of readdirSync(dist)) {
  if (f.endsWith('.wasm')) {
    const bytes = readFileSync(join(dist, f));
    sizes[f] = { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }
}

// --- browser -----------------------------------------------------------------------------
const server = await serve(dist, 0, '/cuoshi/');
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic', '--enable-precise-memory-info'],
});
const browserResult = {};
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(() => {
    window.__longtasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch (_) { /* no long-task timing in this browser */ }
  });
  const page = await context.newPage();
  const ready = () => page.waitForFunction(() => {
    const s = document.querySelector('[data-testid="status"]');
    return s && s.dataset.busy === 'false' && performance.now();
  }, null, { polling: 'raf', timeout: 120000 }).then((h) => h.jsonValue());

  await page.goto(`${origin}/cuoshi/?bench`);
  browserResult.dictionary_ready_cold_ms = await ready();
  // Let the service worker take control, then load again from its cache.
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null,
    null, { timeout: 30000 }).catch(() => {});
  await page.reload();
  browserResult.dictionary_ready_cached_ms = await ready();
  browserResult.served_by_service_worker = await page.evaluate(() => !!navigator.serviceWorker?.controller);

  // The full analysis of the corpus, through the file picker.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  let heapPeak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      // A page that closed (or crashed) ends the sampling; the run's own error says why.
      const got = await cdp.send('Performance.getMetrics').catch(() => null);
      if (!got) break;
      const used = got.metrics.find((m) => m.name === 'JSHeapUsedSize');
      if (used) heapPeak = Math.max(heapPeak, used.value);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const start = await page.evaluate(() => performance.now());
  await page.setInputFiles('[data-testid="file-input"]', corpus);
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]').dataset.busy === 'true',
    null, { polling: 'raf', timeout: 30000 }).catch(() => {});
  const end = await ready();
  sampling = false;
  await sampler;
  const docs = Number(await page.getAttribute('[data-testid="status"]', 'data-docs'));
  const long = await page.evaluate(([a, b]) => window.__longtasks.filter((t) => t.start >= a && t.start <= b), [start, end]);
  Object.assign(browserResult, {
    documents: docs,
    analysis_ms: end - start,
    long_tasks: { count: long.length, max_ms: Math.max(0, ...long.map((t) => t.duration)), total_ms: long.reduce((s, t) => s + t.duration, 0) },
    js_heap_peak_bytes: heapPeak,
  });

  // Another page of documents (more than 50): asked of the worker, only that page travels.
  if (docs > 50) {
    const t0 = await page.evaluate(() => performance.now());
    await page.getByTestId('doc-pager-view-next').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="doc-pager-view"]')?.dataset.page === '1',
      null, { polling: 'raf', timeout: 30000 });
    const t1 = await ready();
    const longPaging = await page.evaluate(([a, b]) => window.__longtasks.filter((t) => t.start >= a && t.start <= b), [t0, t1]);
    browserResult.next_page = { ms: t1 - t0, long_tasks_max_ms: Math.max(0, ...longPaging.map((t) => t.duration)) };
  }

  // Segmentation throughput inside the worker.
  await page.getByTestId('bench-run').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="bench-result"]')?.textContent.length > 2,
    null, { timeout: 120000 });
  const inWorker = JSON.parse(await page.getByTestId('bench-result').textContent());
  browserResult.segmentation = inWorker.segmentation;
  browserResult.worker_memory_bytes = inWorker.memory_bytes;
} finally {
  await browser.close();
  server.close();
}

log('browser:', JSON.stringify(browserResult));
log('native cuoshi bench (one thread, all cores)');
const nativeOne = native(1);
const nativeAll = native(null);

const ratio = browserResult.segmentation.mb_per_s / nativeOne.segmentation.mb_per_s;
const gzipTotal = Object.values(sizes).reduce((s, v) => s + v.gzip, 0);
const workerGzip = Object.entries(sizes).filter(([f]) => f.startsWith('worker')).reduce((s, [, v]) => s + v.gzip, 0);
// What `cuoshi analyze` spends (the bench's extra segmentation rounds left out).
const cliMs = nativeAll.dictionary_ms + nativeAll.analyze_ms + nativeAll.compare_ms;
const budgets = [
  ['segmentation in Wasm / native (one thread)', '>= 0.7', ratio, ratio >= 0.7],
  ['full analysis in the page, ms', '< 2000', browserResult.analysis_ms, browserResult.analysis_ms < 2000],
  ['longest main-thread task during the analysis, ms', '<= 50', browserResult.long_tasks.max_ms, browserResult.long_tasks.max_ms <= 50],
  ['dictionary ready from cache, ms after navigation', '<= 300', browserResult.dictionary_ready_cached_ms, browserResult.dictionary_ready_cached_ms <= 300],
  ['worker Wasm (with the dictionary), gzip bytes', '<= 3 MB', workerGzip, workerGzip <= 3e6],
  ['CLI on all cores: dictionary + analysis + comparison, ms', '< 1000', cliMs, cliMs < 1000],
].map(([name, budget, value, met]) => ({ name, budget, value: Math.round(value * 1000) / 1000, met }));

console.log(JSON.stringify({
  corpus: { path: corpus, lines: corpusLines, bytes: statSync(corpus).size },
  browser: browserResult,
  native: { one_thread: nativeOne, all_cores: nativeAll },
  segmentation_ratio_wasm_over_native: ratio,
  sizes: { files: sizes, gzip_total: gzipTotal },
  budgets,
}, null, 2));
