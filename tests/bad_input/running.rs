//! See the module list in `main.rs`.

use crate::util::*;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// Two small documents in a temporary directory.
fn small_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "Mette Frederiksen bor i København.".as_bytes(),
    );
    write(dir.path(), "b.txt", "Ib flyttede til Odense.".as_bytes());
    dir
}

#[test]
fn a_huge_thread_count_is_cut_with_a_warning() {
    // 100000 threads once hung the machine, and 2000 took 12 s for two documents.
    let corpus = small_corpus();
    let c = corpus.path().to_str().unwrap();
    let ran = tag_within(&["--threads", "100000", c], Duration::from_secs(20));
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    assert!(
        ran.stderr.contains("warning: --threads 100000"),
        "{}",
        ran.stderr
    );
    let fewer = tag_within(&["--threads", "1", c], Duration::from_secs(20));
    assert_eq!(ran.stdout, fewer.stdout, "rows never depend on --threads");
    let zero = tag_within(&["--threads", "0", c], Duration::from_secs(20));
    assert_eq!(zero.code(), Some(2), "{}", zero.stderr);
}

/// Starts `navne tag -o dir/out.csv -` reading standard input that stays open, so that it is
/// mid-run, and waits until its temporary file exists.
fn tag_mid_run(dir: &Path) -> std::process::Child {
    let out = dir.join("out.csv");
    let mut child = spawn(&[
        "tag",
        "--gazetteers",
        GAZ,
        "--quiet",
        "-o",
        out.to_str().unwrap(),
        "-",
    ]);
    let stdin = child.stdin.as_mut().unwrap();
    stdin
        .write_all(
            "Mette Frederiksen bor i København.\n"
                .repeat(10_000)
                .as_bytes(),
        )
        .unwrap();
    wait_until(Duration::from_secs(20), || !temp_files(dir).is_empty());
    child
}

#[test]
fn a_signal_removes_the_unfinished_output_and_exits_128_plus_its_number() {
    for (name, code) in [("TERM", 143), ("INT", 130), ("HUP", 129)] {
        let dir = tempfile::tempdir().unwrap();
        let mut child = tag_mid_run(dir.path());
        signal(&child, name);
        let status = wait_within(&mut child, Duration::from_secs(20));
        assert_eq!(status.code(), Some(code), "SIG{name}: {status:?}");
        assert_eq!(temp_files(dir.path()), Vec::<String>::new(), "SIG{name}");
        assert!(!dir.path().join("out.csv").exists(), "SIG{name}");
    }
}

#[test]
fn a_signal_leaves_an_earlier_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = write(dir.path(), "out.csv", b"the previous run's rows\n");
    let mut child = tag_mid_run(dir.path());
    signal(&child, "TERM");
    let status = wait_within(&mut child, Duration::from_secs(20));
    assert_eq!(status.code(), Some(143));
    assert_eq!(fs::read(&out).unwrap(), b"the previous run's rows\n");
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[test]
fn a_stale_temporary_file_does_not_stop_a_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    // The shipped gazetteers take a moment to load: time enough to put a stale file (here a
    // directory, which cannot be truncated) where this run's temporary name would be.
    let mut child = spawn(&["tag", "--quiet", "-o", out.to_str().unwrap(), "-"]);
    let stale = dir
        .path()
        .join(format!(".out.csv.navne-tmp-{}", child.id()));
    fs::create_dir(&stale).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"Mette Frederiksen bor i K\xc3\xb8benhavn.")
        .unwrap();
    drop(stdin);
    let status = wait_within(&mut child, Duration::from_secs(30));
    assert_eq!(status.code(), Some(0));
    assert!(rows(&fs::read_to_string(&out).unwrap()).len() >= 2);
    assert!(stale.is_dir(), "another run's file is left alone");
}

#[cfg(unix)]
#[test]
fn a_replaced_output_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let corpus = small_corpus();
    let dir = tempfile::tempdir().unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    let old = write(dir.path(), "private.csv", b"old");
    fs::set_permissions(&old, fs::Permissions::from_mode(0o600)).unwrap();
    let new = dir.path().join("new.csv");
    // What a file created now gets: the default mode under this process's umask.
    let default = mode(&write(dir.path(), "default", b""));
    for path in [&old, &new] {
        let args = [
            "-o",
            path.to_str().unwrap(),
            corpus.path().to_str().unwrap(),
        ];
        let ran = tag_within(&args, Duration::from_secs(20));
        assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    }
    assert_eq!(mode(&old), 0o600);
    assert_eq!(mode(&new), default);
    assert!(fs::read_to_string(&old).unwrap().starts_with("doc_id,"));
}

#[test]
fn a_missing_gazetteer_directory_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-dir");
    let ran = run_within(
        navne(&["tag", "--gazetteers", missing.to_str().unwrap(), "-"]),
        b"Odense",
        Duration::from_secs(20),
    );
    assert_eq!(ran.code(), Some(2));
    assert!(
        ran.stderr.contains(&format!(
            "{}: gazetteer directory does not exist",
            missing.display()
        )),
        "{}",
        ran.stderr
    );
    assert!(!ran.stderr.contains("row"), "{}", ran.stderr);
}

#[test]
fn an_empty_gazetteer_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "people.tsv",
        b"id\tname\taliases\np:1\tIb Holm\t\n",
    );
    for text in ["", "id\tname\taliases\n"] {
        let places = write(dir.path(), "places.tsv", text.as_bytes());
        let ran = run_within(
            navne(&[
                "gazetteer",
                "stats",
                "--gazetteers",
                dir.path().to_str().unwrap(),
            ]),
            b"",
            Duration::from_secs(20),
        );
        assert_eq!(ran.code(), Some(2), "{text:?}");
        let want = format!("{}: gazetteer file has no entries", places.display());
        assert!(ran.stderr.contains(&want), "{}", ran.stderr);
    }
}

/// Runs `navne ARGS…` with its standard output closed before it writes, as `| head -0` does.
fn with_output_closed(args: &[&str], stdin: &[u8]) -> (Option<i32>, String) {
    let mut child = spawn(args);
    drop(child.stdout.take());
    let mut input = child.stdin.take().unwrap();
    let _ = input.write_all(stdin);
    drop(input);
    let mut stderr = child.stderr.take().unwrap();
    let status = wait_within(&mut child, Duration::from_secs(20));
    let mut err = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut err).unwrap();
    (status.code(), err)
}

#[test]
fn a_closed_output_pipe_is_a_quiet_exit() {
    let dir = tempfile::tempdir().unwrap();
    let gold = write(
        dir.path(),
        "gold.iob2",
        b"Mette\tB-PER\nbor\tO\ni\tO\nOdense\tB-LOC\n\n",
    );
    let gold = gold.to_str().unwrap();
    let text = "Mette Frederiksen bor i København.\n".repeat(1000);
    let runs: [&[&str]; 3] = [
        &["gazetteer", "stats", "--gazetteers", GAZ],
        &["tag", "--gazetteers", GAZ, "--quiet", "-"],
        &["eval", "--gazetteers", GAZ, gold],
    ];
    for args in runs {
        let (code, err) = with_output_closed(args, text.as_bytes());
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert_eq!(err, "", "{args:?}");
    }
}
