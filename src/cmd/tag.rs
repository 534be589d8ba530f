//! `navne tag`: documents in, one row (or JSON line, …) per mention out.

use std::io::{self, BufWriter, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Args, CommandFactory};

use super::progress::{self, Progress, ProgressMode};
use super::{tagger, GazetteerArgs};
use navne::corpus::{self, Fields, Input, Units};
use navne::output::AtomicFile;
use navne::{OutputFormat, Pipeline, Summary};

/// The flags of `navne tag`.
#[derive(Args)]
pub struct TagArgs {
    /// Files or directories (.txt, .jsonl, either also .gz), or - for standard input.
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,
    /// Write the output here (atomically: it appears only when complete) instead of stdout;
    /// - is stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format. Every format is written in input order and flushed after each batch of
    /// documents.
    #[arg(long, value_enum, default_value = "csv", value_name = "FORMAT")]
    format: FormatArg,
    /// CSV without its header row (the other formats have none).
    #[arg(long)]
    no_header: bool,
    /// Exit 0 even when some documents could not be read: they are still reported on stderr,
    /// with file and line, and counted in the summary line.
    #[arg(long)]
    keep_going: bool,
    /// Progress on stderr.
    #[arg(long, value_enum, default_value_t = ProgressMode::Auto, value_name = "HOW")]
    progress: ProgressMode,
    /// Seconds between lines of --progress lines (fractions allowed).
    #[arg(long, default_value = "10", value_name = "SECONDS",
          value_parser = progress::parse_interval)]
    progress_interval: Duration,
    /// Worker threads [default: all cores]; at most 8 per available core (more are cut to that
    /// with a warning).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// No progress and no summary line (--progress none, and no summary).
    #[arg(short, long)]
    quiet: bool,
    /// JSON field holding the document id.
    #[arg(long, default_value = "id", value_name = "NAME")]
    id_field: String,
    /// JSON field holding the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_field: String,
    /// JSON field holding the date.
    #[arg(long, default_value = "date", value_name = "NAME")]
    date_field: String,
    /// The most one document may have, in MB (10^6 bytes) of text as read (after gzip); a
    /// longer one is reported and skipped, and never held in memory whole.
    #[arg(long, default_value_t = corpus::DEFAULT_MAX_DOC_BYTES / 1_000_000, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=u64::MAX / 1_000_000))]
    max_doc_mb: u64,
    #[command(flatten)]
    gazetteer: GazetteerArgs,
}

/// A value of `--format`: the formats, their names and help from the library's table
/// ([`OutputFormat`]).
#[derive(Clone, Copy)]
struct FormatArg(OutputFormat);

impl clap::ValueEnum for FormatArg {
    fn value_variants<'a>() -> &'a [FormatArg] {
        const ALL: [FormatArg; OutputFormat::ALL.len()] = {
            let mut all = [FormatArg(OutputFormat::Csv); OutputFormat::ALL.len()];
            let mut k = 0;
            while k < all.len() {
                all[k] = FormatArg(OutputFormat::ALL[k]);
                k += 1;
            }
            all
        };
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.name()).help(self.0.help()))
    }
}

