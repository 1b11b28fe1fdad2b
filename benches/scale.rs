//! Growth of a whole run with the size of its input: the corpus (PolNeAR train from `../shared`
//! when present, otherwise the seeds) copied ×1, ×10 and ×100 with new article ids per copy
//! into a temporary folder, each run by the release binary as `whosaid --threads 1 --quiet run`.
//! Prints wall seconds, CPU seconds (user and system, from `/usr/bin/time` where present: they
//! suffer less than wall time from other work on the machine), MB/s of article text, the time
//! over linear growth from ×1 (CPU time where known), and the peak resident memory; then the ×10
//! wall time on one thread against two, alternating runs (`WHOSAID_PAIRS`, default 5) and comparing
//! medians. `cargo bench --bench scale`; `WHOSAID_SCALE=1,10` picks the copies.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

mod common;

/// Writes `copies` copies of the corpus as JSON Lines, ids suffixed `#copy`; returns the bytes
/// of article text written.
fn corpus_file(dir: &Path, copies: usize) -> (PathBuf, usize) {
    let base = common::corpus();
    let path = dir.join(format!("x{copies}.jsonl"));
    let mut w = BufWriter::new(std::fs::File::create(&path).expect("create corpus file"));
    let mut bytes = 0;
    for copy in 0..copies {
        for a in &base {
            let line = serde_json::json!({
                "id": format!("{}#{copy}", a.id),
                "text": a.text,
                "title": a.title,
                "url": a.url,
                "source": a.source,
            });
            serde_json::to_writer(&mut w, &line).expect("write corpus");
            w.write_all(b"\n").expect("write corpus");
            bytes += a.text.len();
        }
    }
    w.flush().expect("write corpus");
    (path, bytes)
}

/// Runs the binary on `input`; returns wall seconds, and CPU seconds and peak RSS in MB where
/// measurable.
fn run(input: &Path, out: &Path, threads: usize) -> (f64, Option<(f64, f64)>) {
    let bin = env!("CARGO_BIN_EXE_whosaid");
    let timer = Path::new("/usr/bin/time");
    let args = ["--threads".to_string(), threads.to_string(), "--quiet".into(), "run".into()];
    let mut cmd = if timer.exists() {
        let mut c = Command::new(timer);
        c.args(["-f", "%M %U %S"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(args).arg(input).arg("-o").arg(out);
    let t = Instant::now();
    let o = cmd.output().expect("run whosaid");
    let secs = t.elapsed().as_secs_f64();
    assert!(o.status.success() || o.status.code() == Some(2), "whosaid failed: {}", String::from_utf8_lossy(&o.stderr));
    let stderr = String::from_utf8_lossy(&o.stderr);
    let nums: Vec<f64> = stderr.lines().last().unwrap_or("").split_whitespace().filter_map(|w| w.parse().ok()).collect();
    let measured = (timer.exists() && nums.len() == 3).then(|| (nums[1] + nums[2], nums[0] / 1024.0));
    (secs, measured)
}

/// Sorts `xs` and returns its median.
fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 { xs[n / 2] } else { (xs[n / 2 - 1] + xs[n / 2]) / 2.0 }
}

fn main() {
    let copies: Vec<usize> = std::env::var("WHOSAID_SCALE")
        .unwrap_or_else(|_| "1,10,100".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let dir = std::env::temp_dir().join(format!("whosaid-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let out = dir.join("out");
    let mut base: Option<f64> = None;
    let mut ten: Option<PathBuf> = None;
    println!("{:>6} {:>9} {:>9} {:>9} {:>9} {:>10} {:>10}", "copies", "MB", "seconds", "CPU s", "MB/s", "÷ linear", "peak MB");
    for &k in &copies {
        let (input, bytes) = corpus_file(&dir, k);
        let (secs, measured) = run(&input, &out, 1);
        let cpu = measured.map(|m| m.0);
        let per = cpu.unwrap_or(secs) / k as f64;
        let ratio = base.map_or(1.0, |b| per / b);
        if base.is_none() {
            base = Some(per);
        }
        let mb = bytes as f64 / 1e6;
        let rss = measured.map_or("n/a".to_string(), |m| format!("{:.0}", m.1));
        let cpu = cpu.map_or("n/a".to_string(), |c| format!("{c:.2}"));
        println!("{k:>6} {mb:>9.1} {secs:>9.2} {cpu:>9} {:>9.2} {ratio:>10.2} {rss:>10}", mb / secs);
        if k == 10 {
            ten = Some(input);
        } else {
            let _ = std::fs::remove_file(&input);
        }
    }
    if let Some(input) = ten {
        // One run of each is at the mercy of whatever else the machine does for those seconds:
        // runs alternate, and the median and the best of each are compared.
        let pairs: usize = std::env::var("WHOSAID_PAIRS").ok().and_then(|s| s.parse().ok()).unwrap_or(5).max(1);
        let (mut one, mut two) = (Vec::new(), Vec::new());
        for _ in 0..pairs {
            one.push(run(&input, &out, 1).0);
            two.push(run(&input, &out, 2).0);
        }
        let (m1, m2) = (median(&mut one), median(&mut two));
        let (b1, b2) = (one[0], two[0]);
        println!("×10 wall seconds over {pairs} alternating runs: 1 thread median {m1:.2} (best {b1:.2}), 2 threads median {m2:.2} (best {b2:.2})");
        println!("×10 on 2 threads: {:.2}× faster than on 1 (medians), {:.2}× (best runs)", m1 / m2, b1 / b2);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
