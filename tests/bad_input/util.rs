//! What every bad-input test needs: the binary, run with a time limit, and its output.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The fixture gazetteers of `tests/data/gazetteers`: small, so that a run starts at once.
pub const GAZ: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/gazetteers");

/// What a finished run left: exit status, standard output and standard error.
pub struct Ran {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Ran {
    /// Standard output as text.
    pub fn out(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("navne writes UTF-8")
    }

    /// The exit code (`None` if a signal ended the run).
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }
}

/// A `navne` command with `args`, not yet started.
pub fn navne(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_navne"));
    c.args(args);
    c
}

/// Runs `cmd` with `stdin` fed to it; fails the test if it has not ended after `limit`
/// (the process is killed first, so that a hang never hangs the suite).
pub fn run_within(mut cmd: Command, stdin: &[u8], limit: Duration) -> Ran {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("navne starts");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let (stdout, stderr) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out = std::thread::spawn(move || drain(stdout));
    let err = std::thread::spawn(move || drain(stderr));
    let status = wait_within(&mut child, limit);
    let _ = feeder.join();
    Ran {
        status,
        stdout: out.join().unwrap(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
    }
}

/// `navne tag --gazetteers GAZ --quiet ARGS…` run within `limit`.
pub fn tag_within(args: &[&str], limit: Duration) -> Ran {
    let mut all = vec!["tag", "--gazetteers", GAZ, "--quiet"];
    all.extend_from_slice(args);
    run_within(navne(&all), b"", limit)
}

/// Waits for `child`, killing it and failing the test after `limit`.
pub fn wait_within(child: &mut Child, limit: Duration) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("navne can be waited for") {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("navne did not end within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn drain(mut r: impl Read) -> Vec<u8> {
    let mut v = Vec::new();
    let _ = r.read_to_end(&mut v);
    v
}

/// Writes `bytes` to `dir/rel`, creating directories; returns the path.
pub fn write(dir: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The CSV rows of `out` (header checked away), as string records.
pub fn rows(out: &str) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_reader(out.as_bytes());
    r.records().map(Result::unwrap).collect()
}

/// Checks that every row's mention is exactly the code points `[start, end)` of the text
/// `text_of` gives for its document id (asked once per document, rows of a document being
/// consecutive), in time linear in the texts and rows.
pub fn check_offsets(out: &str, text_of: impl Fn(&str) -> String) {
    // The current document's id, text and the byte offset of each of its code points.
    let mut doc: Option<(String, String, Vec<usize>)> = None;
    for r in rows(out) {
        if doc.as_ref().is_none_or(|(id, _, _)| id != &r[0]) {
            let text = text_of(&r[0]);
            let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            starts.push(text.len());
            doc = Some((r[0].to_string(), text, starts));
        }
        let (_, text, starts) = doc.as_ref().unwrap();
        let (s, e): (usize, usize) = (r[2].parse().unwrap(), r[3].parse().unwrap());
        assert!(
            s < e && e < starts.len(),
            "offsets of row {r:?} within the text"
        );
        assert_eq!(&text[starts[s]..starts[e]], &r[4], "offsets of row {r:?}");
    }
}

/// Runs `cmd` as [`run_within`] does, with nothing on standard input, and returns what it
/// left with its peak resident memory in KiB (from the kernel's account of the child).
// The child is waited for by `wait4`, which also reports its memory; clippy sees no `wait`.
#[allow(clippy::zombie_processes)]
pub fn run_measured(mut cmd: Command, limit: Duration) -> (Ran, u64) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("navne starts");
    let (stdout, stderr) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out = std::thread::spawn(move || drain(stdout));
    let err = std::thread::spawn(move || drain(stderr));
    let pid = child.id() as libc::pid_t;
    let start = Instant::now();
    let (status, usage) = loop {
        let mut status = 0;
        // SAFETY: an all-zero rusage is a valid value for the kernel to overwrite.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `status` and `usage` are valid to write; `pid` is this test's own child,
        // which nothing else waits for.
        let rc = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        assert!(rc >= 0, "navne can be waited for");
        if rc == pid {
            break (status, usage);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("navne did not end within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    use std::os::unix::process::ExitStatusExt;
    let ran = Ran {
        status: ExitStatus::from_raw(status),
        stdout: out.join().unwrap(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
    };
    (ran, usage.ru_maxrss as u64)
}

/// Starts `navne ARGS…` with standard input kept open (write to it or drop it to end the
/// input) and standard output and error piped, so that a test can act on it mid-run.
pub fn spawn(args: &[&str]) -> Child {
    navne(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("navne starts")
}

/// Sends signal `name` (`TERM`, `INT`, `HUP`) to `child` with the `kill` command.
pub fn signal(child: &Child, name: &str) {
    let sent = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(child.id().to_string())
        .status()
        .expect("kill runs");
    assert!(sent.success(), "kill -{name} failed");
}

/// Waits until `ready` holds, failing the test after `limit`.
pub fn wait_until(limit: Duration, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < limit, "not ready within {limit:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The names of the files in `dir` that are navne's temporary output files.
pub fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".navne-tmp"))
        .collect()
}

/// `bytes` gzipped, as one member.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use flate2::{write::GzEncoder, Compression};
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// Makes a FIFO (named pipe) at `dir/rel`; returns the path.
pub fn mkfifo(dir: &Path, rel: &str) -> PathBuf {
    let p = dir.join(rel);
    let made = Command::new("mkfifo")
        .arg(&p)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", p.display());
    p
}

/// The doc ids of the rows of `out`, in order, each once however many rows it has.
pub fn doc_ids(out: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for r in rows(out) {
        if ids.last().map(String::as_str) != Some(&r[0]) {
            ids.push(r[0].to_string());
        }
    }
    ids
}
