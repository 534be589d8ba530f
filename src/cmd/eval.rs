//! `navne eval`: precision, recall and F1 against gold-annotated text.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use super::{tagger, GazetteerArgs};

/// The flags of `navne eval`.
#[derive(Args)]
pub struct EvalArgs {
    /// Gold files in IOB2 column format (UNER/UD), CoNLL-2003 layout, or DaN+ (token, tag,
    /// nested tag; -part names optional, -deriv and MISC ignored).
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// Print the figures as one JSON object.
    #[arg(long)]
    json: bool,
    /// Write every false positive and false negative to this CSV file.
    #[arg(long, value_name = "FILE.csv")]
    errors: Option<PathBuf>,
    #[command(flatten)]
    gazetteer: GazetteerArgs,
}

/// `navne eval`: scores the tagger against gold files.
pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let tagger = tagger(&args.gazetteer)?;
    let opts = navne::eval::EvalOptions {
        json: args.json,
        errors: args.errors,
    };
    let mut out = io::stdout().lock();
    navne::eval::run(&tagger, &args.files, &opts, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
