//! The `whosaid` command line: parse arguments, run, report errors as `whosaid: …` with exit 2.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

/// A run makes many small allocations, on several threads: mimalloc serves them in about 15%
/// fewer instructions of the whole run than the system's allocator, and on a corpus a hundred
/// times the size of PolNeAR train holds less memory at its peak (260 MB against 300 MB).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use whosaid::{Article, Grammar};
use whosaid::input::{Pending, read_source_lazily, sources};
use whosaid::output::Format;
use whosaid::people::Aliases;
use whosaid::pipeline::{Batch, Extractor, Outputs, Stream};

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
    /// Threads for extraction (default: all cores); the output is the same for any number.
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,
    /// No progress bar on stderr.
    #[arg(long, short, global = true)]
    quiet: bool,
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
    let open = |p: &Option<PathBuf>| -> Result<BufWriter<Box<dyn Write + Send>>> {
        Ok(BufWriter::new(match p {
            Some(p) => Box::new(File::create(p).with_context(|| format!("{}: cannot create", p.display()))?),
            None => Box::new(std::io::stdout()),
        }))
    };
    let threads = cli.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().context("starting threads")?;
    let how = Reading { pool, quiet: cli.quiet };
    let create_in = |dir: &Path, name: &str| -> Result<BufWriter<File>> {
        let p = dir.join(name);
        Ok(BufWriter::new(File::create(&p).with_context(|| format!("{}: cannot create", p.display()))?))
    };
    let make_dir = |dir: &Path| std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create folder", dir.display()));
    // The process ends once the tables are written: the registry's memory is left to the
    // system, and so is the grammar's.
    let grammar = std::mem::ManuallyDrop::new(grammar);
    let write = |stream: Stream, out: Outputs| {
        let (aliases, grammar) = (&aliases, &*grammar);
        how.pool.install(move || stream.leaving_memory().write(aliases, grammar, out)).context("writing output")
    };
    match cli.command {
        Command::Quotes { paths, format, output } => {
            let (ok, stream) = read_all(&paths, Stream::new(format).keeping(true, false), &grammar, &how);
            let mut w = open(&output)?;
            write(stream, Outputs { quotes: Some(&mut w), ..Outputs::default() })?;
            Ok(ok)
        }
        Command::People { paths, format, output } => {
            let (ok, stream) = read_all(&paths, Stream::new(format).keeping(false, false), &grammar, &how);
            let mut w = open(&output)?;
            write(stream, Outputs { people: Some((&mut w, format)), ..Outputs::default() })?;
            Ok(ok)
        }
        Command::Claims { paths, output } => {
            make_dir(&output)?;
            let (ok, stream) = read_all(&paths, Stream::new(Format::Csv).keeping(false, true), &grammar, &how);
            let (mut c, mut p) = (create_in(&output, "claims.csv")?, create_in(&output, "counterclaims.csv")?);
            write(stream, Outputs { claims: Some(&mut c), pairs: Some(&mut p), ..Outputs::default() })?;
            Ok(ok)
        }
        Command::Run { paths, output } => {
            make_dir(&output)?;
            let (ok, stream) = read_all(&paths, Stream::new(Format::Csv), &grammar, &how);
            let mut q = create_in(&output, "quotes.csv")?;
            let mut pe = create_in(&output, "people.csv")?;
            let mut c = create_in(&output, "claims.csv")?;
            let mut p = create_in(&output, "counterclaims.csv")?;
            write(
                stream,
                Outputs { quotes: Some(&mut q), people: Some((&mut pe, Format::Csv)), claims: Some(&mut c), pairs: Some(&mut p) },
            )?;
            Ok(ok)
        }
    }
}

/// How a run reads: threads and progress display.
struct Reading {
    pool: rayon::ThreadPool,
    quiet: bool,
}

/// Articles are extracted in batches of about this many bytes: enough to keep every thread busy,
/// little enough that only a few texts are held at once.
const BATCH_BYTES: usize = 1 << 20;

/// A batch, extracted: each input item in order (an article's id and size, or the error of its
/// line), and what the stream keeps of its articles.
struct Extracted {
    source: String,
    items: Vec<Result<(String, usize), whosaid::Error>>,
    batch: Batch,
}

/// Parses a batch's lines and extracts its articles, all on the pool's threads; the texts are
/// dropped once extracted.
fn extract(source: String, batch: Vec<Pending>, ex: &Extractor, g: &Grammar, pool: &rayon::ThreadPool) -> Extracted {
    use rayon::prelude::*;
    let parsed: Vec<Option<Result<Article, whosaid::Error>>> = pool.install(|| batch.into_par_iter().map(Pending::parse).collect());
    let mut items = Vec::with_capacity(parsed.len());
    let mut articles = Vec::with_capacity(parsed.len());
    for p in parsed.into_iter().flatten() {
        match p {
            Ok(a) => {
                items.push(Ok((a.id.clone(), a.text.len())));
                articles.push(a);
            }
            Err(e) => items.push(Err(e)),
        }
    }
    let batch = ex.extract(&articles, g, pool);
    Extracted { source, items, batch }
}

