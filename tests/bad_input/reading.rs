//! See the module list in `main.rs`.

use crate::util::*;
use std::path::Path;
use std::time::Duration;

/// Long enough for any of these runs on a loaded machine; a hang fails well within it.
const LIMIT: Duration = Duration::from_secs(20);

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `ln -s .. sub/up` once made the walk repeat the tree 40 times, and two such links never
/// ended. Each link back up is now reported where it is met and each document read once;
/// links to a file and to a directory elsewhere are still followed.
#[cfg(unix)]
#[test]
fn links_back_up_the_tree_are_reported_and_every_document_read_once() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("c");
    write(&root, "a.txt", "Danmark".as_bytes());
    write(&root, "sub/b.txt", "Rusland".as_bytes());
    write(&root, "sub/deeper/d.txt", "Horsens".as_bytes());
    write(dir.path(), "elsewhere/e.txt", "Næstved".as_bytes());
    symlink("..", root.join("sub/up")).unwrap();
    symlink("../..", root.join("sub/deeper/top")).unwrap();
    symlink(dir.path().join("elsewhere"), root.join("sub/far")).unwrap();
    symlink(root.join("a.txt"), root.join("sub/z.txt")).unwrap();
    let ran = tag_within(&[path(&root)], LIMIT);
    assert_eq!(ran.code(), Some(1), "{}", ran.stderr);
    let want = [
        "a.txt",
        "sub/b.txt",
        "sub/deeper/d.txt",
        "sub/far/e.txt",
        "sub/z.txt",
    ];
    assert_eq!(doc_ids(&ran.out()), want, "{}", ran.stderr);
    for link in ["sub/up", "sub/deeper/top"] {
        let said = format!(
            "skipped {}: link back to {}, which is being walked",
            root.join(link).display(),
            root.display()
        );
        assert!(
            ran.stderr.contains(&said),
            "no {said:?} in:\n{}",
            ran.stderr
        );
    }
    assert_eq!(ran.stderr.matches("skipped ").count(), 2, "{}", ran.stderr);
}

/// A FIFO named like an article once blocked the whole run for ever. In a directory it is
/// reported and skipped; named on the command line it is read, like standard input.
#[cfg(unix)]
#[test]
fn fifos_in_a_directory_are_skipped_and_named_ones_read() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "Danmark".as_bytes());
    write(dir.path(), "c.txt", "Rusland".as_bytes());
    for name in ["b.txt", "b.jsonl", "b.md"] {
        mkfifo(dir.path(), name);
    }
    let ran = tag_within(&[path(dir.path())], LIMIT);
    assert_eq!(ran.code(), Some(1), "{}", ran.stderr);
    assert_eq!(doc_ids(&ran.out()), ["a.txt", "c.txt"]);
    for name in ["b.txt", "b.jsonl"] {
        let said = format!(
            "skipped {}: a FIFO (named pipe), not a regular file",
            dir.path().join(name).display()
        );
        assert!(
            ran.stderr.contains(&said),
            "no {said:?} in:\n{}",
            ran.stderr
        );
    }
    assert!(!ran.stderr.contains("b.md"), "{}", ran.stderr);
    assert_eq!(ran.stderr.matches("skipped ").count(), 2, "{}", ran.stderr);

    // Named on the command line, a FIFO is read. The writer is left behind, not joined, if
    // navne never opens the FIFO: the time limit fails the test then.
    let fifo = dir.path().join("b.txt");
    let writer_path = fifo.clone();
    std::thread::spawn(move || {
        let _ = std::fs::write(writer_path, "Horsens og Danmark".as_bytes());
    });
    let ran = run_within(
        navne(&["tag", "--gazetteers", GAZ, "--quiet", path(&fifo)]),
        b"",
        LIMIT,
    );
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    assert_eq!(rows(&ran.out()).len(), 2, "{}", ran.out());
    assert_eq!(doc_ids(&ran.out()), ["b.txt"]);
}

