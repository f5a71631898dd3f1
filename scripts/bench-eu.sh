#!/usr/bin/env bash
# End-to-end benchmark at EU scale (issue 5): generates the workload
#   vendorgraph generate --countries 27 --operators 4 --sites 5000 --seed 1   (540,000 sites)
# and the same with half the sites, then measures with GNU time -v the wall time and peak
# memory of `vendorgraph scan DIR --format json -o /dev/null` (release build), the input
# size, the parse floor (examples/parse_floor.rs: serde_json into IgnoredAny) and the
# generate time. Prints a Markdown table with the targets.
#
#   scripts/bench-eu.sh            # RUNS=3 runs of scan and parse floor, median reported
#   RUNS=1 WORK=/tmp/x scripts/bench-eu.sh
#
# The workloads take about 0.5 GB and 0.25 GB of disk in $WORK (default /tmp/vendorgraph-bench);
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
cargo build --release --quiet --bin vendorgraph --example parse_floor
BIN=target/release/vendorgraph
FLOOR=target/release/examples/parse_floor
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
  # `-o /dev/null` must leave the device alone (write_atomic writes devices in place).
  [ -c /dev/null ] || { echo "error: /dev/null is no longer a device" >&2; exit 2; }
}

median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

generate() { # SITES DIR
  rm -rf "$2"
  measure "$BIN" generate --countries $COUNTRIES --operators $OPERATORS --sites "$1" --seed $SEED -o "$2"
  [ "$STATUS" = 0 ] || { cat "$LOG.err" >&2; exit 2; }
  GEN_WALL=$WALL
  GEN_RSS=$RSS
}

scan_runs() { # DIR: median wall and max RSS of RUNS scans
  local walls=() rss=0
  for _ in $(seq "$RUNS"); do
    measure "$BIN" scan "$1" --format json -o /dev/null
    # 0 clean, 1 deny findings (expected on this data); anything else is a failure.
    [ "$STATUS" -le 1 ] || { cat "$LOG.err" >&2; exit 2; }
    walls+=("$WALL")
    if [ "$RSS" -gt "$rss" ]; then rss=$RSS; fi
  done
  SCAN_WALL=$(printf '%s\n' "${walls[@]}" | median)
  SCAN_RSS=$rss
}

floor_runs() { # DIR: median of RUNS parse floors (read + sequential parse)
  local totals=() parses=() pars=() reads=()
  for _ in $(seq "$RUNS"); do
    measure "$FLOOR" "$1"
    [ "$STATUS" = 0 ] || { cat "$LOG.err" >&2; exit 2; }
    line=$(cat "$LOG.out")
    r=$(sed -E 's/.*read_s=([0-9.]+).*/\1/' <<<"$line")
    p=$(sed -E 's/.*parse_s=([0-9.]+).*/\1/' <<<"$line")
    q=$(sed -E 's/.*parse_parallel_s=([0-9.]+).*/\1/' <<<"$line")
    reads+=("$r"); parses+=("$p"); pars+=("$q")
    totals+=("$(awk -v a="$r" -v b="$p" 'BEGIN {print a + b}')")
  done
  FLOOR_TOTAL=$(printf '%s\n' "${totals[@]}" | median)
  FLOOR_READ=$(printf '%s\n' "${reads[@]}" | median)
  FLOOR_PARSE=$(printf '%s\n' "${parses[@]}" | median)
  FLOOR_PAR=$(printf '%s\n' "${pars[@]}" | median)
}

FULL="$WORK/eu-$SITES"
HALFDIR="$WORK/eu-$HALF"
echo "generating $FULL" >&2
generate "$SITES" "$FULL"
GEN_FULL=$GEN_WALL; GEN_FULL_RSS=$GEN_RSS
echo "generating $HALFDIR" >&2
generate "$HALF" "$HALFDIR"
GEN_HALF=$GEN_WALL

BYTES=$(du -sb "$FULL" | cut -f1)
BYTES_HALF=$(du -sb "$HALFDIR" | cut -f1)
# Warm the page cache so that every measurement reads from memory.
cat "$FULL"/*.json "$HALFDIR"/*.json >/dev/null

echo "parse floor ($RUNS runs)" >&2
floor_runs "$FULL"
echo "scan $FULL ($RUNS runs)" >&2
scan_runs "$FULL"
S_FULL=$SCAN_WALL; RSS_FULL=$SCAN_RSS
echo "scan $HALFDIR ($RUNS runs)" >&2
scan_runs "$HALFDIR"
S_HALF=$SCAN_WALL; RSS_HALF=$SCAN_RSS

ok() { if awk "BEGIN {exit !($1)}"; then echo "met"; else echo "**missed**"; fi; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
mb() { awk -v a="$1" 'BEGIN {printf "%.0f MB", a / 1e6}'; }

R_FLOOR=$(ratio "$S_FULL" "$FLOOR_TOTAL")
R_MEM=$(ratio "$((RSS_FULL * 1024))" "$BYTES")
R_SCALE=$(ratio "$S_FULL" "$S_HALF")

cat <<EOF
Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d); load average before: $(cut -d' ' -f1-3 /proc/loadavg)
Workload: generate --countries $COUNTRIES --operators $OPERATORS --sites $SITES --seed $SEED ($((COUNTRIES * OPERATORS * SITES)) sites); medians of $RUNS runs

| measure | value | target | result |
| --- | --- | --- | --- |
| input size (du -sb) | $BYTES bytes ($(mb "$BYTES")) | | |
| generate, $SITES sites/operator | ${GEN_FULL} s (peak RSS $((GEN_FULL_RSS / 1024)) MB) | < 20 s | $(ok "$GEN_FULL < 20") |
| generate, $HALF sites/operator | ${GEN_HALF} s | | |
| parse floor: read + serde_json into IgnoredAny, sequential | ${FLOOR_TOTAL} s (read ${FLOOR_READ} s + parse ${FLOOR_PARSE} s; parse on all cores ${FLOOR_PAR} s) | | |
| scan --format json -o /dev/null, wall | ${S_FULL} s | < 8 s | $(ok "$S_FULL < 8") |
| scan / parse floor | ${R_FLOOR}x | <= 2x | $(ok "$R_FLOOR <= 2") |
| scan peak RSS | $((RSS_FULL / 1024)) MB | | |
| scan peak RSS / input size | ${R_MEM}x | < 2x | $(ok "$R_MEM < 2") |
| scan, $HALF sites/operator ($BYTES_HALF bytes) | ${S_HALF} s, peak RSS $((RSS_HALF / 1024)) MB | | |
| scan time $SITES / $HALF sites | ${R_SCALE}x | <= 2.2x | $(ok "$R_SCALE <= 2.2") |
EOF

if [ "${KEEP:-0}" != 1 ]; then
  rm -rf "$FULL" "$HALFDIR"
fi
