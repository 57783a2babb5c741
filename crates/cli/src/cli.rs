//! The command line: `cuoshi analyze [--format json|jsonl] [--taxonomy FILE] [--dict FILE]
//! [--stopwords FILE] FILE...` and `cuoshi taxonomy` (the default taxonomy, to edit).
//!
//! It reads files (or `-` for standard input), expands containers (zip, docx, JSON/JSONL
//! corpora), runs the same [`Analyzer`] as the web worker on all cores, and prints the
//! report of `spec/report.md`. `--format jsonl` streams: articles are read, analyzed and
//! printed in bounded batches (a JSONL corpus is read line by line), so memory stays flat
//! for any corpus size. The dictionary is built on a thread of its own while the first
//! articles are read, decoded and cleaned ([`pipeline::prepare`] needs no dictionary). One
//! unreadable input becomes an entry of `errors`; the exit code is non-zero only when no
//! document could be analyzed. A file's size is checked (its metadata, then a bounded read)
//! before it is read; one [`Budget`] covers every container and article of the run, and a
//! bad JSONL line (or one over the size limit, read without being kept) is refused alone.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use cuoshi_core::container;
use cuoshi_core::container::{Budget, Limits};
use cuoshi_core::duplicates::Seen;
use cuoshi_core::error::IngestError;
use cuoshi_core::examples::EXAMPLES;
use cuoshi_core::model::{Comparison, DocumentReport, InputError, REPORT_VERSION};
use cuoshi_core::pipeline::{self, Analyzer, Input, MAX_INPUT_BYTES};
use cuoshi_core::settings::{default_taxonomy_json, AnalyzerSettings};

/// Articles analyzed together in one parallel batch when streaming.
const BATCH: usize = 256;

#[derive(Parser, Debug)]
#[command(
    name = "cuoshi",
    version,
    about = "Cuoshi 措施 — extract and compare the policy measures of Chinese articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Analyze articles and print the report (JSON, spec/report.md).
    Analyze {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Pretty-print the JSON.
        #[arg(long)]
        pretty: bool,
        /// Also analyze the five built-in example articles.
        #[arg(long)]
        examples: bool,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// A taxonomy JSON file replacing the default (start from `cuoshi taxonomy`).
        #[arg(long, value_name = "FILE")]
        taxonomy: Option<String>,
        /// A jieba user dictionary (`word freq tag` lines) added to the built-in one.
        #[arg(long, value_name = "FILE")]
        dict: Option<String>,
        /// Stop words (one a line) left out of keywords.
        #[arg(long, value_name = "FILE")]
        stopwords: Option<String>,
        /// Read every file in this encoding instead of detecting it (gbk, gb18030, big5,
        /// utf-8, utf-16le, utf-16be …).
        #[arg(long, value_name = "LABEL")]
        encoding: Option<String>,
        /// Article files (txt, md, html, docx, zip, json, jsonl); `-` reads standard input.
        files: Vec<String>,
    },
    /// Print the default taxonomy JSON, to edit and pass back with --taxonomy.
    Taxonomy,
    /// Train the measure model on the annotated articles (seeds and development set), its
    /// confidence calibrated on a 5-fold cross-validation, and write it where the build
    /// ships it; with --cv K, cross-validate by article instead and print rules-versus-model
    /// scores per source and the confidences' reliability (docs/model.md).
    Train {
        /// The fixtures directory (holding seeds/, gold/, dev/docs, dev/gold).
        #[arg(long, default_value = "tests/fixtures")]
        fixtures: String,
        /// Where to write the model.
        #[arg(long, default_value = "crates/core/data/measure_model.bin")]
        out: String,
        /// Cross-validate with K folds by article (writes no model).
        #[arg(long, value_name = "K")]
        cv: Option<usize>,
        /// With --cv: also write the held-out analyses as a report for scripts/score.py.
        #[arg(long, value_name = "FILE")]
        report: Option<String>,
    },
    /// Time the pipeline on articles and print JSON: dictionary build, the whole analysis
    /// on all cores, and segmentation throughput on one thread (the same measurement the
    /// web worker makes for the browser benchmark, `e2e/bench.mjs`).
    Bench {
        /// Worker threads for the analysis (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Segment the corpus again until this many milliseconds have passed.
        #[arg(long, default_value_t = 2000.0)]
        min_ms: f64,
        /// Article files, as for `analyze`.
        files: Vec<String>,
    },
}

