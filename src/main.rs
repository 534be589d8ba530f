//! The `navne` command line: turns flags into library builders and errors into exit codes.
//! Each subcommand has its own file under `src/cmd/`; only they know about flags.
//!
//! Exit codes: 0 all documents tagged (or the reader of the output closed it, or some were
//! skipped under `--keep-going`), 1 some documents skipped, 2 usage error (an input path that does not exist among them), gazetteer
//! error or output not written, 128 + N ended by signal N (130 SIGINT, 143 SIGTERM, 129
//! SIGHUP).

mod cmd;

use std::io;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "navne",
    version,
    about = "Find people, places and organisations in Danish text"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Tag documents and write one CSV row (or JSON line, …: see --format) per mention.
    Tag(cmd::tag::TagArgs),
    /// Score the tagger against gold-annotated text (IOB2 / CoNLL / DaN+).
    Eval(cmd::eval::EvalArgs),
    /// Inspect gazetteers.
    #[command(subcommand)]
    Gazetteer(cmd::gazetteer::GazetteerCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Tag(args) => cmd::tag::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::Gazetteer(command) => cmd::gazetteer::run(command),
    };
    match result {
        Ok(code) => code,
        // `navne … | head`: the reader has all it wants.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("navne: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let broken = |e: &io::Error| e.kind() == io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        // The library's error says its I/O error itself, so does not chain it as a source.
        c.downcast_ref::<io::Error>().is_some_and(broken)
            || c.downcast_ref::<navne::Error>()
                .is_some_and(|e| matches!(e.kind(), navne::ErrorKind::Io(io) if broken(io)))
    })
}