/// A 1 MB gzip file of 1 GB of zeros once took 1.1 GB of memory. A document over
/// `--max-doc-mb` is now reported, with its line in JSON Lines, and the others are tagged;
/// whatever reads it (gzip, a plain file, a JSON line, standard input) stops at the limit.
#[test]
fn documents_over_the_size_limit_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let zeros = vec![0u8; 3_000_000];
    write(dir.path(), "a.txt", "Danmark".as_bytes());
    write(dir.path(), "b.txt.gz", &gzip(&zeros));
    let big_text = "Danmark ".repeat(150_000);
    write(dir.path(), "c.txt", big_text.as_bytes());
    let fits = format!("{}Rusland", " ".repeat(1_000_000 - 7));
    write(dir.path(), "d.txt", fits.as_bytes());
    let lines = format!(
        "{{\"id\": \"e1\", \"text\": \"Horsens\"}}\n{{\"id\": \"e2\", \"text\": \"{big_text}\"}}\n{{\"id\": \"e3\", \"text\": \"Rusland\"}}\n"
    );
    write(dir.path(), "e.jsonl", lines.as_bytes());
    write(dir.path(), "f.jsonl.gz", &gzip(lines.as_bytes()));
    let ran = tag_within(&["--max-doc-mb", "1", path(dir.path())], LIMIT);
    assert_eq!(ran.code(), Some(1), "{}", ran.stderr);
    assert_eq!(
        doc_ids(&ran.out()),
        ["a.txt", "d.txt", "e1", "e3", "e1", "e3"]
    );
    let too_large = "document larger than 1 MB, the most one document may have (--max-doc-mb)";
    for what in ["b.txt.gz", "c.txt", "e.jsonl:2", "f.jsonl.gz:2"] {
        let said = format!("skipped {}: {too_large}", dir.path().join(what).display());
        assert!(
            ran.stderr.contains(&said),
            "no {said:?} in:\n{}",
            ran.stderr
        );
    }
    assert_eq!(ran.stderr.matches("skipped ").count(), 4, "{}", ran.stderr);

    let stdin = |bytes: &[u8]| {
        let args = ["tag", "--gazetteers", GAZ, "--max-doc-mb", "1", "-"];
        run_within(navne(&args), bytes, LIMIT)
    };
    let ran = stdin(big_text.as_bytes());
    assert_eq!(ran.code(), Some(1), "{}", ran.stderr);
    assert!(
        ran.stderr
            .contains(&format!("skipped <stdin>: {too_large}")),
        "{}",
        ran.stderr
    );
    let ran = stdin(lines.as_bytes());
    assert_eq!(ran.code(), Some(1), "{}", ran.stderr);
    assert!(
        ran.stderr
            .contains(&format!("skipped <stdin>:2: {too_large}")),
        "{}",
        ran.stderr
    );
    assert_eq!(doc_ids(&ran.out()), ["e1", "e3"]);
}