/// Reads the settings files the command line names; the message says which file failed.
fn settings(
    taxonomy: Option<String>,
    dict: Option<String>,
    stopwords: Option<String>,
) -> Result<AnalyzerSettings, String> {
    let read = |path: &Option<String>| -> Result<Option<String>, String> {
        path.as_ref()
            .map(|p| {
                std::fs::read(p)
                    .map_err(|e| format!("{p}: 无法读取 / cannot read: {e}"))
                    .and_then(|b| {
                        String::from_utf8(b)
                            .map_err(|_| format!("{p}: 须为 UTF-8 文本 / must be UTF-8 text"))
                    })
            })
            .transpose()
    };
    Ok(AnalyzerSettings {
        taxonomy: read(&taxonomy)?,
        dictionary: read(&dict)?.unwrap_or_default(),
        stopwords: read(&stopwords)?.unwrap_or_default(),
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One JSON report.
    Json,
    /// One JSON document per line, then a last line with the matrix and the errors.
    Jsonl,
}

type Article = Result<Input, InputError>;

fn refused(name: &str, e: IngestError) -> InputError {
    InputError::refused(name, &e)
}

/// Reads the next line of `reader` (without its `\n`) into `line`, keeping at most `limit`
/// bytes of it: a longer line is read to its end but not kept (`line` is left empty), so
/// one huge line costs no memory. Returns the line's whole length, `None` at the end of the
/// input.
fn read_line_bounded(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<Option<u64>> {
    line.clear();
    let mut length: u64 = 0;
    let mut any = false;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(any.then_some(length));
        }
        any = true;
        let (part, found) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i)),
            None => (chunk, None),
        };
        length += part.len() as u64;
        if length <= limit as u64 {
            line.extend_from_slice(part);
        } else {
            line.clear();
        }
        let used = found.map_or(part.len(), |i| i + 1);
        reader.consume(used);
        if found.is_some() {
            return Ok(Some(length));
        }
    }
}

/// The articles of a JSONL corpus, one line at a time; a bad or oversized line is refused
/// alone, under the name `file#line`.
struct JsonlLines {
    path: String,
    reader: BufReader<std::fs::File>,
    line: Vec<u8>,
    n: usize,
    done: bool,
}

impl Iterator for JsonlLines {
    type Item = Article;

    fn next(&mut self) -> Option<Article> {
        while !self.done {
            self.n += 1;
            let name = || format!("{}#{}", self.path, self.n);
            // A line holds one article and its JSON quoting: at most twice the input limit.
            let limit = 2 * MAX_INPUT_BYTES;
            match read_line_bounded(&mut self.reader, &mut self.line, limit) {
                Ok(None) => self.done = true,
                Ok(Some(length)) if length > limit as u64 => {
                    return Some(Err(refused(
                        &name(),
                        IngestError::TooLarge {
                            size_mb: length.div_ceil(1024 * 1024),
                            limit_mb: (MAX_INPUT_BYTES / (1024 * 1024)) as u64,
                        },
                    )))
                }
                Ok(Some(_)) => {
                    if let Some(article) = container::jsonl_record(&self.path, self.n, &self.line) {
                        return Some(article.map_err(|(name, e)| refused(&name, e)));
                    }
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(refused(
                        &name(),
                        IngestError::Unreadable(e.to_string()),
                    )));
                }
            }
        }
        None
    }
}

