//! End-to-end tests: the real `navne` binary on temporary corpora.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const GAZ: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/gazetteers");

/// Runs navne with the fixture gazetteers and `args`, feeding `stdin`.
fn navne(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_navne"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("navne runs");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// Starts `navne tag` with the fixture gazetteers, `--quiet` and `args`, its standard input,
/// output and error piped, for tests that talk to it while it runs.
fn spawn_tag(args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_navne"))
        .args(["tag", "--gazetteers", GAZ, "--quiet"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("navne runs")
}

fn tag(args: &[&str]) -> Output {
    let mut all = vec!["tag", "--gazetteers", GAZ, "--quiet"];
    all.extend_from_slice(args);
    navne(&all, b"")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Parses navne's CSV into records (header checked).
fn rows(csv_text: &str) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "doc_id",
            "date",
            "start",
            "end",
            "mention",
            "label",
            "entity_id",
            "canonical",
            "method"
        ]
    );
    r.records().map(Result::unwrap).collect()
}

/// `doc_id mention label` of every row, for compact expectations.
fn brief(csv_text: &str) -> Vec<String> {
    rows(csv_text)
        .iter()
        .map(|r| format!("{} {} {}", &r[0], &r[4], &r[5]))
        .collect()
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(&p, bytes).unwrap();
    p
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// Checks that every row's mention is exactly the text's code points [start, end).
fn check_offsets(csv_text: &str, text_of: impl Fn(&str) -> String) {
    for r in rows(csv_text) {
        let text = text_of(&r[0]);
        let (s, e): (usize, usize) = (r[2].parse().unwrap(), r[3].parse().unwrap());
        let got: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(got, &r[4], "offsets of row {r:?}");
    }
}

/// A corpus with nested directories, a date header, a BOM, JSON Lines and gzip.
fn sample_corpus(dir: &Path) {
    write(
        dir,
        "b/2.txt",
        "date 2024-03-05\nI København bor Per Stig Møller.\n\nFN-soldater kom til Næstved."
            .as_bytes(),
    );
    write(
        dir,
        "a/1.txt",
        "\u{feff}date 2023-11 Danmarks og Ruslands ledere. NATO mødtes.".as_bytes(),
    );
    write(
        dir,
        "c.txt",
        "Per kom fra Lund. Så kom Per til Lund og Horsens' havn.".as_bytes(),
    );
    write(
        dir,
        "d.jsonl",
        "{\"id\": \"x1\", \"text\": \"🎉 Jens Stoltenberg i Århus\", \"date\": \"2022-01\"}\n\n{\"text\": \"FC København mod AGF\"}\n"
            .as_bytes(),
    );
    write(
        dir,
        "e.jsonl.gz",
        &gzip("{\"id\": 7, \"text\": \"DR's vært i Kbh.\"}\n".as_bytes()),
    );
    write(dir, "ignored.csv", b"Danmark");
}

#[test]
fn tags_a_corpus_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    sample_corpus(dir.path());
    let out = tag(&[dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let jsonl = dir.path().join("d.jsonl");
    assert_eq!(
        brief(&stdout(&out)),
        [
            "a/1.txt Danmarks LOC",
            "a/1.txt Ruslands LOC",
            "a/1.txt NATO ORG",
            "b/2.txt København LOC",
            "b/2.txt Per Stig Møller PER",
            "b/2.txt FN-soldater ORG",
            "b/2.txt Næstved LOC",
            "c.txt Lund LOC",
            "c.txt Per PER",
            "c.txt Lund LOC",
            "c.txt Horsens' LOC",
            "x1 Jens Stoltenberg PER",
            "x1 Århus LOC",
            &format!("{}:3 FC København ORG", jsonl.display()),
            &format!("{}:3 AGF ORG", jsonl.display()),
            "7 DR's ORG",
            "7 Kbh. LOC",
        ]
    );
    let records = rows(&stdout(&out));
    assert_eq!(&records[0][1], "2023-11");
    assert_eq!(&records[3][1], "2024-03-05");
    assert_eq!(&records[12][1], "2022-01");
    assert_eq!(&records[13][1], "");
    assert_eq!(&records[12][6], "l3");
    assert_eq!(&records[12][7], "Århus");
    assert_eq!(&records[12][8], "gazetteer");
}

#[test]
fn offsets_are_code_points_into_the_whole_file_text() {
    let dir = tempfile::tempdir().unwrap();
    sample_corpus(dir.path());
    let out = tag(&[dir.path().to_str().unwrap()]);
    let root = dir.path().to_path_buf();
    check_offsets(&stdout(&out), |doc_id| {
        let path = root.join(doc_id);
        if path.is_file() {
            let t = fs::read_to_string(path).unwrap();
            t.strip_prefix('\u{feff}').map(String::from).unwrap_or(t)
        } else {
            match doc_id {
                "x1" => "🎉 Jens Stoltenberg i Århus".into(),
                "7" => "DR's vært i Kbh.".into(),
                _ => "FC København mod AGF".into(),
            }
        }
    });
}

#[test]
fn output_is_identical_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    // Enough documents for several chunks and real parallel work.
    for i in 0..300 {
        let text = format!(
            "date 2020-01 Nyt nr. {i}: Danmark og FN. Per Stig Møller i Århus, {}",
            "ord ".repeat(i % 50)
        );
        write(
            dir.path(),
            &format!("{:03}/{i}.txt", i % 17),
            text.as_bytes(),
        );
    }
    let lines: String = (0..500)
        .map(|i| {
            format!(
                "{{\"id\": \"j{i}\", \"text\": \"{} Rusland og Nato\"}}\n",
                "x ".repeat(i % 30)
            )
        })
        .collect();
    write(dir.path(), "z.jsonl", lines.as_bytes());
    let d = dir.path().to_str().unwrap();
    let one = tag(&["--threads", "1", d]);
    let two = tag(&["--threads", "2", d]);
    let four = tag(&["--threads", "4", d]);
    assert!(one.status.success());
    assert_eq!(rows(&stdout(&one)).len(), 300 * 4 + 500 * 2);
    assert!(one.stdout == two.stdout, "--threads 1 and 2 differ");
    assert!(one.stdout == four.stdout, "--threads 1 and 4 differ");
}

#[test]
fn bad_documents_are_skipped_counted_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "1.txt", "Danmark".as_bytes());
    write(dir.path(), "2.txt", b"Danmark \xff\xfe er ikke UTF-8");
    write(dir.path(), "3.txt", "Rusland".as_bytes());
    let full = gzip("Næstved".as_bytes());
    write(dir.path(), "4.txt.gz", &full[..full.len() / 2]);
    write(
        dir.path(),
        "5.jsonl",
        b"{\"id\": \"a\", \"text\": \"Horsens\"}\n{\"id\": \"b\", \"text\": \n{\"id\": \"c\"}\n{\"id\": \"d\", \"text\": \"Lund og Danmark\"}\n[1]\n",
    );
    let d = dir.path().to_str().unwrap();
    let out = tag(&[d]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        brief(&stdout(&out)),
        [
            "1.txt Danmark LOC",
            "3.txt Rusland LOC",
            "a Horsens LOC",
            "d Danmark LOC"
        ]
    );
    let jsonl = dir.path().join("5.jsonl");
    for what in [
        format!("{}: not valid UTF-8", dir.path().join("2.txt").display()),
        format!("{}", dir.path().join("4.txt.gz").display()),
        format!("{}:2: bad JSON line", jsonl.display()),
        format!("{}:3: bad JSON line: no \"text\" field", jsonl.display()),
        format!("{}:5: bad JSON line: not a JSON object", jsonl.display()),
    ] {
        assert!(err.contains(&what), "stderr lacks {what:?}:\n{err}");
    }
    // A truncated .jsonl.gz loses the rest of its file, reported once with its line.
    let lines: String = (0..2000)
        .map(|i| format!("{{\"id\": \"g{i}\", \"text\": \"Danmark {i}\"}}\n"))
        .collect();
    let gz = gzip(lines.as_bytes());
    write(dir.path(), "6.jsonl.gz", &gz[..gz.len() * 2 / 3]);
    let out = navne(&["tag", "--gazetteers", GAZ, d], b"");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("6.jsonl.gz:"), "{err}");
    assert!(err.contains("6 skipped"), "summary counts skips: {err}");
}

