//! The command line: `cuoshi analyze [--format json|jsonl] FILE...`.
//!
//! It reads files (or `-` for standard input), runs the same [`Analyzer`] as the web
//! worker and prints the report of `spec/report.md`. One unreadable file becomes an entry
//! of `errors`; the exit code is non-zero only when no document could be analyzed.

use std::io::{Read, Write};

use clap::{Parser, Subcommand, ValueEnum};

use crate::core::examples::EXAMPLES;
use crate::core::model::InputError;
use crate::core::pipeline::{Analyzer, Input};

#[derive(Parser, Debug)]
#[command(name = "cuoshi", version, about = "Cuoshi 措施 — extract and compare the policy measures of Chinese articles")]
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
        /// Article files; `-` reads one article from standard input.
        files: Vec<String>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// One JSON report.
    Json,
    /// One JSON document per line, then a last line with the comparison.
    Jsonl,
}

fn read_inputs(files: &[String], examples: bool) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    if examples {
        inputs.extend(EXAMPLES.iter().map(|(name, bytes)| Input::new(*name, *bytes)));
    }
    for path in files {
        let read = if path == "-" {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map(|_| buf)
        } else {
            std::fs::read(path)
        };
        match read {
            Ok(bytes) => inputs.push(Input::new(path.clone(), bytes)),
            Err(e) => errors.push(InputError {
                name: path.clone(),
                message: crate::core::error::IngestError::Unreadable(e.to_string()).to_string(),
            }),
        }
    }
    (inputs, errors)
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
    match cli.command {
        Command::Analyze { format, pretty, examples, files } => {
            if files.is_empty() && !examples {
                eprintln!("cuoshi analyze: 请给出文件 / give at least one FILE (or --examples)");
                return 2;
            }
            let (inputs, read_errors) = read_inputs(&files, examples);
            let mut report = Analyzer::new().analyze(&inputs);
            let mut errors = read_errors;
            errors.append(&mut report.errors);
            report.errors = errors;
            for e in &report.errors {
                eprintln!("{}: {}", e.name, e.message);
            }
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            let written = match format {
                Format::Json if pretty => serde_json::to_writer_pretty(&mut out, &report),
                Format::Json => serde_json::to_writer(&mut out, &report),
                Format::Jsonl => report
                    .documents
                    .iter()
                    .try_for_each(|d| serde_json::to_writer(&mut out, d).map(|_| {
                        let _ = writeln!(out);
                    }))
                    .and_then(|_| {
                        serde_json::to_writer(&mut out, &serde_json::json!({
                            "comparison": report.comparison,
                            "errors": report.errors,
                        }))
                    }),
            };
            let _ = writeln!(out);
            if written.is_err() {
                return 1;
            }
            i32::from(report.documents.is_empty())
        }
    }
}