/// The most bytes read of one named file: a container's limit or an article's.
fn size_limit(path: &str) -> u64 {
    match container::extension(path).as_deref() {
        Some("zip" | "json" | "jsonl") => container::MAX_CONTAINER_BYTES,
        _ => MAX_INPUT_BYTES as u64,
    }
}

/// Reads `path` (`-`: standard input) after checking its size: a file over its limit is
/// refused by its metadata without being read, and every read goes through a bound (a
/// pipe or a file that grows has no trustworthy size).
fn read_bounded(path: &str) -> Result<Vec<u8>, IngestError> {
    let limit = size_limit(path);
    let too_large = |size: u64| IngestError::TooLarge {
        size_mb: size.div_ceil(1024 * 1024),
        limit_mb: limit / (1024 * 1024),
    };
    let unreadable = |e: std::io::Error| IngestError::Unreadable(e.to_string());
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
    } else {
        let file = std::fs::File::open(path).map_err(unreadable)?;
        let size = file.metadata().map_err(unreadable)?.len();
        if size > limit {
            return Err(too_large(size));
        }
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
    }
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Every article the command line names, lazily: JSONL files are read line by line. One
/// `budget` covers every container and article of the run.
fn articles<'a>(
    files: Vec<String>,
    examples: bool,
    budget: &'a Budget,
) -> impl Iterator<Item = Article> + 'a {
    let builtin = examples
        .then(|| {
            EXAMPLES
                .iter()
                .map(|(name, bytes)| Ok(Input::new(*name, *bytes)))
        })
        .into_iter()
        .flatten();
    let files = files
        .into_iter()
        .flat_map(move |path| -> Box<dyn Iterator<Item = Article>> {
            if path != "-" && container::extension(&path).as_deref() == Some("jsonl") {
                return match std::fs::File::open(&path) {
                    Ok(file) => Box::new(
                        JsonlLines {
                            path,
                            reader: BufReader::new(file),
                            line: Vec::new(),
                            n: 0,
                            done: false,
                        }
                        .map(move |article| {
                            let input = article?;
                            match budget.spend_article(&input) {
                                Ok(()) => Ok(input),
                                Err(e) => Err(refused(&input.name, e)),
                            }
                        }),
                    ),
                    Err(e) => Box::new(std::iter::once(Err(refused(
                        &path,
                        IngestError::Unreadable(e.to_string()),
                    )))),
                };
            }
            match read_bounded(&path) {
                Ok(bytes) => Box::new(
                    container::expand_within(&Input::new(path, bytes), budget)
                        .into_iter()
                        .map(|a| a.map_err(|(name, e)| refused(&name, e))),
                ),
                Err(e) => Box::new(std::iter::once(Err(refused(&path, e)))),
            }
        });
    builtin.chain(files)
}

