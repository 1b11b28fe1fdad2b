//! The command line on good and bad input: every failed input is named on stderr with exit 2,
//! and the other inputs' rows are still written.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn whosaid(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut i = child.stdin.take().unwrap();
        if let Some(data) = stdin {
            i.write_all(data).unwrap();
        }
    }
    child.wait_with_output().unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("whosaid-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_string_lossy().into_owned()
}

fn rows(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

const GOOD: &str = "Headline\n\n“We will win,” said Jane Roe.\n";

#[test]
fn bad_files_are_named_and_others_still_processed() {
    let d = tmp("bad");
    let good = write(&d, "good.txt", GOOD.as_bytes());
    let latin1 = write(&d, "latin1.txt", b"caf\xe9 \"ol\xe9\"");
    let binary = write(&d, "binary.txt", b"\x7fELF\x00\x01\x02");
    let missing = d.join("missing.txt").to_string_lossy().into_owned();
    let out = whosaid(&["quotes", "--format", "jsonl", &latin1, &good, &binary, &missing], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("latin1.txt: not UTF-8 text: invalid byte at offset 3"), "{err}");
    assert!(err.contains("binary.txt: binary file (NUL byte at offset 4)"), "{err}");
    assert!(err.contains("missing.txt"), "{err}");
    assert_eq!(err.lines().count(), 3, "one line per failed input: {err}");
    let r = rows(&out);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0]["speaker"], "Jane Roe");
    assert_eq!(r[0]["doc"], "good.txt");
}

#[test]
fn empty_file_gives_header_only() {
    let d = tmp("empty");
    let empty = write(&d, "empty.txt", b"");
    let out = whosaid(&["quotes", &empty], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(text.starts_with("doc,quote_id,start,end,line,kind,text,speaker,speaker_id,speaker_role,mention,"));
}

#[test]
fn crlf_and_bom_keep_byte_offsets() {
    let d = tmp("crlf");
    let text = "\u{feff}Headline\r\n\r\n“We will win,” said Jane Roe.\r\n";
    let f = write(&d, "crlf.txt", text.as_bytes());
    let out = whosaid(&["quotes", "--format", "jsonl", &f], None);
    assert_eq!(out.status.code(), Some(0));
    let r = rows(&out);
    let (s, e) = (r[0]["start"].as_u64().unwrap() as usize, r[0]["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[s..e], "“We will win,”");
    assert_eq!(r[0]["line"], 3);
    let (ms, me) = (r[0]["mention_start"].as_u64().unwrap() as usize, r[0]["mention_end"].as_u64().unwrap() as usize);
    assert_eq!(&text[ms..me], "Jane Roe");
}

#[test]
fn unclosed_marks_do_not_swallow_the_article() {
    let d = tmp("unclosed");
    let mut text = String::from("He said “this never closes.\n\n");
    text.push_str(&"“ ".repeat(1000));
    text.push_str("\n\n“Still found,” said Jane Roe.\n");
    let f = write(&d, "unclosed.txt", text.as_bytes());
    let out = whosaid(&["quotes", "--format", "jsonl", &f], None);
    assert_eq!(out.status.code(), Some(0));
    let r = rows(&out);
    assert_eq!(r[0]["text"], "this never closes.");
    assert_eq!(r[0]["closed"], false);
    let last = r.last().unwrap();
    assert_eq!(last["text"], "Still found,");
    assert_eq!(last["speaker"], "Jane Roe");
    assert!(String::from_utf8_lossy(&out.stderr).contains("never closed"));
}

#[test]
fn a_ten_megabyte_line_is_read() {
    let d = tmp("long");
    let mut text = "word ".repeat(2_000_000);
    text.push_str("“Quote at the end,” said Jane Roe.");
    let f = write(&d, "long.txt", text.as_bytes());
    let out = whosaid(&["quotes", "--format", "jsonl", &f], None);
    assert_eq!(out.status.code(), Some(0));
    let r = rows(&out);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0]["speaker"], "Jane Roe");
}

#[test]
fn jsonl_input_with_a_bad_line() {
    let input = format!(
        "{}\nnot json\n{}\n",
        serde_json::json!({"id": "a1", "text": GOOD, "date": "2024-01-02"}),
        serde_json::json!({"id": 7, "text": "“Yes,” he said."})
    );
    let out = whosaid(&["quotes", "--format", "jsonl", "-"], Some(input.as_bytes()));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("<stdin>:2: not an article object"), "{err}");
    let r = rows(&out);
    assert_eq!(r.len(), 2);
    assert_eq!(r[0]["doc"], "a1");
    assert_eq!(r[1]["doc"], "7");
}

