#!/usr/bin/env bash
# Side by side on this machine, one run: the same broadcast scenario at several sizes against Sanke and against
# Janus's VideoRoom (Debian's janus package), both on loopback, measured by the same load tool. Prints a Markdown
# table for docs/benchmarks.md. Usage: load-test/janus/compare.sh [SIZES] [DURATION_S]  (default "25 50 100" 20)
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes="${1:-25 50 100}"
duration="${2:-20}"
out="$(mktemp -d /tmp/sanke-compare.XXXX)"
export JAVA_HOME="$(./sanke java-home)"
mvn -B -q -DskipTests install
mvn -B -q -pl load-test dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cp="load-test/target/classes:$(cat load-test/target/classpath.txt)"
# Sanke: the tool logs in as a lead teacher the server makes at start (kept in its database: the first password
# stays). Janus needs no login.
export SANKE_SEED_PASSWORD="${SANKE_SEED_PASSWORD:-Trial-Run-2026}"
export SANKE_PASSWORD="$SANKE_SEED_PASSWORD"

play() { # target url pid n
  local ramp=$(( $4 / 10 > 10 ? $4 / 10 : 10 )) # at most 10 joins a second: handshakes share the two cores
  "$JAVA_HOME/bin/java" -cp "$cp" org.sanke.loadtest.LoadTestCommand broadcast --target "$1" --server "$2" \
    --login load \
    --server-pid "$3" -n "$4" --duration "$duration" --ramp-up "$ramp" --report-dir "$out/$1-$4" \
    2>/dev/null | tr '\r' '\n' | grep '^RESULT' > "$out/$1-$4.result" || true
  if [ -s "$out/$1-$4.result" ]; then cat "$out/$1-$4.result"; else echo "RESULT target=$1 n=$4 failed=run"; fi
}

for n in $sizes; do
  "$JAVA_HOME/bin/java" -jar server/target/sanke-server.jar --http-port 8099 --media-port 10099 --no-demo \
    --seed-teacher=load > "$out/sanke-$n.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 50); do curl -s -o /dev/null http://127.0.0.1:8099/health && break; sleep 0.2; done
  play sanke http://127.0.0.1:8099 "$pid" "$n" | tee -a "$out/results.txt"
  kill "$pid"; wait "$pid" 2>/dev/null || true

  pid=$(load-test/janus/start-janus.sh "$out/janus-$n")
  play janus http://127.0.0.1:8188 "$pid" "$n" | tee -a "$out/results.txt"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  sleep 1
done

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
echo
echo "| receivers | server | CPU µs per stream-second | peak RSS MiB | delay p50 ms | delay p99 ms | loss % | join p50 ms | SFU-added p99 ms | heap KiB per subscriber |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for n in $sizes; do
  s=$(grep "target=sanke .* n=$n " "$out/results.txt" || true)
  j=$(grep "target=janus .* n=$n " "$out/results.txt" || true)
  for line in "$s" "$j"; do
    [ -z "$line" ] && continue
    echo "| $n | $(field target "$line") | $(field cpu_us_per_stream_s "$line") | $(field peak_mib "$line") |" \
      "$(field p50_ms "$line") | $(field p99_ms "$line") | $(field loss_pct "$line") | $(field join_p50_ms "$line") |" \
      "$(field sfu_p99_ms "$line" | sed 's/NaN/—/') | $(field heap_kib_per_subscriber "$line" | sed 's/NaN/—/') |"
  done
  if [ -n "$s" ] && [ -n "$j" ]; then
    echo "| $n | Sanke/Janus | $(awk -v a="$(field cpu_us_per_stream_s "$s")" -v b="$(field cpu_us_per_stream_s "$j")" \
      'BEGIN{printf "%.2f", a/b}') | | | | | | | |"
  fi
done
echo
echo "reports: $out"