#[test]
fn missing_input_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let ok = write(dir.path(), "ok.txt", "Danmark".as_bytes());
    let out = tag(&[
        dir.path().join("nope.txt").to_str().unwrap(),
        ok.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope.txt"));
    assert!(stdout(&out).is_empty(), "nothing is tagged");
}

#[test]
fn gazetteer_errors_name_file_and_line() {
    let cases: [(&str, &str, &str); 3] = [
        ("id\tname\taliases\nx\tDanmark\t\ny\n", ":3:", "columns"),
        ("id\tname\taliases\n# c\nx\t\t\n", ":3:", "empty name"),
        ("id\tname\taliases\nx\tA\t\nx\tB\t\n", ":3:", "duplicate id"),
    ];
    for (text, line, what) in cases {
        let dir = tempfile::tempdir().unwrap();
        let g = write(dir.path(), "places.tsv", text.as_bytes());
        let corpus = write(dir.path(), "c.txt", b"Danmark");
        let out = navne(
            &[
                "tag",
                "--gazetteers",
                dir.path().to_str().unwrap(),
                corpus.to_str().unwrap(),
            ],
            b"",
        );
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(
            err.contains(&format!("{}{line}", g.display())) && err.contains(what),
            "{err}"
        );
        assert!(
            out.stdout.is_empty(),
            "nothing is tagged after a gazetteer error"
        );
        // The same through --gazetteer FILE:LABEL.
        let arg = format!("{}:LOC", g.display());
        let out = navne(
            &[
                "tag",
                "--gazetteers",
                GAZ,
                "--gazetteer",
                &arg,
                corpus.to_str().unwrap(),
            ],
            b"",
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains(&format!("{}{line}", g.display())));
    }
}

#[test]
fn extra_gazetteer_file_adds_entries() {
    let dir = tempfile::tempdir().unwrap();
    let g = write(
        dir.path(),
        "klubber.tsv",
        "id\tname\taliases\nk1\tBrøndby IF\tBrøndby\n".as_bytes(),
    );
    let corpus = write(dir.path(), "c.txt", "Brøndby mod FCK".as_bytes());
    let out = tag(&[
        "--gazetteer",
        &format!("{}:ORG", g.display()),
        corpus.to_str().unwrap(),
    ]);
    assert_eq!(brief(&stdout(&out)), ["c.txt Brøndby ORG", "c.txt FCK ORG"]);
}

#[test]
fn output_file_is_written_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = write(dir.path(), "in/c.txt", "Danmark".as_bytes());
    let dest = dir.path().join("out.csv");
    fs::write(&dest, "old contents").unwrap();
    // A run that cannot start leaves the old file alone and no temporary file behind.
    let out = navne(
        &[
            "tag",
            "--gazetteers",
            "/nonexistent",
            "-o",
            dest.to_str().unwrap(),
            corpus.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&dest).unwrap(), "old contents");
    let out = tag(&["-o", dest.to_str().unwrap(), corpus.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(
        brief(&fs::read_to_string(&dest).unwrap()),
        ["c.txt Danmark LOC"]
    );
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "only in/ and out.csv remain: {names:?}");
}

#[test]
fn stdin_text_and_json_lines() {
    let text = navne(
        &["tag", "--gazetteers", GAZ, "-"],
        "date 2021-02 Per kom til Danmark".as_bytes(),
    );
    assert!(text.status.success());
    let r = rows(&stdout(&text));
    assert_eq!(r.len(), 1, "sentence-initial Per is not a name");
    assert_eq!(
        (&r[0][0], &r[0][1], &r[0][2], &r[0][4]),
        ("<stdin>", "2021-02", "25", "Danmark")
    );
    let json = navne(
        &["tag", "--gazetteers", GAZ, "--id-field", "nr", "--text-field", "body", "--date-field", "dag"],
        "\n  {\"nr\": \"a\", \"body\": \"FN og EU\", \"dag\": \"2020-05\"}\n{\"body\": \"Rusland\"}\n".as_bytes(),
    );
    assert!(json.status.success(), "{}", stderr(&json));
    assert_eq!(brief(&stdout(&json)), ["a FN ORG", "<stdin>:3 Rusland LOC"]);
}

#[test]
fn closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let lines: String = (0..200_000)
        .map(|i| format!("{{\"id\": \"{i}\", \"text\": \"Danmark og Rusland\"}}\n"))
        .collect();
    write(dir.path(), "big.jsonl", lines.as_bytes());
    let mut child = spawn_tag(&[dir.path().to_str().unwrap()]);
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(tag(&["--threads", "0", "x.txt"]).status.code(), Some(2));
    assert_eq!(
        navne(&["tag", "--gazetteer", "nolabel.tsv", "x"], b"")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(navne(&["frobnicate"], b"").status.code(), Some(2));
    let unknown = tag(&["--without", "nope", "x.txt"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("person-patterns"),
        "{}",
        stderr(&unknown)
    );
}

/// `navne tag --help` lists every layer `--without` takes, with what it finds, from the table
/// of layers.
#[test]
fn help_lists_every_layer() {
    let help = stdout(&navne(&["tag", "--help"], b""));
    // `- NAME: HELP`, the helps aligned by spaces after the colon.
    let value = |name: &str| {
        help.lines().find_map(|l| {
            let rest = l.trim().strip_prefix("- ")?.strip_prefix(name)?;
            Some(rest.strip_prefix(':')?.trim().to_string())
        })
    };
    for layer in navne::Layer::ALL {
        assert_eq!(value(layer.name()).as_deref(), Some(layer.help()), "{help}");
    }
    assert!(value("all").is_some(), "{help}");
}

#[test]
fn summary_line_counts_everything() {
    let dir = tempfile::tempdir().unwrap();
    let c = write(
        dir.path(),
        "c.txt",
        "Danmark, FN og Jens Stoltenberg".as_bytes(),
    );
    let out = navne(&["tag", "--gazetteers", GAZ, c.to_str().unwrap()], b"");
    let err = stderr(&out);
    assert!(
        err.contains("1 documents")
            && err.contains("PER 1, LOC 1, ORG 1")
            && err.contains("0 skipped"),
        "{err}"
    );
    assert!(err.contains("MB/s"), "{err}");
}

#[test]
fn gazetteer_stats_counts_per_label() {
    let out = navne(&["gazetteer", "stats", "--gazetteers", GAZ], b"");
    assert!(out.status.success());
    let s = stdout(&out);
    assert!(
        s.contains("PER") && s.contains("LOC") && s.contains("ORG"),
        "{s}"
    );
    let loc = s.lines().find(|l| l.starts_with("LOC")).unwrap();
    assert_eq!(
        loc.split_whitespace().collect::<Vec<_>>(),
        ["LOC", "8", "10"]
    );
}

#[test]
fn output_dash_is_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = write(dir.path(), "c.txt", "Danmark".as_bytes());
    let out = Command::new(env!("CARGO_BIN_EXE_navne"))
        .args(["tag", "--gazetteers", GAZ, "--quiet", "-o", "-"])
        .arg(&corpus)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(rows(&stdout(&out)).len(), 1);
    assert!(!dir.path().join("-").exists(), "no file named -");
}

#[cfg(unix)]
#[test]
fn output_to_a_device_writes_through() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let corpus = write(dir.path(), "c.txt", "Danmark".as_bytes());
    let out = tag(&["-o", "/dev/null", corpus.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
}

/// One mention as every format carries it, for comparing the formats with one another.
#[derive(Debug, PartialEq)]
struct Row {
    doc_id: String,
    date: Option<String>,
    start: usize,
    end: usize,
    mention: String,
    label: String,
    entity_id: Option<String>,
    canonical: String,
    method: String,
}

/// Reads a format's output back into rows.
type Parse = fn(&str) -> Vec<Row>;

/// An empty CSV or TSV field is a missing value.
fn non_empty(field: String) -> Option<String> {
    Some(field).filter(|f| !f.is_empty())
}

fn rows_of_csv(out: &str) -> Vec<Row> {
    rows(out)
        .iter()
        .map(|r| Row {
            doc_id: r[0].to_string(),
            date: non_empty(r[1].to_string()),
            start: r[2].parse().unwrap(),
            end: r[3].parse().unwrap(),
            mention: r[4].to_string(),
            label: r[5].to_string(),
            entity_id: non_empty(r[6].to_string()),
            canonical: r[7].to_string(),
            method: r[8].to_string(),
        })
        .collect()
}

/// The inverse of the `tsv` format's escaping of `\`, tab, LF and CR.
fn tsv_unescape(field: &str) -> String {
    let mut out = String::new();
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next() {
            Some('t') => '\t',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('\\') => '\\',
            other => panic!("bad escape \\{other:?} in {field:?}"),
        });
    }
    out
}