/// Reads every input article by article, extracting batches on the pool's threads. With more
/// than one thread, a batch is extracted while the one before is kept and the next is read, so
/// that this thread's work does not hold the others up. Returns whether every input was read,
/// and the stream.
fn read_all(paths: &[PathBuf], mut run: Stream, g: &Grammar, how: &Reading) -> (bool, Stream) {
    let mut ok = true;
    let progress = Progress::new(how.quiet);
    let ex = run.extractor();
    let overlap = how.pool.current_num_threads() > 1;
    let keep = |e: Extracted, run: &mut Stream, ok: &mut bool| {
        let mut results = run.keep_batch(e.batch).into_iter();
        for item in e.items {
            let (id, len) = match item {
                Ok(a) => a,
                Err(err) => {
                    progress.println(&format!("whosaid: {err}"));
                    *ok = false;
                    continue;
                }
            };
            match results.next() {
                Some(Ok(warnings)) => {
                    for warn in warnings {
                        progress.println(&format!("whosaid: warning: {}:{}: byte {}: {}", display_id(&e.source, &id), warn.line, warn.byte, warn.message));
                    }
                }
                Some(Err(id)) => {
                    progress.println(&format!("whosaid: {}: internal error; article skipped", display_id(&e.source, &id)));
                    *ok = false;
                }
                None => {}
            }
            progress.advance(len);
        }
    };
    std::thread::scope(|scope| {
        let mut in_flight: Option<std::thread::ScopedJoinHandle<Extracted>> = None;
        let mut send = |source: String, batch: Vec<Pending>, run: &mut Stream, ok: &mut bool| {
            if batch.is_empty() {
                return;
            }
            if !overlap {
                return keep(extract(source, batch, &ex, g, &how.pool), run, ok);
            }
            let ex = &ex;
            let next = scope.spawn(move || extract(source, batch, ex, g, &how.pool));
            if let Some(prev) = in_flight.replace(next) {
                match prev.join() {
                    Ok(e) => keep(e, run, ok),
                    Err(_) => *ok = false,
                }
            }
        };
        for src in sources(paths) {
            let src = match src {
                Ok(s) => s,
                Err(e) => {
                    progress.println(&format!("whosaid: {e}"));
                    ok = false;
                    continue;
                }
            };
            let name = src.name();
            let mut batch: Vec<Pending> = Vec::new();
            let mut bytes = 0;
            read_source_lazily(&src, &mut |p| {
                bytes += p.len();
                batch.push(p);
                if bytes >= BATCH_BYTES {
                    send(name.clone(), std::mem::take(&mut batch), &mut run, &mut ok);
                    bytes = 0;
                }
            });
            send(name, batch, &mut run, &mut ok);
        }
        if let Some(last) = in_flight.take() {
            match last.join() {
                Ok(e) => keep(e, &mut run, &mut ok),
                Err(_) => ok = false,
            }
        }
    });
    progress.finish();
    (ok, run)
}

/// A progress bar on stderr, shown only when stderr is a terminal, the run has lasted a second,
/// and `--quiet` was not given.
struct Progress {
    start: std::time::Instant,
    quiet: bool,
    bar: std::cell::RefCell<Option<indicatif::ProgressBar>>,
    done: std::cell::Cell<(usize, usize)>,
}

impl Progress {
    fn new(quiet: bool) -> Progress {
        use std::io::IsTerminal;
        let quiet = quiet || !std::io::stderr().is_terminal();
        Progress { start: std::time::Instant::now(), quiet, bar: Default::default(), done: Default::default() }
    }

    fn advance(&self, bytes: usize) {
        let (n, b) = self.done.get();
        self.done.set((n + 1, b + bytes));
        if self.quiet {
            return;
        }
        let mut bar = self.bar.borrow_mut();
        if bar.is_none() && self.start.elapsed().as_secs_f64() > 1.0 {
            let pb = indicatif::ProgressBar::new_spinner();
            pb.set_style(indicatif::ProgressStyle::with_template("{spinner} {msg} [{elapsed}]").unwrap());
            *bar = Some(pb);
        }
        if let Some(pb) = bar.as_ref() {
            pb.set_message(format!("{} articles, {:.1} MB", n + 1, (b + bytes) as f64 / 1e6));
            pb.tick();
        }
    }

    fn println(&self, line: &str) {
        match self.bar.borrow().as_ref() {
            Some(pb) => pb.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(pb) = self.bar.borrow_mut().take() {
            pb.finish_and_clear();
        }
    }
}

fn display_id(source: &str, id: &str) -> String {
    if Path::new(source).file_name().is_some_and(|n| n.to_string_lossy() == id) { source.to_string() } else { format!("{source}:{id}") }
}
