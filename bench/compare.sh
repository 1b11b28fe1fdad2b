#!/usr/bin/env bash
# Side by side on one corpus, one core each: whosaid `run` (quotes, people, claims) against the
# Python peers of ../shared/peers (textacy without NER, sayswho, Wowool), with the speed ratio.
# Peers are optional: each is skipped with a message when $PEERS_DIR (default /tmp/peers, see
# ../shared/peers/setup.sh) does not hold it.
#   bash bench/compare.sh [CORPUS.jsonl]          PEERS="textacy sayswho wowool" to choose peers
#
# whosaid's time is the whole process (reading, extraction, registry, claims, writing four files),
# the best of three runs. A peer's speed is given twice: over its processing time alone (as it
# reports it, model loading left out) and over the whole process; the ratio uses the processing
# time, which is the peer's most favourable figure.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/polnear/train.jsonl}
peers_dir=${PEERS_DIR:-/tmp/peers}
peers=${PEERS:-textacy sayswho wowool}
here=$(pwd)
[ -f "$corpus" ] || { echo "compare: no corpus at $corpus"; exit 1; }
cargo build --release --quiet
mb=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1]) if l.strip())/1e6)" "$corpus")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Runs a command with stdout discarded; prints "wall_seconds peak_rss_kib" and leaves its stderr in $out/err.
measure() {
  /usr/bin/time -f '%e %M' -o "$out/time" "$@" > /dev/null 2> "$out/err"
  cat "$out/time"
}

best=
rss=
for _ in 1 2 3; do
  read -r t m < <(measure ./target/release/whosaid --threads 1 --quiet run "$corpus" -o "$out/run")
  if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $t < $best else 1)"; then best=$t; rss=$m; fi
done
# /usr/bin/time gives hundredths: a run under 0.01 s would divide by zero.
best=$(python3 -c "print(max($best, 0.01))")
printf 'corpus: %s (%.2f MB of text)\n' "$corpus" "$mb"
printf '%-22s %9s %9s %12s %10s\n' "tool" "process s" "total s" "MB/s" "peak RSS"
printf '%-22s %9.2f %9.2f %12.2f %7d MiB\n' "whosaid run" "$best" "$best" "$(python3 -c "print($mb/$best)")" "$((rss / 1024))"

for peer in $peers; do
  script="$here/../shared/peers/run_$peer.py"
  py="$peers_dir/venv/bin/python"
  [ "$peer" = wowool ] && py="$peers_dir/venv-wowool/bin/python"
  if [ ! -x "$py" ] || [ ! -f "$script" ]; then
    echo "$peer: skipped (not installed in $peers_dir; see ../shared/peers/setup.sh)"
    continue
  fi
  flags=()
  [ "$peer" = textacy ] && flags=(--disable-ner)
  label="$peer${flags:+ (no NER)}"
  if ! read -r total m < <(measure "$py" "$script" "${flags[@]}" "$corpus"); then
    echo "$peer: failed ($(tail -1 "$out/err"))"
    continue
  fi
  process=$(python3 -c "import json,sys; print(json.loads([l for l in open(sys.argv[1]) if l.startswith('{')][-1])['process_s'])" "$out/err")
  printf '%-22s %9.2f %9.2f %12.4f %7d MiB   whosaid is %.0fx faster (%.0fx on the whole process)\n' \
    "$label" "$process" "$total" "$(python3 -c "print($mb/$process)")" "$((m / 1024))" \
    "$(python3 -c "print($process/$best)")" "$(python3 -c "print($total/$best)")"
done
