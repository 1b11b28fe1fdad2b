//! The `whosaid` command line: parse arguments, run, report errors as `whosaid: …` with exit 2.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use whosaid::Grammar;
use whosaid::input::{read_source, sources};
use whosaid::output::{Format, QUOTE_COLUMNS, RowWriter, quote_rows};

#[derive(Parser)]
#[command(name = "whosaid", version, about = "Find the quotes in news articles and who said them.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Read the lexicons from this folder; files missing there come from the built-in grammar.
    #[arg(long, global = true, value_name = "DIR")]
    grammar: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Print one row per quote: its span, kind, speaker, cue and the rule that found it.
    Quotes {
        /// Files, folders (walked for *.txt and *.jsonl) or `-` for standard input.
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write every table (quotes.csv) into a folder.
    Run {
        paths: Vec<PathBuf>,
        /// The folder to write into; it is created if needed.
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
    },
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| eprintln!("whosaid: internal error: {info}")));
    let cli = Cli::parse();
    match run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(2),
        Err(e) => {
            if e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)) {
                return ExitCode::SUCCESS;
            }
            eprintln!("whosaid: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Runs the command; `Ok(false)` when some input failed (each already reported on stderr).
fn run(cli: Cli) -> Result<bool> {
    let grammar = match &cli.grammar {
        Some(dir) => Grammar::with_overrides(dir)?,
        None => Grammar::embedded(),
    };
    match cli.command {
        Command::Quotes { paths, format, output } => {
            let out: Box<dyn Write> = match &output {
                Some(p) => Box::new(File::create(p).with_context(|| format!("{}: cannot create", p.display()))?),
                None => Box::new(std::io::stdout().lock()),
            };
            write_quotes(&paths, &grammar, BufWriter::new(out), format)
        }
        Command::Run { paths, output } => {
            std::fs::create_dir_all(&output).with_context(|| format!("{}: cannot create folder", output.display()))?;
            let p = output.join("quotes.csv");
            let f = File::create(&p).with_context(|| format!("{}: cannot create", p.display()))?;
            write_quotes(&paths, &grammar, BufWriter::new(f), Format::Csv)
        }
    }
}

fn write_quotes(paths: &[PathBuf], g: &Grammar, out: impl Write, format: Format) -> Result<bool> {
    let mut w = RowWriter::new(out, format, QUOTE_COLUMNS)?;
    let mut ok = true;
    let mut io_err: Option<std::io::Error> = None;
    for src in sources(paths) {
        let src = match src {
            Ok(s) => s,
            Err(e) => {
                eprintln!("whosaid: {e}");
                ok = false;
                continue;
            }
        };
        read_source(&src, &mut |article| {
            if io_err.is_some() {
                return;
            }
            match article {
                Ok(a) => {
                    // A bug on one article must not lose the others' rows.
                    let Ok((quotes, warnings)) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| whosaid::extract(&a, g))) else {
                        eprintln!("whosaid: {}: internal error; article skipped", display_id(&src.name(), &a.id));
                        ok = false;
                        return;
                    };
                    for warn in warnings {
                        eprintln!("whosaid: warning: {}:{}: byte {}: {}", display_id(&src.name(), &a.id), warn.line, warn.byte, warn.message);
                    }
                    for row in quote_rows(&a, &quotes) {
                        if let Err(e) = w.write(&row) {
                            io_err = Some(e);
                            return;
                        }
                    }
                }
                Err(e) => {
                    eprintln!("whosaid: {e}");
                    ok = false;
                }
            }
        });
        if let Some(e) = io_err.take() {
            return Err(e).context("writing output");
        }
    }
    w.flush().context("writing output")?;
    Ok(ok)
}

fn display_id(source: &str, id: &str) -> String {
    if Path::new(source).file_name().is_some_and(|n| n.to_string_lossy() == id) { source.to_string() } else { format!("{source}:{id}") }
}