/// Maps `items` with `f` on `threads` threads, keeping their order: each thread takes the
/// next item until none is left (articles differ in length, so fixed halves would leave a
/// core idle).
fn parallel_map<I, R>(items: I, threads: usize, f: impl Fn(I::Item) -> R + Sync) -> Vec<R>
where
    I: ExactSizeIterator + Send,
    I::Item: Send,
    R: Send,
{
    let threads = threads.clamp(1, items.len().max(1));
    let queue = std::sync::Mutex::new(items.enumerate());
    let next = || queue.lock().unwrap_or_else(|e| e.into_inner()).next();
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let (next, f) = (&next, &f);
                scope.spawn(move || {
                    let mut out = Vec::new();
                    while let Some((i, item)) = next() {
                        out.push((i, f(item)));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// The analyzer: still being built on its own thread, or ready.
struct Pending {
    building: Option<std::thread::JoinHandle<Result<Analyzer, String>>>,
    ready: Option<Analyzer>,
}

impl Pending {
    /// Starts building the analyzer of `settings` on a new thread.
    fn build(settings: AnalyzerSettings) -> Self {
        Pending {
            building: Some(std::thread::spawn(move || {
                Analyzer::with_settings(&settings).map_err(|e| e.to_string())
            })),
            ready: None,
        }
    }

    fn ready(analyzer: Analyzer) -> Self {
        Pending {
            building: None,
            ready: Some(analyzer),
        }
    }

    /// The analyzer, waiting for it if it is still being built; the build's error once.
    fn get(&mut self) -> Result<&Analyzer, String> {
        if let Some(handle) = self.building.take() {
            let built = handle
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e))?;
            self.ready = Some(built);
        }
        self.ready
            .as_ref()
            .ok_or_else(|| "分析器未能建立 / the analyzer could not be built".to_string())
    }
}

/// Analyzes `batch` on `threads` threads, keeping the batch's order; document ids are
/// `d{first_id + index}`. The inputs are prepared (decoded, cleaned …) while the analyzer
/// may still be building; an analyzer that failed to build is the error.
fn analyze_batch(
    analyzer: &mut Pending,
    batch: &[(usize, Input)],
    threads: usize,
) -> Result<Vec<Result<DocumentReport, InputError>>, String> {
    let prepared = parallel_map(batch.iter(), threads, |(n, input)| {
        pipeline::prepare(&format!("d{n}"), input).map_err(|e| refused(&input.name, e))
    });
    let analyzer = analyzer.get()?;
    Ok(parallel_map(prepared.into_iter(), threads, |p| {
        p.map(|p| analyzer.finish(p))
    }))
}

/// Serializes one part of the report into its own buffer (parts are serialized in parallel).
type Part<'a> = Box<dyn Fn() -> serde_json::Result<Vec<u8>> + Send + Sync + 'a>;

fn part<'a, T: Serialize + Sync + ?Sized>(value: &'a T) -> Part<'a> {
    Box::new(move || serde_json::to_vec(value))
}

/// Writes the compact JSON of the [`Report`] that [`Analyzer::assemble`] would build of
/// `documents` and `errors` — byte for byte — without waiting for one step at a time: the
/// documents are written while the comparison is computed, and the comparison's parts (the
/// aligned groups in chunks) are serialized on `threads` threads.
fn write_report(
    out: &mut impl Write,
    analyzer: &Analyzer,
    mut documents: Vec<DocumentReport>,
    errors: &[InputError],
    threads: usize,
) -> std::io::Result<()> {
    pipeline::weigh(&mut documents);
    let docs = &documents;
    let written = std::thread::scope(|scope| -> std::io::Result<Comparison> {
        let comparison = scope.spawn(|| analyzer.compare(docs));
        out.write_all(b"{\"version\":")?;
        serde_json::to_writer(&mut *out, &REPORT_VERSION)?;
        out.write_all(b",\"taxonomy\":")?;
        serde_json::to_writer(&mut *out, &analyzer.taxonomy().entries())?;
        out.write_all(b",\"documents\":")?;
        serde_json::to_writer(&mut *out, docs)?;
        let c = comparison
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        // The aligned groups are most of the comparison: in chunks, each without its
        // brackets, to be joined by commas.
        let chunk = c.aligned.len().div_ceil(4 * threads.max(1)).max(1);
        let mut jobs: Vec<Part> = vec![
            part(&c.matrix),
            part(&c.similarity),
            part(&c.term_similarity),
            part(&c.pairs),
        ];
        jobs.extend(c.aligned.chunks(chunk).map(part));
        let parts = parallel_map(jobs.iter(), threads, |p| p())
            .into_iter()
            .collect::<serde_json::Result<Vec<Vec<u8>>>>()?;
        let [matrix, similarity, term_similarity, pairs] = [0, 1, 2, 3].map(|i| &parts[i]);
        out.write_all(b",\"comparison\":{\"matrix\":")?;
        out.write_all(matrix)?;
        out.write_all(b",\"aligned\":[")?;
        for (i, chunk) in parts[4..].iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            out.write_all(&chunk[1..chunk.len() - 1])?;
        }
        out.write_all(b"],\"similarity\":")?;
        out.write_all(similarity)?;
        out.write_all(b",\"term_similarity\":")?;
        out.write_all(term_similarity)?;
        out.write_all(b",\"pairs\":")?;
        out.write_all(pairs)?;
        if !c.closest.is_empty() {
            out.write_all(b",\"closest\":")?;
            serde_json::to_writer(&mut *out, &c.closest)?;
        }
        if c.abridged {
            out.write_all(b",\"abridged\":true")?;
        }
        out.write_all(b"}")?;
        if !errors.is_empty() {
            out.write_all(b",\"errors\":")?;
            serde_json::to_writer(&mut *out, errors)?;
        }
        out.write_all(b"}")?;
        drop((jobs, parts));
        Ok(c)
    });
    // The process ends next: freeing a large report piece by piece only costs time.
    std::mem::forget((documents, written?));
    Ok(())
}

