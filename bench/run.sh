#!/usr/bin/env bash
# One command for the whole benchmark (docs/benchmarks.md): build, then one after the other
#   1. Palimpsest on the durable embedded store (fresh service): editors editing over REST, then over their STOMP
#      connection, paced and flat out; a crowd of editors on one profile (over the socket); history at size, rebuild,
#      cost growth;
#   2. Palimpsest with the store in memory (fresh service): the same editors and crowd;
#   3. ShareDB (in-memory database, WebSocket stream): the same editors, then a crowd of editors on one document;
#   4. ShareDB on PostgreSQL (sharedb-postgres; a fresh local cluster from bench/postgres.sh, durable defaults: fsync and
#      synchronous_commit on), pub/sub still in memory: the same editors and crowd; the cluster is stopped after it (and
#      on any exit of this script);
# then the side-by-side report with ratios: bench/results/report.md and report.json.
# Knobs (environment): BENCH_EDITORS (200), BENCH_PROFILES (20), BENCH_THINK_MS (1000), BENCH_CONFLICT_SHARE (0.2),
# BENCH_FIRST_WARM_UP (180: before the first phase; the JVM's C2 compiler on two cores keeps compiling hot code for about
# three minutes under this load), BENCH_WARM_UP (30, before each later phase; both systems get the same), BENCH_SECONDS (30 per phase), BENCH_HISTORY_REVISIONS (10000), BENCH_HISTORY_WARM_UP (30: seconds of untimed history reads before they are timed),
# BENCH_STORE_SIZES (100000: the durable store grown to these numbers of events, a rebuild timed at each; see docs/benchmarks.md for 1000000), BENCH_SKIP_BUILD (unset),
# BENCH_MEMORY_HEAP (2g: the in-memory service's -Xmx; its store lives in that heap),
# BENCH_SERVICE_JVM_ARGS (extra JVM options for the service, e.g. -XX:StartFlightRecording=filename=/tmp/s.jfr),
# BENCH_CROWD_EDITORS (500: the crowd phase's editors, all on one document; 0 skips it), BENCH_CROWD_THINK_MS (10000),
# BENCH_POSTGRES_PORT (55432, bench/postgres.sh's), BENCH_POSTGRES_BIN (PostgreSQL's bin directory; the newest
# /usr/lib/postgresql/*/bin from the Debian package `postgresql` by default).
set -euo pipefail
cd "$(dirname "$0")/.."
results=bench/results
workload=(--editors="${BENCH_EDITORS:-200}" --profiles="${BENCH_PROFILES:-20}" --think-ms="${BENCH_THINK_MS:-1000}"
          --conflict-share="${BENCH_CONFLICT_SHARE:-0.2}" --first-warm-up-seconds="${BENCH_FIRST_WARM_UP:-180}"
          --warm-up-seconds="${BENCH_WARM_UP:-30}"
          --seconds="${BENCH_SECONDS:-30}")
crowd=(--crowd-editors="${BENCH_CROWD_EDITORS:-500}" --crowd-think-ms="${BENCH_CROWD_THINK_MS:-10000}")

echo "machine: $(nproc) cores; uptime: $(uptime)"
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -DskipTests package -pl bench -am
fi
(cd bench/sharedb && npm ci --no-audit --no-fund --prefer-offline --loglevel=error)

bench=(java -jar bench/target/bench-0.1.0-SNAPSHOT.jar)
service=(--service-jar=services/profile-service/target/profile-service-0.1.0-SNAPSHOT.jar
         --service-jvm-args="${BENCH_SERVICE_JVM_ARGS:-}")
rm -rf bench/target/run-h2 bench/target/run-memory
mkdir -p "$results"

"${bench[@]}" run "${service[@]}" --engine=h2 "${workload[@]}" "${crowd[@]}" \
    --history-revisions="${BENCH_HISTORY_REVISIONS:-10000}" --history-warm-up-seconds="${BENCH_HISTORY_WARM_UP:-30}" --store-sizes="${BENCH_STORE_SIZES-100000}" \
    --out="$results/palimpsest-durable.json"
echo "uptime: $(uptime)"
# The memory engine keeps the whole store in the service's heap (over 100,000 events by the flat-out phase): at 512m it
# spent the phase collecting garbage; the heap target is the durable run's, whose store is in files.
"${bench[@]}" run "${service[@]}" --engine=memory --heap="${BENCH_MEMORY_HEAP:-2g}" "${workload[@]}" "${crowd[@]}" \
    --history-revisions=0 \
    --out="$results/palimpsest-memory.json"
echo "uptime: $(uptime)"
(cd bench/sharedb && node load.mjs "${workload[@]}" "${crowd[@]}" --db=memory --out="../../$results/sharedb.json")
echo "uptime: $(uptime)"
trap 'bench/postgres.sh stop' EXIT
postgres_url="$(bench/postgres.sh start)"
(cd bench/sharedb && node load.mjs "${workload[@]}" "${crowd[@]}" --db=postgres --postgres-url="$postgres_url" \
    --out="../../$results/sharedb-postgres.json")
bench/postgres.sh stop
trap - EXIT
echo "uptime: $(uptime)"

"${bench[@]}" report --inputs="$results/palimpsest-durable.json,$results/palimpsest-memory.json,$results/sharedb.json,$results/sharedb-postgres.json" \
    --out="$results/report"