#[test]
fn plain_text_on_stdin() {
    let out = whosaid(&["quotes", "--format", "jsonl"], Some(GOOD.as_bytes()));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(rows(&out)[0]["doc"], "stdin");
}

#[test]
fn run_writes_quotes_csv() {
    let d = tmp("run");
    let f = write(&d, "a.txt", GOOD.as_bytes());
    let outdir = d.join("out");
    let out = whosaid(&["run", &f, "-o", &outdir.to_string_lossy()], None);
    assert_eq!(out.status.code(), Some(0));
    let csv = std::fs::read_to_string(outdir.join("quotes.csv")).unwrap();
    assert!(csv.contains("Jane Roe"));
}

#[test]
fn csv_quotes_fields_rfc4180() {
    let d = tmp("csv");
    let f = write(&d, "c.txt", "“He said \"no\", then left,” said Jane Roe.".as_bytes());
    let out = whosaid(&["quotes", &f], None);
    let mut rdr = csv::Reader::from_reader(&out.stdout[..]);
    let headers = rdr.headers().unwrap().clone();
    let rec = rdr.records().next().unwrap().unwrap();
    let text = rec.get(headers.iter().position(|h| h == "text").unwrap()).unwrap();
    assert_eq!(text, "He said \"no\", then left,");
}

#[test]
fn people_and_aliases() {
    let d = tmp("people");
    let a = write(&d, "a.txt", "“Yes,” said Senator Jane Roe.".as_bytes());
    let b = write(&d, "b.txt", "“No,” said Senator J. Roe.".as_bytes());
    let out = whosaid(&["people", &a, &b], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("speaker_id,name,kind,roles,variants,handles,articles,quotes,first_seen_doc,aliases\n"));
    assert!(text.contains("p-jane-roe,Jane Roe,person,Senator,J. Roe,,2,2,a.txt,"), "{text}");
    let aliases = write(&d, "aliases.csv", b"variant,canonical\nJ. Roe,!Jane Roe\n");
    let out = whosaid(&["people", "--aliases", &aliases, &a, &b], None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("J. Roe ≠ Jane Roe"), "{text}");
    let bad = write(&d, "bad.csv", b"just one field\n");
    let out = whosaid(&["people", "--aliases", &bad, &a], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.csv: line 1"));
}

#[test]
fn run_writes_people_csv_and_ids_in_quotes() {
    let d = tmp("run-people");
    let a = write(&d, "a.txt", "“Yes,” said Senator Jane Roe.".as_bytes());
    let outdir = d.join("out");
    let out = whosaid(&["run", &a, "-o", &outdir.to_string_lossy()], None);
    assert_eq!(out.status.code(), Some(0));
    let quotes = std::fs::read_to_string(outdir.join("quotes.csv")).unwrap();
    assert!(quotes.contains(",Jane Roe,p-jane-roe,"), "{quotes}");
    let people = std::fs::read_to_string(outdir.join("people.csv")).unwrap();
    assert!(people.contains("p-jane-roe,Jane Roe,person"));
}

#[test]
fn output_is_the_same_for_any_number_of_threads() {
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let one = whosaid(&["--threads", "1", "quotes", seeds], None);
    let two = whosaid(&["--threads", "2", "--quiet", "quotes", seeds], None);
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(one.stdout, two.stdout);
    assert!(!one.stdout.is_empty());
}