/// Drops a document whose article was seen before ([`Seen`]).
fn dedupe(doc: DocumentReport, seen: &mut Seen) -> Result<DocumentReport, InputError> {
    match seen.first(&doc) {
        Ok(()) => Ok(doc),
        Err(e) => Err(refused(&doc.name, e)),
    }
}

/// The threads asked for, else one per core.
fn all_cores(threads: Option<usize>) -> usize {
    threads
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1)
}

/// `cuoshi bench`: times the dictionary, the analysis and segmentation; prints JSON.
fn bench(files: Vec<String>, threads: Option<usize>, min_ms: f64) -> i32 {
    if files.is_empty() {
        eprintln!("cuoshi bench: 请给出文件 / give at least one FILE");
        return 2;
    }
    let started = std::time::Instant::now();
    let ms = move || started.elapsed().as_secs_f64() * 1000.0;
    let t0 = ms();
    let mut analyzer = Pending::ready(Analyzer::new());
    let dictionary_ms = ms() - t0;
    let mut batch = Vec::new();
    let budget = Budget::new();
    for (n, article) in articles(files, false, &budget).enumerate() {
        match article {
            Ok(input) => batch.push((n + 1, input)),
            Err(e) => eprintln!("{}: {}", e.name, e.message),
        }
    }
    let input_bytes: usize = batch.iter().map(|(_, i)| i.bytes.len()).sum();
    let threads = all_cores(threads);
    let t0 = ms();
    let documents: Vec<DocumentReport> = analyze_batch(&mut analyzer, &batch, threads)
        .unwrap_or_default()
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    let analyzed = documents.len();
    let analyze_ms = ms() - t0;
    let Ok(analyzer) = analyzer.get() else {
        return 1;
    };
    let segmentation = cuoshi_core::bench::segmentation(
        analyzer.segmenter(),
        documents.iter().map(|d| d.text.as_str()),
        &ms,
        min_ms,
        10_000,
    );
    let t0 = ms();
    let report = analyzer.assemble(documents, Vec::new());
    let compare_ms = ms() - t0;
    drop(report);
    let out = serde_json::json!({
        "articles": batch.len(),
        "documents": analyzed,
        "input_bytes": input_bytes,
        "threads": threads,
        "dictionary_ms": dictionary_ms,
        "analyze_ms": analyze_ms,
        "compare_ms": compare_ms,
        "segmentation": segmentation,
    });
    println!("{out}");
    i32::from(analyzed == 0)
}