/// `date 2022-02-30` was taken as a date, a JSON date `foo` or `5` was copied to the output,
/// and `date 2022-2-3` was tagged as text. A date that is no real month or day is now
/// reported with its file and line, and the document skipped.
#[test]
fn dates_that_are_no_real_day_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "date 2022-02-30\nDanmark".as_bytes());
    write(dir.path(), "b.txt", "date 2022-2-3 Danmark".as_bytes());
    write(dir.path(), "c.txt", "date 2024-02-29\nRusland".as_bytes());
    write(dir.path(), "d.txt", "date night i Horsens".as_bytes());
    write(
        dir.path(),
        "e.jsonl",
        concat!(
            r#"{"id": "e1", "date": "foo", "text": "Danmark"}"#,
            "\n",
            r#"{"id": "e2", "date": 5, "text": "Danmark"}"#,
            "\n",
            r#"{"id": "e3", "date": "2023-02-29", "text": "Danmark"}"#,
            "\n",
            r#"{"id": "e4", "date": "2000-02-29", "text": "Rusland"}"#,
            "\n",
            r#"{"id": "e5", "date": "1999-12", "text": "Rusland"}"#,
            "\n",
        )
        .as_bytes(),
    );
    let ran = tag_within(&[path(dir.path())], LIMIT);
    assert_eq!(ran.code(), Some(1), "{}", ran.stderr);
    let dated: Vec<String> = rows(&ran.out())
        .iter()
        .map(|r| format!("{} {}", &r[0], &r[1]))
        .collect();
    assert_eq!(
        dated,
        ["c.txt 2024-02-29", "d.txt ", "e4 2000-02-29", "e5 1999-12"]
    );
    for (what, message) in [
        (
            "a.txt:1",
            r#"bad date "2022-02-30": 2022-02 has days 01 to 28"#,
        ),
        (
            "b.txt:1",
            r#"bad date "2022-2-3": not YYYY-MM or YYYY-MM-DD"#,
        ),
        ("e.jsonl:1", r#"bad date "foo": not YYYY-MM or YYYY-MM-DD"#),
        ("e.jsonl:2", "bad date 5: not a string"),
        (
            "e.jsonl:3",
            r#"bad date "2023-02-29": 2023-02 has days 01 to 28"#,
        ),
    ] {
        let said = format!("skipped {}: {message}", dir.path().join(what).display());
        assert!(
            ran.stderr.contains(&said),
            "no {said:?} in:\n{}",
            ran.stderr
        );
    }
}

/// Integer ids past 2^64 once came out as the same float. Every number id keeps its text,
/// whether the line takes the fast path (a plain line) or `serde_json`'s (a nested field).
#[test]
fn number_ids_keep_their_digits() {
    let dir = tempfile::tempdir().unwrap();
    let ids = [
        "18446744073709551616",
        "18446744073709551617",
        "-1.50",
        "1e+5",
        "123456789012345678901234567890",
    ];
    let mut lines = String::new();
    for (i, id) in ids.iter().enumerate() {
        let extra = if i % 2 == 0 { r#", "x": [1]"# } else { "" };
        lines.push_str(&format!("{{\"id\": {id}, \"text\": \"Danmark\"{extra}}}\n"));
    }
    write(dir.path(), "a.jsonl", lines.as_bytes());
    let ran = tag_within(&[path(dir.path())], LIMIT);
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    assert_eq!(doc_ids(&ran.out()), ids);
}

/// Eight files of 1.4 MB were one batch, tagged on one thread. Batches now go by the files'
/// sizes; the rows stay in input order and identical whatever the threads.
#[test]
fn large_files_come_out_in_order_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let names = ["Danmark", "Rusland", "Horsens", "Næstved"];
    let mut texts = Vec::new();
    for i in 0..8 {
        let filler = "og det var en god dag uden navne. ".repeat(40_000 + i);
        let text = format!("{filler}Vi tog til {} i går.", names[i % 4]);
        write(dir.path(), &format!("{i}.txt"), text.as_bytes());
        texts.push(text);
    }
    let one = tag_within(&["--threads", "1", path(dir.path())], LIMIT);
    let two = tag_within(&["--threads", "2", path(dir.path())], LIMIT);
    assert_eq!(one.code(), Some(0), "{}", one.stderr);
    assert!(one.stdout == two.stdout, "--threads 1 and 2 differ");
    let want: Vec<String> = (0..8).map(|i| format!("{i}.txt")).collect();
    assert_eq!(doc_ids(&one.out()), want);
    check_offsets(&two.out(), |id| {
        texts[id[..1].parse::<usize>().unwrap()].clone()
    });
}

