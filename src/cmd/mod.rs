//! The `navne` command line's subcommands, one file each: only they know about flags; they
//! turn them into the library's builders. Also the parts that are no library's business:
//! what it draws on the terminal and writes to a cluster's log ([`progress`]).

pub mod eval;
pub mod gazetteer;
pub mod progress;
pub mod tag;

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use navne::matcher::Matcher;
use navne::{Gazetteer, GazetteerFile, Layer, Layers, Lexicon, Tagger};

/// The flags that say which gazetteers, word lists and rule layers a tagger is built from,
/// shared by every subcommand.
#[derive(Args)]
pub struct GazetteerArgs {
    /// Directory with people.tsv, places.tsv, organisations.tsv and ambiguous.txt
    /// [default: the gazetteers shipped with navne].
    #[arg(long, value_name = "DIR")]
    gazetteers: Option<PathBuf>,
    /// Also load FILE with every entry labelled LABEL: PER, LOC, ORG or a label of your own
    /// (EVENT: uppercase ASCII letters, digits, _ and -, starting with a letter, at most 32
    /// bytes); a `label` column overrides it per row; repeatable.
    #[arg(long = "gazetteer", value_name = "FILE:LABEL")]
    extra: Vec<GazetteerFile>,
    /// Switch off a rule layer, or all of them; repeatable.
    #[arg(long, value_enum, value_name = "LAYER")]
    without: Vec<Without>,
    /// Which case a name may be written in: `auto` also finds listed names written in
    /// lowercase in informal text (`odense`, `ida jensen`); `strict` only as listed or in
    /// capitals (the same as --without lowercase).
    #[arg(long, value_enum, default_value_t = Case::Auto, value_name = "CASE")]
    case: Case,
}

/// What `--without` switches off: one rule layer, or all. Its values and their help come
/// from the table of layers ([`Layer`]).
#[derive(Clone, Copy)]
enum Without {
    /// Every rule layer: the gazetteer pass alone.
    All,
    /// One layer.
    Layer(Layer),
}

/// Every value of `--without`: each layer, in the order they run, then `all`.
const WITHOUT: [Without; Layer::ALL.len() + 1] = {
    let mut values = [Without::All; Layer::ALL.len() + 1];
    let mut k = 0;
    while k < Layer::ALL.len() {
        values[k] = Without::Layer(Layer::ALL[k]);
        k += 1;
    }
    values
};

impl clap::ValueEnum for Without {
    fn value_variants<'a>() -> &'a [Without] {
        &WITHOUT
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(match self {
            Without::All => clap::builder::PossibleValue::new("all")
                .help("every rule layer: the gazetteer pass alone"),
            Without::Layer(l) => clap::builder::PossibleValue::new(l.name()).help(l.help()),
        })
    }
}

/// How `--case` lets names be written.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Case {
    /// As listed, in capitals, and in lowercase in informal text.
    Auto,
    /// As listed or in capitals only.
    Strict,
}

impl GazetteerArgs {
    /// The rule layers left on by `--without`.
    pub fn layers(&self) -> Layers {
        let mut layers = Layers::all();
        for w in &self.without {
            layers = match *w {
                Without::All => Layers::none(),
                Without::Layer(layer) => layers.with(layer, false),
            };
        }
        if self.case == Case::Strict {
            layers = layers.with(Layer::Lowercase, false);
        }
        layers
    }

    /// The rule word lists: `DIR/rules/` of `--gazetteers DIR` where present, else shipped.
    pub fn lexicon(&self) -> navne::Result<Lexicon> {
        Lexicon::for_gazetteers(self.gazetteers.as_deref())
    }

    pub fn load(&self) -> navne::Result<Gazetteer> {
        let mut g = match &self.gazetteers {
            Some(dir) => Gazetteer::from_dir(dir)?,
            None => Gazetteer::shipped()?,
        };
        for f in &self.extra {
            let label = g.label(&f.label)?;
            g.load_file(&f.path, label)?;
        }
        Ok(g)
    }
}

/// The tagger the gazetteer flags describe. The rule word lists load on a thread of their own
/// while the gazetteers load and the matcher builds, as neither needs the other: start-up is
/// most of a run on a short input, which a job that starts navne per file pays every time.
pub fn tagger(args: &GazetteerArgs) -> Result<Tagger> {
    let layers = args.layers();
    let (matcher, lexicon) = std::thread::scope(|s| {
        let lexicon = s.spawn(|| args.lexicon());
        let matcher = args
            .load()
            .context("cannot load gazetteers")
            .and_then(|g| Matcher::new(g).context("cannot build the matcher"));
        let lexicon = lexicon
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (matcher, lexicon)
    });
    // A gazetteer's error is told first, as when they loaded one after the other.
    let matcher = matcher?;
    let lexicon = lexicon.context("cannot load rule word lists")?;
    Ok(Tagger::with_matcher(matcher, lexicon, layers))
}
