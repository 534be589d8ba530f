//! `navne gazetteer`: inspecting the gazetteers.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Subcommand;

use super::GazetteerArgs;
use navne::Matcher;

/// The subcommands of `navne gazetteer`.
#[derive(Subcommand)]
pub enum GazetteerCommand {
    /// Check every gazetteer file and print entries and surface forms per label.
    Stats(GazetteerArgs),
}

/// Runs a `navne gazetteer` subcommand.
pub fn run(command: GazetteerCommand) -> Result<ExitCode> {
    match command {
        GazetteerCommand::Stats(args) => stats(args),
    }
}

/// `navne gazetteer stats`: checks the gazetteers and counts entries and forms.
fn stats(args: GazetteerArgs) -> Result<ExitCode> {
    let g = args.load().context("cannot load gazetteers")?;
    args.lexicon().context("cannot load rule word lists")?;
    let counts = g.label_counts();
    let names = g.labels().clone();
    let ambiguous = g.ambiguous_list_len();
    // Time the automaton alone: what every run pays before its first document.
    let started = std::time::Instant::now();
    let matcher = Matcher::new(g).context("cannot build the matcher")?;
    let built = started.elapsed();
    let mut out = io::stdout().lock();
    // As wide as the longest custom label's name, if one is longer than `label`.
    let w = counts
        .iter()
        .map(|c| names.name(c.0).len())
        .fold(6, usize::max);
    writeln!(
        out,
        "{:<w$} {:>9} {:>13}",
        "label", "entries", "surface forms"
    )?;
    for (l, entries, forms) in counts {
        writeln!(out, "{:<w$} {entries:>9} {forms:>13}", names.name(l))?;
    }
    writeln!(out, "ambiguous forms listed: {ambiguous}")?;
    writeln!(
        out,
        "automaton: {} patterns (all-capitals forms included), built in {:.3} s",
        matcher.surface_count(),
        built.as_secs_f64()
    )?;
    Ok(ExitCode::SUCCESS)
}