/// Runs the command line with `args` (without the program name); returns the exit code.
/// `cuoshi train`: the shipped model, or a cross-validation table.
fn train(fixtures: &str, out: &str, cv: Option<usize>, report: Option<&str>) -> i32 {
    use cuoshi_core::training::train;
    let articles = match train::load_fixtures(std::path::Path::new(fixtures)) {
        Ok(a) if !a.is_empty() => a,
        Ok(_) => {
            eprintln!(
                "cuoshi train: {fixtures} 中没有标注文章 / no annotated articles in {fixtures}"
            );
            return 1;
        }
        Err(e) => {
            eprintln!("cuoshi train: {fixtures}: {e}");
            return 1;
        }
    };
    let kit = train::Kit::new();
    let mut settings = train::Settings::default();
    // Experiment knobs (cross-validation only; the shipped model uses the defaults).
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f64>().ok());
    if cv.is_some() {
        if let Some(v) = env("CUOSHI_THRESHOLD") {
            settings.threshold = v as f32;
        }
        if let Some(v) = env("CUOSHI_JOIN") {
            settings.join_threshold = v as f32;
        }
        if let Some(v) = env("CUOSHI_WEAK") {
            settings.weak_threshold = v as f32;
        }
        if let Some(v) = env("CUOSHI_CAT_L2") {
            settings.category.l2 = v;
        }
        if let Some(v) = env("CUOSHI_CAT_STEPS") {
            settings.category.steps = v as usize;
        }
        if let Some(v) = env("CUOSHI_CAT_RATE") {
            settings.category.rate = v;
        }
        if let Some(v) = env("CUOSHI_L2") {
            settings.measure.l2 = v;
            settings.category.l2 = v;
        }
        if let Some(v) = env("CUOSHI_STEPS") {
            settings.measure.steps = v as usize;
            settings.category.steps = v as usize;
            settings.join.steps = v as usize;
        }
        settings.spans_only = std::env::var_os("CUOSHI_SPANS_ONLY").is_some();
        if let Some(v) = env("CUOSHI_PRUNE") {
            settings.prune = v as f32;
        }
        if let Some(v) = env("CUOSHI_RATE") {
            settings.measure.rate = v;
            settings.category.rate = v;
            settings.join.rate = v;
        }
    }
    let t0 = std::time::Instant::now();
    if let Some(k) = cv {
        let result = train::cross_validate(&kit, &articles, k, &settings);
        print!("{}", train::table(&result));
        eprintln!(
            "{k}-fold cross-validation of {} articles in {:.1} s",
            articles.len(),
            t0.elapsed().as_secs_f64()
        );
        if let Some(path) = report {
            let analyzer = Analyzer::new();
            let r = analyzer.assemble(result.documents, Vec::new());
            let json = serde_json::to_string(&r).expect("a report serializes");
            if let Err(e) = std::fs::write(path, json) {
                eprintln!("cuoshi train: {path}: {e}");
                return 1;
            }
        }
        return 0;
    }
    let model = train::train_all(&kit, &articles, &settings);
    let bytes = model.to_bytes();
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("cuoshi train: {out}: {e}");
        return 1;
    }
    let weights: usize = [&model.measure, &model.join]
        .into_iter()
        .chain(model.categories.iter().map(|(_, h)| h))
        .map(|h| h.weights.len())
        .sum();
    let (a, b) = model.calibration.unwrap_or((1.0, 0.0));
    eprintln!(
        "trained on {} articles in {:.1} s: {out}, {} bytes, {weights} weights, \
         calibration σ({a:.3}·logit(r) {b:+.3})",
        articles.len(),
        t0.elapsed().as_secs_f64(),
        bytes.len()
    );
    let (clauses, seconds) = train::inference_time(&kit, &articles, &model);
    eprintln!(
        "inference: {clauses} clauses in {:.3} s, {:.1} ms per 1,000 clauses",
        seconds,
        seconds * 1e6 / clauses.max(1) as f64
    );
    0
}