fn rows_of_tsv(out: &str) -> Vec<Row> {
    assert!(!out.contains('\r'), "LF line ends");
    out.lines()
        .map(|line| {
            let f: Vec<String> = line.split('\t').map(tsv_unescape).collect();
            assert_eq!(f.len(), 9, "{line:?}");
            let mut f = f.into_iter();
            let mut next = || f.next().unwrap();
            Row {
                doc_id: next(),
                date: non_empty(next()),
                start: next().parse().unwrap(),
                end: next().parse().unwrap(),
                mention: next(),
                label: next(),
                entity_id: non_empty(next()),
                canonical: next(),
                method: next(),
            }
        })
        .collect()
}

fn json_lines(out: &str) -> Vec<serde_json::Value> {
    assert!(!out.contains('\r'), "LF line ends");
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// A mention's members, with the document's id and date from wherever the format keeps them.
fn row_of_json(doc: &serde_json::Value, m: &serde_json::Value) -> Row {
    let string = |v: &serde_json::Value| v.as_str().unwrap().to_string();
    let optional = |v: &serde_json::Value| (!v.is_null()).then(|| string(v));
    let number = |v: &serde_json::Value| v.as_u64().expect("a number") as usize;
    Row {
        doc_id: string(&doc["doc_id"]),
        date: optional(&doc["date"]),
        start: number(&m["start"]),
        end: number(&m["end"]),
        mention: string(&m["mention"]),
        label: string(&m["label"]),
        entity_id: optional(&m["entity_id"]),
        canonical: string(&m["canonical"]),
        method: string(&m["method"]),
    }
}

fn rows_of_jsonl(out: &str) -> Vec<Row> {
    json_lines(out).iter().map(|l| row_of_json(l, l)).collect()
}

fn rows_of_doc_jsonl(out: &str) -> Vec<Row> {
    json_lines(out)
        .iter()
        .flat_map(|doc| {
            let mentions = doc["mentions"].as_array().unwrap();
            mentions
                .iter()
                .map(|m| row_of_json(doc, m))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The text of the sample corpus's document `doc_id`, as offsets count in it.
fn sample_text(root: &Path, doc_id: &str) -> String {
    let path = root.join(doc_id);
    if path.is_file() {
        let t = fs::read_to_string(path).unwrap();
        return t.strip_prefix('\u{feff}').map(String::from).unwrap_or(t);
    }
    match doc_id {
        "x1" => "🎉 Jens Stoltenberg i Århus".into(),
        "7" => "DR's vært i Kbh.".into(),
        _ => "FC København mod AGF".into(),
    }
}

#[test]
fn every_format_carries_the_same_mentions() {
    let dir = tempfile::tempdir().unwrap();
    sample_corpus(dir.path());
    let d = dir.path().to_str().unwrap();
    let csv = tag(&[d]);
    assert!(csv.status.success(), "{}", stderr(&csv));
    let want = rows_of_csv(&stdout(&csv));
    assert_eq!(want.len(), 17);
    let parsers: [(&str, Parse); 4] = [
        ("csv", rows_of_csv),
        ("jsonl", rows_of_jsonl),
        ("tsv", rows_of_tsv),
        ("doc-jsonl", rows_of_doc_jsonl),
    ];
    for (format, parse) in parsers {
        let out = tag(&["--format", format, d]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let got = parse(&stdout(&out));
        assert_eq!(got, want, "{format}");
        for row in &got {
            let text = sample_text(dir.path(), &row.doc_id);
            let span: String = text
                .chars()
                .skip(row.start)
                .take(row.end - row.start)
                .collect();
            assert_eq!(span, row.mention, "{format}: offsets of {row:?}");
        }
    }
    // Numbers are JSON numbers, a missing date or entity is null.
    let jsonl = json_lines(&stdout(&tag(&["--format", "jsonl", d])));
    for line in &jsonl {
        assert!(line["start"].is_u64() && line["end"].is_u64(), "{line}");
        let id = &line["entity_id"];
        assert!(id.is_null() == (line["method"] != "gazetteer"), "{line}");
    }
    let undated = jsonl.iter().find(|l| l["doc_id"] == "7").unwrap();
    assert!(undated["date"].is_null(), "{undated}");
}

#[test]
fn no_header_drops_only_the_header_row() {
    let dir = tempfile::tempdir().unwrap();
    sample_corpus(dir.path());
    let d = dir.path().to_str().unwrap();
    let with = stdout(&tag(&[d]));
    let without = tag(&["--no-header", d]);
    assert!(without.status.success());
    let (header, rest) = with.split_once("\r\n").unwrap();
    assert!(header.starts_with("doc_id,date,"));
    assert_eq!(stdout(&without), rest);
    // The other formats have no header to drop.
    for format in ["jsonl", "tsv", "doc-jsonl"] {
        let plain = tag(&["--format", format, d]).stdout;
        assert_eq!(tag(&["--format", format, "--no-header", d]).stdout, plain);
    }
}

/// JSON Lines of `n` documents on standard input, by turns naming places and naming none;
/// line `bad` (1-based), if any, is no JSON.
fn stdin_lines(n: usize, bad: Option<usize>) -> String {
    (1..=n)
        .map(|i| match i {
            _ if Some(i) == bad => "{\"id\": \"broken\", \"text\": \n".to_string(),
            _ if i % 2 == 0 => format!("{{\"id\": \"n{i}\", \"text\": \"Intet navn her.\"}}\n"),
            _ => format!("{{\"id\": \"n{i}\", \"text\": \"Fra Danmark til Rusland.\"}}\n"),
        })
        .collect()
}

#[test]
fn doc_jsonl_gives_one_line_per_input_line_in_order() {
    let input = stdin_lines(1000, Some(500));
    let out = navne(
        &[
            "tag",
            "--gazetteers",
            GAZ,
            "--quiet",
            "--format",
            "doc-jsonl",
            "--threads",
            "2",
        ],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.len(), 1000);
    for (i, line) in (1..).zip(&lines) {
        let mentions = line["mentions"].as_array().unwrap();
        if i == 500 {
            assert!(line["doc_id"].is_null(), "{line}");
            let error = line["error"].as_str().unwrap();
            assert!(error.starts_with("<stdin>:500: bad JSON line"), "{error}");
            continue;
        }
        assert_eq!(line["doc_id"], format!("n{i}"), "line {i}");
        assert_eq!(mentions.len(), if i % 2 == 0 { 0 } else { 2 }, "{line}");
        assert!(line.get("error").is_none(), "{line}");
    }
}

#[test]
fn tsv_escapes_tabs_newlines_and_backslashes() {
    let input = "{\"id\": \"a\\tb\\nc\\\\d\\re\", \"text\": \"Danmark\", \"date\": \"2020-01\"}\n";
    let out = navne(
        &["tag", "--gazetteers", GAZ, "--format", "tsv"],
        input.as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text:?}");
    let line = text.lines().next().unwrap();
    assert!(
        line.starts_with("a\\tb\\nc\\\\d\\re\t2020-01\t0\t7\tDanmark\tLOC\t"),
        "{line:?}"
    );
    let rows = rows_of_tsv(&text);
    assert_eq!(rows[0].doc_id, "a\tb\nc\\d\re");
    assert_eq!(rows[0].date.as_deref(), Some("2020-01"));
}

#[test]
fn keep_going_exits_0_with_bad_lines_reported() {
    let input = stdin_lines(1000, Some(617));
    for (flags, code) in [(&["--keep-going"][..], 0), (&[][..], 1)] {
        let mut args = vec!["tag", "--gazetteers", GAZ, "--progress", "none", "-"];
        args.extend_from_slice(flags);
        let out = navne(&args, input.as_bytes());
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(code), "{flags:?}: {err}");
        assert!(
            err.contains("navne: skipped <stdin>:617: bad JSON line"),
            "{err}"
        );
        assert!(
            err.contains("999 documents") && err.contains("1 skipped"),
            "{err}"
        );
        // Every odd line names two places; line 617 would have.
        assert_eq!(rows(&stdout(&out)).len(), 499 * 2, "the others are tagged");
    }
}

#[test]
fn progress_lines_go_to_stderr_and_none_writes_none() {
    let input = stdin_lines(3000, None);
    let run = |progress: &[&str]| {
        let mut args = vec!["tag", "--gazetteers", GAZ, "--threads", "1"];
        args.extend_from_slice(progress);
        let out = navne(&args, input.as_bytes());
        assert!(out.status.success(), "{}", stderr(&out));
        (stdout(&out), stderr(&out))
    };
    let (with_lines, err) = run(&["--progress", "lines", "--progress-interval", "0.000001"]);
    let progress: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("navne progress: "))
        .collect();
    // One a batch at that interval: 3000 documents are 12 batches of 256.
    assert!(progress.len() >= 2, "{err}");
    assert!(
        progress[0].contains(" documents, ") && progress[0].contains(" MB/s"),
        "{err}"
    );
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with("navne: 3000 documents, "),
        "the summary comes last: {err}"
    );
    let (without, err) = run(&["--progress", "none"]);
    assert_eq!(err.lines().count(), 1, "only the summary: {err}");
    assert!(err.starts_with("navne: 3000 documents, "), "{err}");
    assert_eq!(with_lines, without, "progress never touches the output");
    // A long interval prints no line in a short run; --quiet prints nothing at all.
    let (_, err) = run(&["--progress", "lines"]);
    assert_eq!(err.lines().count(), 1, "{err}");
    let (_, err) = run(&["--progress", "lines", "--quiet"]);
    assert!(err.is_empty(), "{err}");
}

/// A stream mapper's engine reads navne's output while it still writes input: the rows of
/// the first batches come out, flushed, before the input ends.
#[test]
fn first_rows_come_before_the_input_ends() {
    use std::io::{BufRead, BufReader};
    let mut child = spawn_tag(&["--threads", "1", "--format", "jsonl"]);
    let mut input = child.stdin.take().unwrap();
    // More than the batches one thread keeps in flight (4 of 256 documents), so that the
    // first is written while the input stays open.
    input.write_all(stdin_lines(1100, None).as_bytes()).unwrap();
    input.flush().unwrap();
    let (first, got) = std::sync::mpsc::channel();
    let mut output = BufReader::new(child.stdout.take().unwrap());
    let reader = std::thread::spawn(move || {
        let mut line = String::new();
        output.read_line(&mut line).unwrap();
        let _ = first.send(line);
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut output, &mut rest).unwrap();
        rest.lines().count() + 1
    });
    let line = got
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("a row before the input ends");
    assert!(line.starts_with("{\"doc_id\":\"n1\""), "{line}");
    drop(input);
    assert_eq!(
        reader.join().unwrap(),
        550 * 2,
        "every row once the input ends"
    );
    assert!(child.wait().unwrap().success());
}

/// `navne tag --help` names every format with what it writes.
#[test]
fn help_lists_every_format() {
    let help = stdout(&navne(&["tag", "--help"], b""));
    for format in navne::OutputFormat::ALL {
        let line = format!("- {}:", format.name());
        assert!(
            help.contains(&line) && help.contains(format.help()),
            "{format}: {help}"
        );
    }
}

/// A user gazetteer of labels of its own: `EVENT` for the file, `PRODUCT` by a `label` column,
/// and `København` as an `EVENT` that outweighs the fixture's place by its prior.
fn events_gazetteer(dir: &Path) -> String {
    let tsv = "id\tname\taliases\tlabel\tprior\n\
               e1\tRoskilde Festival\tRoskilde-festivalen\t\t\n\
               e2\tStoltenberg\t\tPRODUCT\t\n\
               e3\tKøbenhavn\t\tEVENT\t5\n";
    let path = write(dir, "events.tsv", tsv.as_bytes());
    format!("{}:EVENT", path.display())
}

#[test]
fn custom_labels_pass_through_every_format_untouched_by_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let events = events_gazetteer(dir.path());
    let text = "Jens Stoltenberg så Roskilde Festival i København. \
                Så kom København kommune. Det var Stoltenberg.";
    let stdin = serde_json::json!({"id": "d1", "text": text}).to_string();
    let run = |format: &str| {
        let args = [
            "tag",
            "--gazetteers",
            GAZ,
            "--gazetteer",
            &events,
            "--format",
            format,
            "-",
        ];
        navne(&args, stdin.as_bytes())
    };
    let parsers: [(&str, Parse); 4] = [
        ("csv", rows_of_csv),
        ("jsonl", rows_of_jsonl),
        ("tsv", rows_of_tsv),
        ("doc-jsonl", rows_of_doc_jsonl),
    ];
    for (format, parse) in parsers {
        let out = run(format);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let got = parse(&stdout(&out));
        let brief: Vec<String> = got
            .iter()
            .map(|r| format!("{}/{}/{}", r.mention, r.label, r.method))
            .collect();
        // The alias layer leaves the product `Stoltenberg` alone, context leaves `i København`
        // an event, and `København kommune` is no organisation.
        assert_eq!(
            brief,
            [
                "Jens Stoltenberg/PER/gazetteer",
                "Roskilde Festival/EVENT/gazetteer",
                "København/EVENT/gazetteer",
                "København/EVENT/gazetteer",
                "Stoltenberg/PRODUCT/gazetteer",
            ],
            "{format}"
        );
        for row in &got {
            let span: String = text
                .chars()
                .skip(row.start)
                .take(row.end - row.start)
                .collect();
            assert_eq!(span, row.mention, "{format}: offsets of {row:?}");
        }
        // The summary counts the custom labels after ORG, in the order they were met.
        assert!(
            stderr(&out).contains("5 mentions (PER 1, LOC 0, ORG 0, EVENT 3, PRODUCT 1)"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn bad_label_names_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let events = events_gazetteer(dir.path());
    let file = events.strip_suffix(":EVENT").unwrap();
    for label in ["event", "EV ENT", "1EVENT", &"X".repeat(33)] {
        let arg = format!("{file}:{label}");
        let out = navne(&["tag", "--gazetteer", &arg, "-"], b"");
        assert_eq!(out.status.code(), Some(2), "{label}");
        let err = stderr(&out);
        assert!(
            err.contains("--gazetteer") && err.contains("label name"),
            "{err}"
        );
    }
    let bad = "id\tname\taliases\tlabel\na\tA\t\tEVENT\nb\tB\t\tBad label\n";
    let path = write(dir.path(), "bad.tsv", bad.as_bytes());
    let arg = format!("{}:EVENT", path.display());
    let out = navne(&["tag", "--gazetteer", &arg, "-"], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:3", path.display())), "{err}");
    assert!(err.contains("\"Bad label\""), "{err}");
}

/// Reads lines of a child's output on a thread of its own, so that a test waits for each one
/// with a timeout and fails, rather than hangs, when an answer does not come.
struct AnswerLines(std::sync::mpsc::Receiver<String>);

impl AnswerLines {
    fn of(output: impl std::io::Read + Send + 'static) -> AnswerLines {
        use std::io::BufRead;
        let (send, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(output).lines() {
                if send.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
        AnswerLines(lines)
    }

    /// The next line, or a failure naming `what` after a minute.
    fn next(&self, what: &str) -> String {
        self.0
            .recv_timeout(std::time::Duration::from_secs(60))
            .unwrap_or_else(|e| panic!("no answer to {what}: {e}"))
    }
}

/// A co-process writes one line, waits for its answer, then writes the next: navne answers
/// each while standard input stays open, in order, and ends when it is closed.
#[test]
fn a_line_is_answered_while_the_input_stays_open() {
    for threads in ["1", "2"] {
        let mut child = spawn_tag(&["--format", "doc-jsonl", "--threads", threads, "-"]);
        let mut input = child.stdin.take().unwrap();
        let answers = AnswerLines::of(child.stdout.take().unwrap());
        let lines = stdin_lines(3, None);
        let mut lines = lines.lines();
        for (i, want) in [(1, 2), (2, 0), (3, 2)] {
            writeln!(input, "{}", lines.next().unwrap()).unwrap();
            input.flush().unwrap();
            let started = std::time::Instant::now();
            let answer = answers.next(&format!("line {i}"));
            let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
            assert_eq!(answer["doc_id"], format!("n{i}"), "{answer}");
            assert_eq!(answer["mentions"].as_array().unwrap().len(), want);
            println!(
                "{threads} threads: line {i} answered in {:?}",
                started.elapsed()
            );
        }
        drop(input);
        assert!(
            answers
                .0
                .recv_timeout(std::time::Duration::from_secs(60))
                .is_err(),
            "nothing more"
        );
        let status = child.wait().unwrap();
        assert!(status.success(), "{status}");
    }
}

/// A named pipe given as a JSON Lines input is live input too: a line is answered while
/// the pipe stays open, and the rows of a file before it are not held back meanwhile.
#[cfg(unix)]
#[test]
fn a_named_pipe_is_answered_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let before = write(dir.path(), "before.jsonl", stdin_lines(1, None).as_bytes());
    let fifo = dir.path().join("live.jsonl");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let mut child = spawn_tag(&[
        "--format",
        "jsonl",
        before.to_str().unwrap(),
        fifo.to_str().unwrap(),
    ]);
    let answers = AnswerLines::of(child.stdout.take().unwrap());
    // The file's rows come while nothing has opened the pipe for writing yet.
    let first: serde_json::Value = serde_json::from_str(&answers.next("the file")).unwrap();
    assert_eq!(first["doc_id"], "n1");
    let second: serde_json::Value = serde_json::from_str(&answers.next("the file")).unwrap();
    assert_eq!(second["doc_id"], "n1", "the file's two rows");
    let mut pipe = fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    writeln!(pipe, "{{\"id\": \"p1\", \"text\": \"Fra Danmark.\"}}").unwrap();
    pipe.flush().unwrap();
    let row: serde_json::Value = serde_json::from_str(&answers.next("the pipe's line")).unwrap();
    assert_eq!(
        (&row["doc_id"], &row["mention"]),
        (&"p1".into(), &"Danmark".into())
    );
    drop(pipe);
    assert!(child.wait().unwrap().success());
}

/// The `parquet` format holds the CSV's rows: read back with the `parquet` crate's reader, the
/// same mentions, nulls where the CSV has empty fields, and each mention the code points
/// [start, end) of its document's text.
#[cfg(feature = "parquet")]
#[test]
fn parquet_holds_the_csv_rows() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    sample_corpus(&corpus);
    let c = corpus.to_str().unwrap();
    let want = rows_of_csv(&stdout(&tag(&[c])));
    let file = dir.path().join("m.parquet");
    let out = tag(&["--format", "parquet", c, "-o", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let read_rows = |bytes: Vec<u8>| -> Vec<Row> {
        let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).unwrap();
        let names: Vec<String> = reader
            .metadata()
            .file_metadata()
            .schema_descr()
            .columns()
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        assert_eq!(names, navne::rows::HEADER);
        reader
            .get_row_iter(None)
            .unwrap()
            .map(|row| {
                let values: Vec<Field> = row
                    .unwrap()
                    .get_column_iter()
                    .map(|(_, f)| f.clone())
                    .collect();
                let string = |f: &Field| match f {
                    Field::Str(s) => s.clone(),
                    other => panic!("a string, not {other:?}"),
                };
                let optional = |f: &Field| (!matches!(f, Field::Null)).then(|| string(f));
                let number = |f: &Field| match f {
                    Field::Long(n) => usize::try_from(*n).unwrap(),
                    other => panic!("an INT64, not {other:?}"),
                };
                Row {
                    doc_id: string(&values[0]),
                    date: optional(&values[1]),
                    start: number(&values[2]),
                    end: number(&values[3]),
                    mention: string(&values[4]),
                    label: string(&values[5]),
                    entity_id: optional(&values[6]),
                    canonical: string(&values[7]),
                    method: string(&values[8]),
                }
            })
            .collect()
    };
    let got = read_rows(fs::read(&file).unwrap());
    assert_eq!(got, want);
    for row in &got {
        let text = sample_text(&corpus, &row.doc_id);
        let span: String = text
            .chars()
            .skip(row.start)
            .take(row.end - row.start)
            .collect();
        assert_eq!(span, row.mention, "offsets of {row:?}");
    }
    // To a pipe, the same file.
    let piped = tag(&["--format", "parquet", c]);
    assert!(piped.status.success(), "{}", stderr(&piped));
    assert_eq!(piped.stdout, fs::read(&file).unwrap());
    // Whatever the threads and however the batches fall, the same rows.
    let one = dir.path().join("one.parquet");
    let out = tag(&[
        "--format",
        "parquet",
        "--threads",
        "1",
        c,
        "-o",
        one.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(read_rows(fs::read(&one).unwrap()), want);
}
