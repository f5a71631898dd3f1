#!/usr/bin/env bash
# End-to-end benchmark at EU scale (issues 5 and 11): generates the workload
#   vendorgraph generate --countries 27 --operators 4 --sites 5000 --seed 1   (540,000 sites)
# the same with half the sites, and the full one as CSV (examples/to_csv.rs), then reports,
# each as the best of RUNS runs (wall time and peak RSS by GNU time -v, release build):
#   - the parse floor (examples/parse_floor.rs: file by file, serde_json::from_slice into
#     IgnoredAny, one thread, best of three);
#   - `scan DIR --format json -o FILE` wall, and its ratio to the floor (target <= 2.5x);
#   - `scan` peak RSS against the input bytes (target <= 1.0x);
#   - `validate DIR` wall against the floor (target <= 2x);
#   - `scan` on twice the sites against once (target <= 2.1x);
#   - `scan` of the CSV copy against the JSON, per input byte (target <= 1.5x).
# Prints a Markdown table with the targets.
#
#   scripts/bench-eu.sh            # RUNS=3, best of 3 reported
#   RUNS=1 WORK=/tmp/x scripts/bench-eu.sh
#
# The machine may be shared: the load average before and after is printed; measure when it
# is low. The workloads take about 1.3 GB of disk in $WORK (default /tmp/vendorgraph-bench);
# KEEP=1 keeps them afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=${WORK:-/tmp/vendorgraph-bench}
RUNS=${RUNS:-3}
SITES=${SITES:-5000}
HALF=$((SITES / 2))
COUNTRIES=27
OPERATORS=4
SEED=1

