//! The command line: `cuoshi analyze [--format json|jsonl] [--taxonomy FILE] [--dict FILE]
//! [--stopwords FILE] FILE...` and `cuoshi taxonomy` (the default taxonomy, to edit).
//!
//! It reads files (or `-` for standard input), expands containers (zip, docx, JSON/JSONL
//! corpora), runs the same [`Analyzer`] as the web worker on all cores, and prints the
//! report of `spec/report.md`. `--format jsonl` streams: articles are read, analyzed and
//! printed in bounded batches (a JSONL corpus is read line by line), so memory stays flat
//! for any corpus size. One unreadable input becomes an entry of `errors`; the exit code is
//! non-zero only when no document could be analyzed.

use std::collections::{BTreeMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, Read, Write};

use clap::{Parser, Subcommand, ValueEnum};

use crate::core::container;
use crate::core::error::IngestError;
use crate::core::examples::EXAMPLES;
use crate::core::model::{DocumentReport, InputError};
use crate::core::pipeline::{Analyzer, Input};
use crate::core::settings::{default_taxonomy_json, AnalyzerSettings};

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
    InputError {
        name: name.to_string(),
        message: e.to_string(),
    }
}

/// Every article the command line names, lazily: JSONL files are read line by line.
fn articles(files: Vec<String>, examples: bool) -> impl Iterator<Item = Article> {
    let builtin = examples
        .then(|| {
            EXAMPLES
                .iter()
                .map(|(name, bytes)| Ok(Input::new(*name, *bytes)))
        })
        .into_iter()
        .flatten();
    builtin.chain(
        files
            .into_iter()
            .flat_map(|path| -> Box<dyn Iterator<Item = Article>> {
                if path != "-" && container::extension(&path).as_deref() == Some("jsonl") {
                    return match std::fs::File::open(&path) {
                        Ok(file) => Box::new(BufReader::new(file).lines().enumerate().filter_map(
                            move |(i, line)| {
                                match line {
                                    Ok(line) => container::jsonl_line(&path, i + 1, &line)
                                        .map(|a| a.map_err(|e| refused(&path, e))),
                                    Err(e) => Some(Err(refused(
                                        &path,
                                        IngestError::Unreadable(e.to_string()),
                                    ))),
                                }
                            },
                        )),
                        Err(e) => Box::new(std::iter::once(Err(refused(
                            &path,
                            IngestError::Unreadable(e.to_string()),
                        )))),
                    };
                }
                let read = if path == "-" {
                    let mut buf = Vec::new();
                    std::io::stdin().read_to_end(&mut buf).map(|_| buf)
                } else {
                    std::fs::read(&path)
                };
                match read {
                    Ok(bytes) => Box::new(
                        container::expand(&Input::new(path, bytes))
                            .into_iter()
                            .map(|a| a.map_err(|(name, e)| refused(&name, e))),
                    ),
                    Err(e) => Box::new(std::iter::once(Err(refused(
                        &path,
                        IngestError::Unreadable(e.to_string()),
                    )))),
                }
            }),
    )
}

/// Analyzes `batch` on `threads` threads, keeping the batch's order; document ids are
/// `d{first_id + index}`.
fn analyze_batch(
    analyzer: &Analyzer,
    batch: &[(usize, Input)],
    threads: usize,
) -> Vec<Result<DocumentReport, InputError>> {
    // Each thread takes the next article until none is left (articles differ in length, so
    // fixed halves would leave a core idle); results are put back in the batch's order.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, Result<DocumentReport, InputError>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads.clamp(1, batch.len().max(1)))
            .map(|_| {
                let next = &next;
                scope.spawn(move || {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((n, input)) = batch.get(i) else {
                            break;
                        };
                        let result = analyzer
                            .analyze_document(&format!("d{n}"), input)
                            .map_err(|e| refused(&input.name, e));
                        out.push((i, result));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|_| vec![]))
            .collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Drops a document whose cleaned text was seen before.
fn dedupe(
    doc: DocumentReport,
    seen: &mut HashSet<u64>,
    names: &mut BTreeMap<u64, String>,
) -> Result<DocumentReport, InputError> {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    doc.text.hash(&mut h);
    let key = h.finish();
    if !seen.insert(key) {
        let first = names.get(&key).cloned().unwrap_or_default();
        return Err(refused(&doc.name, IngestError::Duplicate(first)));
    }
    names.insert(key, doc.name.clone());
    Ok(doc)
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
    let analyzer = Analyzer::new();
    let dictionary_ms = ms() - t0;
    let mut batch = Vec::new();
    for (n, article) in articles(files, false).enumerate() {
        match article {
            Ok(input) => batch.push((n + 1, input)),
            Err(e) => eprintln!("{}: {}", e.name, e.message),
        }
    }
    let input_bytes: usize = batch.iter().map(|(_, i)| i.bytes.len()).sum();
    let threads = all_cores(threads);
    let t0 = ms();
    let documents: Vec<DocumentReport> = analyze_batch(&analyzer, &batch, threads)
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    let analyzed = documents.len();
    let analyze_ms = ms() - t0;
    let segmentation = crate::core::bench::segmentation(
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
        if let Err(e) = crate::core::decode::encoding_name(label) {
            eprintln!("cuoshi analyze: {e}");
            return 2;
        }
    }
    if files.is_empty() && !examples {
        eprintln!("cuoshi analyze: 请给出文件 / give at least one FILE (or --examples)");
        return 2;
    }
    let threads = all_cores(threads);
    let analyzer = match settings(taxonomy, dict, stopwords)
        .and_then(|s| Analyzer::with_settings(&s).map_err(|e| e.to_string()))
    {
        Ok(analyzer) => analyzer,
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
    let mut seen = HashSet::new();
    let mut names = BTreeMap::new();
    let mut batch = Vec::new();
    let mut articles = articles(files, examples).peekable();
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
        for result in analyze_batch(&analyzer, &batch, threads) {
            match result.and_then(|d| dedupe(d, &mut seen, &mut names)) {
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

    let written = if format == Format::Jsonl {
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({ "comparison": { "matrix": matrix }, "errors": errors }),
        )
    } else {
        analyzed = documents.len();
        let report = analyzer.assemble(documents, errors);
        let written = if pretty {
            serde_json::to_writer_pretty(&mut out, &report)
        } else {
            serde_json::to_writer(&mut out, &report)
        };
        // The process ends next: freeing a large report piece by piece only costs time.
        std::mem::forget(report);
        written
    };
    if written.is_err() || writeln!(out).is_err() || out.flush().is_err() {
        return 1;
    }
    i32::from(analyzed == 0)
}
