//! The `whosaid` command line: parse arguments, run, report errors as `whosaid: …` with exit 2.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use whosaid::Grammar;
use whosaid::input::{read_source, sources};
use whosaid::output::{Format, PEOPLE_COLUMNS, QUOTE_COLUMNS, QuoteRow, RowWriter};
use whosaid::people::{Aliases, Registry};
use whosaid::pipeline::{Run, people_rows};

#[derive(Parser)]
#[command(name = "whosaid", version, about = "Find the quotes in news articles and who said them.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Read the lexicons from this folder; files missing there come from the built-in grammar.
    #[arg(long, global = true, value_name = "DIR")]
    grammar: Option<PathBuf>,
    /// A CSV of `variant,canonical` rows that force a merge of two names (`variant,!canonical`
    /// forbids it); its rows win over the heuristics.
    #[arg(long, global = true, value_name = "FILE")]
    aliases: Option<PathBuf>,
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
    /// Print one row per person (or organization, state, anonymous source) across the articles.
    People {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write every table (quotes.csv, people.csv) into a folder.
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
    let aliases = match &cli.aliases {
        Some(p) => {
            let text = std::fs::read_to_string(p).with_context(|| format!("{}: cannot read", p.display()))?;
            Aliases::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?
        }
        None => Aliases::default(),
    };
    let open = |p: &Option<PathBuf>| -> Result<BufWriter<Box<dyn Write>>> {
        Ok(BufWriter::new(match p {
            Some(p) => Box::new(File::create(p).with_context(|| format!("{}: cannot create", p.display()))?),
            None => Box::new(std::io::stdout().lock()),
        }))
    };
    match cli.command {
        Command::Quotes { paths, format, output } => {
            let (ok, rows, _) = read_all(&paths, &grammar, &aliases)?;
            write_rows(open(&output)?, format, QUOTE_COLUMNS, &rows)?;
            Ok(ok)
        }
        Command::People { paths, format, output } => {
            let (ok, _, registry) = read_all(&paths, &grammar, &aliases)?;
            write_rows(open(&output)?, format, PEOPLE_COLUMNS, &people_rows(&registry))?;
            Ok(ok)
        }
        Command::Run { paths, output } => {
            std::fs::create_dir_all(&output).with_context(|| format!("{}: cannot create folder", output.display()))?;
            let (ok, rows, registry) = read_all(&paths, &grammar, &aliases)?;
            let create = |name: &str| -> Result<BufWriter<File>> {
                let p = output.join(name);
                Ok(BufWriter::new(File::create(&p).with_context(|| format!("{}: cannot create", p.display()))?))
            };
            write_rows(create("quotes.csv")?, Format::Csv, QUOTE_COLUMNS, &rows)?;
            write_rows(create("people.csv")?, Format::Csv, PEOPLE_COLUMNS, &people_rows(&registry))?;
            Ok(ok)
        }
    }
}

fn write_rows<T: serde::Serialize>(out: impl Write, format: Format, columns: &[&str], rows: &[T]) -> Result<()> {
    let mut w = RowWriter::new(out, format, columns)?;
    for row in rows {
        w.write(row).context("writing output")?;
    }
    w.flush().context("writing output")
}

/// Reads every input, extracts its quotes, and builds the people registry. Returns whether every
/// input was read, the final quote rows, and the registry.
fn read_all(paths: &[PathBuf], g: &Grammar, aliases: &Aliases) -> Result<(bool, Vec<QuoteRow>, Registry)> {
    let mut run = Run::new();
    let mut ok = true;
    for src in sources(paths) {
        let src = match src {
            Ok(s) => s,
            Err(e) => {
                eprintln!("whosaid: {e}");
                ok = false;
                continue;
            }
        };
        read_source(&src, &mut |article| match article {
            Ok(a) => {
                // A bug on one article must not lose the others' rows.
                let Ok(warnings) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run.add(&a, g))) else {
                    eprintln!("whosaid: {}: internal error; article skipped", display_id(&src.name(), &a.id));
                    ok = false;
                    return;
                };
                for warn in warnings {
                    eprintln!("whosaid: warning: {}:{}: byte {}: {}", display_id(&src.name(), &a.id), warn.line, warn.byte, warn.message);
                }
            }
            Err(e) => {
                eprintln!("whosaid: {e}");
                ok = false;
            }
        });
    }
    let (rows, registry) = run.finish(aliases, g);
    Ok((ok, rows, registry))
}

fn display_id(source: &str, id: &str) -> String {
    if Path::new(source).file_name().is_some_and(|n| n.to_string_lossy() == id) { source.to_string() } else { format!("{source}:{id}") }
}
