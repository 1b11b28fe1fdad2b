#!/usr/bin/env bash
# Side by side on one corpus and one core: whosaid `run` against the Python peers of
# ../shared/peers (textacy without NER, sayswho), with the speed ratio. Peers are optional: each
# is skipped with a message when $PEERS_DIR (default /tmp/peers, see ../shared/peers/setup.sh)
# does not hold it.
#   bash bench/compare.sh [CORPUS.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/polnear/train.jsonl}
peers=${PEERS_DIR:-/tmp/peers}
here=$(pwd)
[ -f "$corpus" ] || { echo "compare: no corpus at $corpus"; exit 1; }
cargo build --release --quiet
mb=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1]) if l.strip())/1e6)" "$corpus")
out=$(mktemp -d)
seconds() { python3 -c "import sys,time,subprocess; t=time.time(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True); print(time.time()-t)" "$@"; }
ours=$(seconds ./target/release/whosaid --threads 1 --quiet run "$corpus" -o "$out")
printf 'corpus: %s (%.2f MB of text)\n' "$corpus" "$mb"
printf '%-22s %8.2f s %10.3f MB/s\n' "whosaid run" "$ours" "$(python3 -c "print($mb/$ours)")"
for peer in textacy sayswho; do
  script="../shared/peers/run_$peer.py"
  if [ ! -x "$peers/venv/bin/python" ] || [ ! -f "$script" ]; then
    echo "$peer: skipped (not installed in $peers; see ../shared/peers/setup.sh)"
    continue
  fi
  flags=(); [ "$peer" = textacy ] && flags=(--disable-ner)
  t=$(seconds "$peers/venv/bin/python" "$here/$script" "${flags[@]}" "$corpus")
  printf '%-22s %8.2f s %10.3f MB/s   whosaid is %.0fx faster\n' "$peer" "$t" "$(python3 -c "print($mb/$t)")" "$(python3 -c "print($t/$ours)")"
done
