//! The `whosaid` command line: parse arguments, run, report errors as `whosaid: …` with exit 2.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use whosaid::Grammar;
use whosaid::input::{read_source, sources};
use whosaid::output::{CLAIM_COLUMNS, Format, PAIR_COLUMNS, PEOPLE_COLUMNS, QUOTE_COLUMNS, RowWriter};
use whosaid::people::Aliases;
use whosaid::pipeline::{Run, Tables, people_rows};

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
    /// Write claims.csv and counterclaims.csv into a folder: who asserts what, and who denies it.
    Claims {
        paths: Vec<PathBuf>,
        /// The folder to write into; it is created if needed.
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
    },
    /// Write every table (quotes.csv, people.csv, claims.csv, counterclaims.csv) into a folder.
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
    let create_in = |dir: &Path, name: &str| -> Result<BufWriter<File>> {
        let p = dir.join(name);
        Ok(BufWriter::new(File::create(&p).with_context(|| format!("{}: cannot create", p.display()))?))
    };
    let make_dir = |dir: &Path| std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create folder", dir.display()));
    match cli.command {
        Command::Quotes { paths, format, output } => {
            let (ok, t) = read_all(&paths, &grammar, &aliases)?;
            write_rows(open(&output)?, format, QUOTE_COLUMNS, &t.quotes)?;
            Ok(ok)
        }
        Command::People { paths, format, output } => {
            let (ok, t) = read_all(&paths, &grammar, &aliases)?;
            write_rows(open(&output)?, format, PEOPLE_COLUMNS, &people_rows(&t.registry))?;
            Ok(ok)
        }
        Command::Claims { paths, output } => {
            make_dir(&output)?;
            let (ok, t) = read_all(&paths, &grammar, &aliases)?;
            write_rows(create_in(&output, "claims.csv")?, Format::Csv, CLAIM_COLUMNS, &t.claims)?;
            write_rows(create_in(&output, "counterclaims.csv")?, Format::Csv, PAIR_COLUMNS, &t.pairs)?;
            Ok(ok)
        }
        Command::Run { paths, output } => {
            make_dir(&output)?;
            let (ok, t) = read_all(&paths, &grammar, &aliases)?;
            write_rows(create_in(&output, "quotes.csv")?, Format::Csv, QUOTE_COLUMNS, &t.quotes)?;
            write_rows(create_in(&output, "people.csv")?, Format::Csv, PEOPLE_COLUMNS, &people_rows(&t.registry))?;
            write_rows(create_in(&output, "claims.csv")?, Format::Csv, CLAIM_COLUMNS, &t.claims)?;
            write_rows(create_in(&output, "counterclaims.csv")?, Format::Csv, PAIR_COLUMNS, &t.pairs)?;
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

/// Reads every input, extracts its quotes and claims, and builds the registry. Returns whether
/// every input was read, and the tables.
fn read_all(paths: &[PathBuf], g: &Grammar, aliases: &Aliases) -> Result<(bool, Tables)> {
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
    Ok((ok, run.tables(aliases, g)))
}

fn display_id(source: &str, id: &str) -> String {
    if Path::new(source).file_name().is_some_and(|n| n.to_string_lossy() == id) { source.to_string() } else { format!("{source}:{id}") }
}
