//! Parts of the `navne` command line that are no library's business: what it draws on the
//! terminal and writes to a cluster's log.

pub mod progress;
