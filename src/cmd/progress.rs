//! Progress on stderr while `navne tag` runs: a bar for a person at a terminal, a plain line
//! now and then for the log of a cluster engine (Spark, Hadoop, Dask, Ray), which keeps
//! stderr but has no terminal to draw a bar on.
//!
//! The pipeline knows nothing of either: it hands the summary so far to a callback after
//! every batch it writes, and [`Progress::update`] draws from that.

use std::fmt::Display;
use std::io::{self, IsTerminal};
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use navne::{Input, Summary};

/// What `--progress` shows on stderr.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ProgressMode {
    /// `bar` when stderr is a terminal, else `lines`.
    Auto,
    /// a progress bar (drawn only on a terminal).
    Bar,
    /// a plain line every --progress-interval seconds: time, documents, MB, mentions, MB/s.
    Lines,
    /// nothing.
    None,
}

/// Progress as `--progress` asked for it.
pub struct Progress {
    kind: Kind,
}

enum Kind {
    Bar(ProgressBar),
    Lines {
        every: Duration,
        /// The run's time at which the next line is due.
        due: Mutex<Duration>,
    },
    None,
}

impl Progress {
    /// Progress in `mode` for a run over `inputs`, with a line every `every` in `lines` mode.
    pub fn new(mode: ProgressMode, inputs: &[Input], every: Duration) -> Progress {
        let mode = match mode {
            ProgressMode::Auto if io::stderr().is_terminal() => ProgressMode::Bar,
            ProgressMode::Auto => ProgressMode::Lines,
            mode => mode,
        };
        let kind = match mode {
            ProgressMode::Bar => Kind::Bar(bar(inputs)),
            ProgressMode::Lines => Kind::Lines {
                every,
                due: Mutex::new(every),
            },
            ProgressMode::Auto | ProgressMode::None => Kind::None,
        };
        Progress { kind }
    }

    /// Shows `so_far`, the summary after the latest batch: moves the bar, or prints a line
    /// when one is due. A run whose batches each take longer than the interval prints a line
    /// per batch; one that waits for input prints nothing while it waits.
    pub fn update(&self, so_far: &Summary) {
        match &self.kind {
            Kind::Bar(bar) => {
                bar.set_position(so_far.input_bytes);
                bar.set_message(format!("{} documents", so_far.documents));
            }
            Kind::Lines { every, due } => {
                let mut due = due.lock().unwrap_or_else(|e| e.into_inner());
                if so_far.elapsed < *due {
                    return;
                }
                // The next line is due an interval after this one, not after the one
                // missed: a slow batch does not bring a burst of lines after it.
                *due = so_far.elapsed + *every;
                eprintln!("{}", line(so_far));
            }
            Kind::None => {}
        }
    }

    /// Prints `message` on its own line, keeping it clear of the bar.
    pub fn report(&self, message: impl Display) {
        match &self.kind {
            Kind::Bar(bar) => bar.suspend(|| eprintln!("{message}")),
            _ => eprintln!("{message}"),
        }
    }

    /// Takes the bar off the screen, before the summary line.
    pub fn finish(&self) {
        if let Kind::Bar(bar) = &self.kind {
            bar.finish_and_clear();
        }
    }
}

/// A progress line. It starts `navne progress:`, not `navne:` as the summary line does, so
/// that scripts that look for the summary (`grep '^navne: .* documents, '`) never take a
/// progress line for it.
fn line(s: &Summary) -> String {
    format!(
        "navne progress: {:.1} s, {} documents, {:.1} MB, {} mentions, {:.1} MB/s, {} skipped",
        s.elapsed.as_secs_f64(),
        s.documents,
        s.bytes as f64 / 1e6,
        s.total_mentions(),
        s.mb_per_s(),
        s.skipped
    )
}

/// A bar on stderr: bytes with rate and ETA when every input is a plain file of known size,
/// else a spinner with bytes and rate.
fn bar(inputs: &[Input]) -> ProgressBar {
    let total: Option<u64> = inputs
        .iter()
        .map(|i| match i {
            Input::Path(p) if p.extension().is_none_or(|e| e != "gz") => std::fs::metadata(p)
                .ok()
                .filter(|m| m.is_file())
                .map(|m| m.len()),
            _ => None,
        })
        .sum();
    let bar = match total {
        Some(t) => ProgressBar::with_draw_target(Some(t), ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
            )
            .expect("valid template"),
        ),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template(
                "{spinner} {bytes} {binary_bytes_per_sec} {elapsed} {msg}",
            )
            .expect("valid template"),
        ),
    };
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Parses `--progress-interval`: seconds, fractions allowed, more than zero.
pub fn parse_interval(s: &str) -> Result<Duration, String> {
    let secs: f64 = s
        .parse()
        .map_err(|_| format!("{s:?} is not a number of seconds"))?;
    if !(secs > 0.0 && secs < 1e9) {
        return Err(format!("{s} is not between 0 and 10^9 seconds"));
    }
    Ok(Duration::from_secs_f64(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_progress_line_is_never_taken_for_the_summary() {
        let s = Summary {
            documents: 1234,
            bytes: 5_200_000,
            mentions: [1, 2, 3],
            custom: vec![("EVENT".into(), 4)],
            skipped: 1,
            input_bytes: 5_300_000,
            elapsed: Duration::from_secs(10),
        };
        let l = line(&s);
        assert_eq!(
            l,
            "navne progress: 10.0 s, 1234 documents, 5.2 MB, 10 mentions, 0.5 MB/s, 1 skipped"
        );
        assert!(!l.starts_with("navne: "));
        // The summary line puts custom labels after ORG.
        assert!(s
            .to_string()
            .starts_with("1234 documents, 5.2 MB, 10 mentions (PER 1, LOC 2, ORG 3, EVENT 4), 1"));
    }

    #[test]
    fn intervals() {
        assert_eq!(parse_interval("0.05"), Ok(Duration::from_millis(50)));
        assert_eq!(parse_interval("10"), Ok(Duration::from_secs(10)));
        for bad in ["0", "-1", "x", "NaN", "inf"] {
            assert!(parse_interval(bad).is_err(), "{bad}");
        }
    }
}