/// `navne tag`: tags the inputs and writes one row per mention.
pub fn run(args: TagArgs) -> Result<ExitCode> {
    if args.inputs.is_empty() && io::stdin().is_terminal() {
        let mut cmd = crate::Cli::command();
        let sub = cmd.find_subcommand_mut("tag").expect("tag is a subcommand");
        sub.print_help()?;
        return Ok(ExitCode::from(2));
    }
    remove_unfinished_on_signal()?;
    let threads = thread_count(args.threads)?;
    let inputs: Vec<Input> = if args.inputs.is_empty() {
        vec![Input::Stdin]
    } else {
        args.inputs.iter().map(|a| Input::parse(a)).collect()
    };
    // Before the gazetteers load: a mistyped path is said at once, and nothing is written.
    corpus::check_inputs(&inputs).context("cannot read input")?;
    let output = args.output.as_deref().filter(|p| p.as_os_str() != "-");
    anyhow::ensure!(
        !(args.format.0.is_binary() && output.is_none() && io::stdout().is_terminal()),
        "--format {} is binary: write it with -o FILE, or pipe it",
        args.format.0
    );
    let tagger = tagger(&args.gazetteer)?;
    let fields = Fields {
        id: args.id_field,
        text: args.text_field,
        date: args.date_field,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    let mode = if args.quiet {
        ProgressMode::None
    } else {
        args.progress
    };
    let progress = Progress::new(mode, &inputs, args.progress_interval);
    let format = args.format.0.build(tagger.matcher(), !args.no_header);
    let pipeline = Pipeline::new(&tagger, fields).format(format);
    let units = Units::new(inputs).max_doc_bytes(args.max_doc_mb * 1_000_000);
    let on_progress = |so_far: &Summary| progress.update(so_far);
    let on_skip = |e: &navne::Error| progress.report(format_args!("navne: skipped {e}"));

    let result: Result<Summary> = match output {
        Some(path) => {
            let mut file =
                create_output(path).with_context(|| format!("cannot create {}", path.display()))?;
            let summary = pool.install(|| pipeline.run(units, &mut file, on_progress, on_skip));
            let summary = summary.with_context(|| format!("cannot write {}", path.display()))?;
            commit_output(file).with_context(|| format!("cannot write {}", path.display()))?;
            Ok(summary)
        }
        None => {
            let mut out = BufWriter::with_capacity(1 << 16, io::stdout());
            pool.install(|| pipeline.run(units, &mut out, on_progress, on_skip))
                .map_err(anyhow::Error::from)
        }
    };
    progress.finish();
    // The matcher, the word lists and the output columns are hundreds of thousands of small
    // allocations, freed one by one on drop: about 10 ms, which a job that starts navne per
    // file or per partition would pay on every run. The process ends right after this, and the
    // system takes the memory back at once; everything written is flushed by now.
    std::mem::forget(pipeline);
    std::mem::forget(tagger);
    let summary = result.context("cannot write the output")?;
    if !args.quiet {
        eprintln!("navne: {summary}");
    }
    Ok(exit_code(&summary, args.keep_going))
}

/// More worker threads than this per available core only cost: tagging is bound by the
/// cores, and a few threads beyond them already cover the reading thread's waits.
const MAX_THREADS_PER_CORE: usize = 8;

/// The number of worker threads for `--threads`: all cores when not given; cut, with a
/// warning, to [`MAX_THREADS_PER_CORE`] per available core, as thousands of threads on a few
/// cores spend their time starting and switching, not tagging (the rows never depend on the
/// number of threads).
fn thread_count(asked: Option<usize>) -> Result<usize> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let Some(n) = asked else {
        return Ok(cores);
    };
    anyhow::ensure!(n > 0, "--threads must be at least 1");
    let max = cores.saturating_mul(MAX_THREADS_PER_CORE);
    if n > max {
        eprintln!(
            "navne: warning: --threads {n} is more than {MAX_THREADS_PER_CORE} per available \
             core ({cores} cores); using {max}"
        );
        return Ok(max);
    }
    Ok(n)
}

/// The temporary file `-o` is being written to, for [`remove_unfinished_on_signal`] to remove.
static UNFINISHED: Mutex<Option<PathBuf>> = Mutex::new(None);

fn unfinished() -> MutexGuard<'static, Option<PathBuf>> {
    // A panic elsewhere must not stop the signal handler from cleaning up.
    UNFINISHED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// On SIGINT, SIGTERM or SIGHUP: removes the unfinished `-o` file and exits with 128 + the
/// signal's number (130, 143, 129), as a shell reports a process the signal ended. Without
/// this, Ctrl-C would leave the temporary file behind, as no destructor runs.
fn remove_unfinished_on_signal() -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
        .context("cannot install signal handlers")?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Held until the exit: no new temporary file is created, and none renamed.
                let unfinished = unfinished();
                if let Some(temp) = unfinished.as_deref() {
                    let _ = std::fs::remove_file(temp);
                }
                std::process::exit(128 + signal);
            }
        })
        .context("cannot start the signal thread")?;
    Ok(())
}

/// Creates the `-o` file and registers its temporary file for removal on a signal; the two
/// happen under one lock, so a signal never finds a file it does not know of.
fn create_output(path: &Path) -> io::Result<AtomicFile> {
    let mut unfinished = unfinished();
    let file = AtomicFile::create(path)?;
    *unfinished = file.temp_path().map(Path::to_path_buf);
    Ok(file)
}

/// Renames the finished `-o` file into place; a signal meanwhile waits for the rename.
fn commit_output(file: AtomicFile) -> io::Result<()> {
    let mut unfinished = unfinished();
    let committed = file.commit();
    *unfinished = None;
    committed
}

/// 1 when documents were skipped, unless `--keep-going` says that is expected; else 0.
fn exit_code(summary: &Summary, keep_going: bool) -> ExitCode {
    if summary.skipped > 0 && !keep_going {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