if [ ! -x /usr/bin/time ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "installing GNU time" >&2
    (apt-get update -qq && apt-get install -y -qq time >/dev/null) >&2
  fi
fi
[ -x /usr/bin/time ] || { echo "error: GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 2; }

echo "building (release)" >&2
cargo build --release --quiet --bin vendorgraph --example parse_floor --example to_csv
BIN=target/release/vendorgraph
FLOOR=target/release/examples/parse_floor
TO_CSV=target/release/examples/to_csv
mkdir -p "$WORK"
LOG=$(mktemp)
trap 'rm -f "$LOG" "$LOG.out" "$LOG.err"' EXIT

# measure CMD...: runs CMD under GNU time; sets WALL (seconds), RSS (kB) and STATUS.
measure() {
  set +e
  /usr/bin/time -v -o "$LOG" "$@" >"$LOG.out" 2>"$LOG.err"
  STATUS=$?
  set -e
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$LOG")
  RSS=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$LOG")
}

least() { sort -g | head -n1; }

generate() { # SITES DIR
  rm -rf "$2"
  measure "$BIN" generate --countries $COUNTRIES --operators $OPERATORS --sites "$1" --seed $SEED -o "$2"
  [ "$STATUS" = 0 ] || { cat "$LOG.err" >&2; exit 2; }
  GEN_WALL=$WALL
}

best_of() { # CMD...: best wall of RUNS runs (BEST) and the largest peak RSS (PEAK, kB)
  local walls=() rss=0
  for _ in $(seq "$RUNS"); do
    measure "$@"
    # 0 clean, 1 deny findings (expected on this data); anything else is a failure.
    [ "$STATUS" -le 1 ] || { cat "$LOG.err" >&2; exit 2; }
    walls+=("$WALL")
    if [ "$RSS" -gt "$rss" ]; then rss=$RSS; fi
  done
  BEST=$(printf '%s\n' "${walls[@]}" | least)
  PEAK=$rss
}

FULL="$WORK/eu-$SITES"
HALFDIR="$WORK/eu-$HALF"
CSVDIR="$WORK/eu-$SITES-csv"
OUT="$WORK/scan.json"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "generating $FULL" >&2
generate "$SITES" "$FULL"
GEN_FULL=$GEN_WALL
echo "generating $HALFDIR" >&2
generate "$HALF" "$HALFDIR"
echo "writing $CSVDIR" >&2
rm -rf "$CSVDIR"
"$TO_CSV" "$FULL" "$CSVDIR"

BYTES=$(du -sb "$FULL" | cut -f1)
BYTES_HALF=$(du -sb "$HALFDIR" | cut -f1)
BYTES_CSV=$(du -sb "$CSVDIR" | cut -f1)
# Warm the page cache so that every measurement reads from memory.
cat "$FULL"/* "$HALFDIR"/* "$CSVDIR"/* >/dev/null

echo "parse floor (best of 3)" >&2
"$FLOOR" "$FULL" >"$LOG.out"
FLOOR_S=$(sed -E 's/.*floor_s=([0-9.]+).*/\1/' "$LOG.out")
echo "scan $FULL ($RUNS runs)" >&2
best_of "$BIN" scan "$FULL" --format json -o "$OUT"
S_FULL=$BEST; RSS_FULL=$PEAK
echo "validate $FULL ($RUNS runs)" >&2
best_of "$BIN" validate "$FULL"
V_FULL=$BEST; RSS_V=$PEAK
echo "scan $HALFDIR ($RUNS runs)" >&2
best_of "$BIN" scan "$HALFDIR" --format json -o "$OUT"
S_HALF=$BEST; RSS_HALF=$PEAK
echo "scan $CSVDIR ($RUNS runs)" >&2
best_of "$BIN" scan "$CSVDIR" --format json -o "$OUT"
S_CSV=$BEST; RSS_CSV=$PEAK
rm -f "$OUT"

ok() { if awk "BEGIN {exit !($1)}"; then echo "met"; else echo "**missed**"; fi; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
mb() { awk -v a="$1" 'BEGIN {printf "%.0f MB", a / 1e6}'; }

R_SCAN=$(ratio "$S_FULL" "$FLOOR_S")
R_VALIDATE=$(ratio "$V_FULL" "$FLOOR_S")
R_MEM=$(ratio "$((RSS_FULL * 1024))" "$BYTES")
R_SCALE=$(ratio "$S_FULL" "$S_HALF")
R_CSV=$(awk -v c="$S_CSV" -v cb="$BYTES_CSV" -v j="$S_FULL" -v jb="$BYTES" \
  'BEGIN {printf "%.2f", (c / cb) / (j / jb)}')

cat <<EOF
Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d); load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)
Workload: generate --countries $COUNTRIES --operators $OPERATORS --sites $SITES --seed $SEED ($((COUNTRIES * OPERATORS * SITES)) sites); best of $RUNS runs

| measure | value | ratio | target | result |
| --- | --- | --- | --- | --- |
| input size (du -sb) | $BYTES bytes ($(mb "$BYTES")) | | | |
| generate, $SITES sites/operator | ${GEN_FULL} s | | < 20 s | $(ok "$GEN_FULL < 20") |
| parse floor (file by file, serde_json into IgnoredAny, one thread, best of 3) | ${FLOOR_S} s | 1x | | |
| scan --format json -o FILE, wall | ${S_FULL} s | ${R_SCAN}x the floor | <= 2.5x | $(ok "$R_SCAN <= 2.5") |
| scan, peak RSS | $((RSS_FULL / 1024)) MB | ${R_MEM}x the input | <= 1.0x | $(ok "$R_MEM <= 1.0") |
| validate, wall | ${V_FULL} s (peak RSS $((RSS_V / 1024)) MB) | ${R_VALIDATE}x the floor | <= 2x | $(ok "$R_VALIDATE <= 2") |
| scan, $HALF sites/operator ($BYTES_HALF bytes) | ${S_HALF} s, peak RSS $((RSS_HALF / 1024)) MB | | | |
| scan time, $SITES / $HALF sites | | ${R_SCALE}x | <= 2.1x | $(ok "$R_SCALE <= 2.1") |
| scan of the CSV copy ($BYTES_CSV bytes) | ${S_CSV} s, peak RSS $((RSS_CSV / 1024)) MB | ${R_CSV}x the JSON per byte | <= 1.5x | $(ok "$R_CSV <= 1.5") |
EOF

if [ "${KEEP:-0}" != 1 ]; then
  rm -rf "$FULL" "$HALFDIR" "$CSVDIR"
fi