pub fn run(args: Vec<String>) -> i32 {
    let cli = match Cli::try_parse_from(std::iter::once("cuoshi".to_string()).chain(args)) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let (format, pretty, examples, threads, files, taxonomy, dict, stopwords, encoding) =
        match cli.command {
            Command::Taxonomy => {
                println!("{}", default_taxonomy_json());
                return 0;
            }
            Command::Bench {
                threads,
                min_ms,
                files,
            } => return bench(files, threads, min_ms),
            Command::Train {
                fixtures,
                out,
                cv,
                report,
            } => return train(&fixtures, &out, cv, report.as_deref()),
            Command::Analyze {
                format,
                pretty,
                examples,
                threads,
                files,
                taxonomy,
                dict,
                stopwords,
                encoding,
            } => (
                format, pretty, examples, threads, files, taxonomy, dict, stopwords, encoding,
            ),
        };
    if let Some(label) = &encoding {
        if let Err(e) = cuoshi_core::decode::encoding_name(label) {
            eprintln!("cuoshi analyze: {e}");
            return 2;
        }
    }
    if files.is_empty() && !examples {
        eprintln!("cuoshi analyze: 请给出文件 / give at least one FILE (or --examples)");
        return 2;
    }
    let threads = all_cores(threads);
    let mut analyzer = match settings(taxonomy, dict, stopwords) {
        Ok(settings) => Pending::build(settings),
        Err(e) => {
            eprintln!("cuoshi analyze: {e}");
            return 2;
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());

    let mut documents = Vec::new();
    let mut errors = Vec::new();
    let mut matrix: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
    let mut analyzed = 0usize;
    let mut seen = Seen::default();
    let mut batch = Vec::new();
    // One budget for the run; `--format jsonl` streams (memory stays flat), so its
    // characters are not capped.
    let budget = Budget::with_limits(match format {
        Format::Json => Limits::DEFAULT,
        Format::Jsonl => Limits {
            chars: u64::MAX,
            ..Limits::DEFAULT
        },
    });
    let mut articles = articles(files, examples, &budget).peekable();
    let mut next = 1usize;
    while articles.peek().is_some() {
        batch.clear();
        for article in articles.by_ref() {
            match article {
                Ok(mut input) => {
                    input.encoding = encoding.clone().or(input.encoding);
                    batch.push((next, input));
                    next += 1;
                }
                Err(e) => {
                    eprintln!("{}: {}", e.name, e.message);
                    errors.push(e);
                }
            }
            if format == Format::Jsonl && batch.len() == BATCH {
                break;
            }
        }
        let results = match analyze_batch(&mut analyzer, &batch, threads) {
            Ok(results) => results,
            Err(e) => {
                eprintln!("cuoshi analyze: {e}");
                return 2;
            }
        };
        for result in results {
            match result.and_then(|d| dedupe(d, &mut seen)) {
                Ok(doc) if format == Format::Jsonl => {
                    for m in &doc.measures {
                        *matrix
                            .entry(m.category.clone())
                            .or_default()
                            .entry(doc.id.clone())
                            .or_default() += 1;
                    }
                    analyzed += 1;
                    if serde_json::to_writer(&mut out, &doc).is_err() || writeln!(out).is_err() {
                        return 1;
                    }
                }
                Ok(doc) => documents.push(doc),
                Err(e) => {
                    eprintln!("{}: {}", e.name, e.message);
                    errors.push(e);
                }
            }
        }
    }
    // A bad user dictionary is reported even when no article was read.
    let analyzer = match analyzer.get() {
        Ok(analyzer) => analyzer,
        Err(e) => {
            eprintln!("cuoshi analyze: {e}");
            return 2;
        }
    };

    let written = if format == Format::Jsonl {
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({ "comparison": { "matrix": matrix }, "errors": errors }),
        )
    } else if pretty {
        analyzed = documents.len();
        let report = analyzer.assemble(documents, errors);
        let written = serde_json::to_writer_pretty(&mut out, &report);
        // The process ends next: freeing a large report piece by piece only costs time.
        std::mem::forget(report);
        written
    } else {
        analyzed = documents.len();
        write_report(&mut out, analyzer, documents, &errors, threads).map_err(serde_json::Error::io)
    };
    if written.is_err() || writeln!(out).is_err() || out.flush().is_err() {
        return 1;
    }
    i32::from(analyzed == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_within_a_bound_and_measured_whole() {
        let text = b"short\nthis line is too long\n\nlast".to_vec();
        let mut reader = BufReader::with_capacity(4, &text[..]);
        let mut line = Vec::new();
        let mut got = Vec::new();
        while let Some(length) = read_line_bounded(&mut reader, &mut line, 10).unwrap() {
            got.push((length, String::from_utf8(line.clone()).unwrap()));
        }
        assert_eq!(
            got,
            [
                (5, "short".to_string()),
                (21, String::new()),
                (0, String::new()),
                (4, "last".to_string())
            ]
        );
    }

    #[test]
    fn parallel_map_keeps_the_order_on_any_number_of_threads() {
        for threads in [0, 1, 2, 3, 64] {
            let squares = parallel_map(0..50u32, threads, |x| x * x);
            assert_eq!(squares, (0..50u32).map(|x| x * x).collect::<Vec<_>>());
            assert!(parallel_map(std::iter::empty::<u8>(), threads, |x| x).is_empty());
        }
    }

    #[test]
    fn a_pending_analyzer_gives_its_build_error() {
        let mut bad = Pending::build(AnalyzerSettings {
            dictionary: "好词 1\n坏词 x n\n".into(),
            ..AnalyzerSettings::default()
        });
        let e = bad.get().unwrap_err();
        assert!(e.contains("第 2 行") && e.contains("line 2"), "{e}");
        assert!(bad.get().is_err(), "a failed build stays failed");
        let mut good = Pending::build(AnalyzerSettings::default());
        assert!(good.get().unwrap().segmenter().knows("复工复产"));
        let batch = [
            (4, Input::new("a.txt", "推动企业复工复产。")),
            (5, Input::new("b.pdf", "x")),
        ];
        let results = analyze_batch(&mut good, &batch, 2).unwrap();
        assert_eq!(results[0].as_ref().unwrap().id, "d4");
        assert_eq!(results[1].as_ref().unwrap_err().name, "b.pdf");
    }

    #[test]
    fn the_written_report_is_the_serialized_report() {
        let analyzer = Analyzer::new();
        let documents: Vec<DocumentReport> = EXAMPLES
            .iter()
            .enumerate()
            .map(|(i, (name, bytes))| {
                let input = Input::new(*name, *bytes);
                analyzer
                    .analyze_document(&format!("d{}", i + 1), &input)
                    .unwrap()
            })
            .collect();
        let error = InputError::refused("scan.pdf", &IngestError::UnsupportedType("pdf".into()));
        // Past FULL_COMPARISON_DOCUMENTS the comparison is abridged (`closest`,
        // `abridged`): the seeds over and over, under ids of their own.
        let many: Vec<DocumentReport> = (0..cuoshi_core::compare::FULL_COMPARISON_DOCUMENTS + 1)
            .map(|k| {
                let mut doc = documents[k % documents.len()].clone();
                doc.renumber(&format!("d{}", k + 1));
                doc
            })
            .collect();
        let expected = serde_json::to_vec(&analyzer.assemble(many.clone(), vec![])).unwrap();
        let mut written = Vec::new();
        write_report(&mut written, &analyzer, many, &[], 2).unwrap();
        assert!(written == expected, "an abridged report");
        let json: serde_json::Value = serde_json::from_slice(&written).unwrap();
        assert_eq!(json["comparison"]["abridged"], true);
        assert_eq!(json["comparison"]["closest"].as_array().unwrap().len(), 100);
        for (n, errors, threads) in [
            (documents.len(), vec![], 2),
            (documents.len(), vec![error.clone()], 1),
            (1, vec![error], 3),
            (0, vec![], 2),
        ] {
            let docs = documents[..n].to_vec();
            let expected =
                serde_json::to_vec(&analyzer.assemble(docs.clone(), errors.clone())).unwrap();
            let mut written = Vec::new();
            write_report(&mut written, &analyzer, docs, &errors, threads).unwrap();
            assert!(
                written == expected,
                "{n} documents, {} errors",
                errors.len()
            );
        }
    }
}