/// A byte-order mark before JSON Lines, in a file or on standard input, made its first line
/// unreadable (standard input was even taken for one text).
#[test]
fn a_byte_order_mark_before_json_lines_is_read_past() {
    let dir = tempfile::tempdir().unwrap();
    let lines =
        "\u{feff}{\"id\": \"a\", \"text\": \"Danmark\"}\n{\"id\": \"b\", \"text\": \"Rusland\"}\n";
    write(dir.path(), "a.jsonl", lines.as_bytes());
    let ran = tag_within(&[path(dir.path())], LIMIT);
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    assert_eq!(doc_ids(&ran.out()), ["a", "b"]);
    let args = ["tag", "--gazetteers", GAZ, "--quiet", "-"];
    let ran = run_within(navne(&args), lines.as_bytes(), LIMIT);
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    assert_eq!(doc_ids(&ran.out()), ["a", "b"]);
}

/// Zero bytes after the last gzip member (padding from tape or block archives) made the whole
/// file unreadable; they are ignored, as `gzip -d` does. Other bytes there are still an error.
#[test]
fn zero_padding_after_gzip_data_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let padded = |bytes: &[u8]| [gzip(bytes), vec![0; 10_000]].concat();
    write(dir.path(), "a.txt.gz", &padded("Danmark".as_bytes()));
    let lines =
        "{\"id\": \"b1\", \"text\": \"Rusland\"}\n{\"id\": \"b2\", \"text\": \"Horsens\"}\n";
    let two_members = [gzip(&lines.as_bytes()[..33]), gzip(&lines.as_bytes()[33..])].concat();
    write(
        dir.path(),
        "b.jsonl.gz",
        &[two_members, vec![0; 512]].concat(),
    );
    write(
        dir.path(),
        "c.txt.gz",
        &[gzip(b"Danmark"), vec![0, 0, 7]].concat(),
    );
    let ran = tag_within(&[path(dir.path())], LIMIT);
    assert_eq!(ran.code(), Some(1), "{}", ran.stderr);
    assert_eq!(doc_ids(&ran.out()), ["a.txt.gz", "b1", "b2"]);
    let said = format!(
        "skipped {}: bytes other than zeros",
        dir.path().join("c.txt.gz").display()
    );
    assert!(
        ran.stderr.contains(&said),
        "no {said:?} in:\n{}",
        ran.stderr
    );
}

/// File names that are not UTF-8 lost their bytes in `doc_id`, so two files could share one.
/// The bytes are written `\xHH` and a backslash doubled, which can be undone.
#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_keep_their_bytes() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    for name in [&b"\xff.txt"[..], b"\xfe.txt", b"a\\b.txt", b"\xc3\xa6.txt"] {
        let p = dir.path().join(OsStr::from_bytes(name));
        std::fs::write(p, "Danmark").unwrap();
    }
    let ran = tag_within(&[path(dir.path())], LIMIT);
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    assert_eq!(
        doc_ids(&ran.out()),
        [r"a\\b.txt", "æ.txt", r"\xFE.txt", r"\xFF.txt"]
    );
}

/// A mistyped input path was counted as one skipped document after the gazetteers loaded, and
/// an I/O error was said twice (`No such file or directory (os error 2): No such file …`).
/// It is now a usage error, said once with its path, and no output file is made.
#[test]
fn a_missing_input_is_a_usage_error_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let ok = write(dir.path(), "ok.txt", "Danmark".as_bytes());
    let missing = dir.path().join("nope.txt");
    let out = dir.path().join("m.csv");
    let ran = tag_within(&["-o", path(&out), path(&missing), path(&ok)], LIMIT);
    assert_eq!(ran.code(), Some(2), "{}", ran.stderr);
    assert_eq!(
        ran.stderr.matches("No such file or directory").count(),
        1,
        "{}",
        ran.stderr
    );
    assert!(ran
        .stderr
        .contains(&format!("{}: No such file", missing.display())));
    assert!(!out.exists());

    let gazetteer = format!("{}:PER", dir.path().join("nope.tsv").display());
    let ran = run_within(
        navne(&["tag", "--gazetteer", &gazetteer, path(&ok)]),
        b"",
        LIMIT,
    );
    assert_eq!(ran.code(), Some(2), "{}", ran.stderr);
    assert_eq!(
        ran.stderr.matches("No such file or directory").count(),
        1,
        "{}",
        ran.stderr
    );
}
