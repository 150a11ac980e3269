#!/usr/bin/env bash
# rebuild.sh JAR DATA_DIR [ROUNDS]: starts the service on a copy of a store and times rebuilds of every read model.
set -euo pipefail
jar=$1; data=$2; rounds=${3:-2}; port=18181
java -Xmx512m -jar "$jar" --server.port=$port --palimpsest.storage.engine=h2 --palimpsest.storage.data-dir="$data" \
  --palimpsest.users=bench-admin:bench-pw:ADMIN --palimpsest.security.allow-plain-text-passwords=true \
  > /tmp/rebuild-service.log 2>&1 &
pid=$!
trap 'kill $pid' EXIT
until curl -sf http://localhost:$port/actuator/health > /dev/null; do sleep 1; done
for r in $(seq 1 "$rounds"); do
  start=$(date +%s.%N)
  curl -sf -u bench-admin:bench-pw -X POST -H 'Content-Type: application/json' -d '{}' http://localhost:$port/api/admin/replay > /dev/null
  while :; do
    sleep 0.1
    p=$(curl -sf -u bench-admin:bench-pw http://localhost:$port/api/admin/replay)
    echo "$p" | grep -q '"rebuilding":true' || break
  done
  end=$(date +%s.%N)
  echo "round $r: $(echo "$end - $start" | bc) s; $p"
done
