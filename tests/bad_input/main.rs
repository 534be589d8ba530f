//! The bad-input regression suite: inputs that once hung, stalled or exhausted navne, each run
//! through the real binary under a time limit, so that they stay fixed. One test binary; one
//! module per kind of input.
//!
//! - [`reading`]: what the corpus holds (files, links, FIFOs, gzip, JSON Lines, dates, sizes).
//! - [`running`]: how navne is run (flags, signals, output files, gazetteers, pipes).
//! - [`scaling`]: time and memory against document size, and text the rules find hard.

mod reading;
mod running;
mod scaling;
mod util;
