#!/usr/bin/env bash
# Three replicas sharing their state on one Redis beside one process keeping its state in memory, on the same load, in
# one run: framework-dependent Release builds of src/MockAccounts.Server with their default options, Debian's
# redis-server on a loopback port (no persistence). Rounds alternate so the shared machine's drift falls on both:
#   - one replica at a time under the load (the other two running and connected), each as a ratio to the in-memory
#     process of the same round: a token whose state is unchanged (the hot path), a token on a sequence past its end
#     (rate-limited-once past its 429: known ended, so no count), and a token with edge bodies (a new body and one
#     shared count per request: concurrent claims on one replica share a round trip);
#   - all three replicas at once, the load split three ways, as a sum beside the in-memory process under the whole load.
# Prints a markdown table; run it under the heavy lock:
#   flock /work/notes/heavy.lock bash bench/replicas.sh     # DURATION=10 WARMUP=3 ROUNDS=2 by default
# Needs wrk and redis-server (Debian: apt-get install wrk redis-server).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
ROUNDS=${ROUNDS:-2}
command -v wrk >/dev/null && command -v redis-server >/dev/null || { echo "needs wrk and redis-server (apt-get install wrk redis-server)" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release src/MockAccounts.Server/MockAccounts.Server.csproj -v q -nologo >/dev/null
OURS=src/MockAccounts.Server/bin/Release/net10.0/MockAccounts.Server.dll
WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
AUTH=(-H "Authorization: Bearer bench-token")
SEQ=(-H "Authorization: Bearer bench-sequence")
EDGES=(-H "Authorization: Bearer bench-edges")

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --loglevel warning >/dev/null 2>&1 &
PIDS+=($!)
until [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; do sleep 0.05; done

serve() { # serve port [redis]: a server in the background, once it answers; its pid lands in PIDS
  local port=$1 redis=${2:-}
  if [ -n "$redis" ]; then
    MockAccounts__State__Redis="127.0.0.1:$REDIS_PORT,abortConnect=false" MockAccounts__State__Prefix="bench:" \
      dotnet "$OURS" --urls "http://127.0.0.1:$port" --MockAccounts:HotReload=false >/dev/null 2>&1 &
  else
    dotnet "$OURS" --urls "http://127.0.0.1:$port" --MockAccounts:HotReload=false >/dev/null 2>&1 &
  fi
  PIDS+=($!)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "${AUTH[@]}" "http://127.0.0.1:$port/v1/accounts/me")" = 200 ]; do sleep 0.02; done
  # The sequence token: its one 429 spent, every further request takes one count.
  curl -sf -o /dev/null -X PUT "http://127.0.0.1:$port/__admin/vendors/runloop/tokens/bench-sequence/scenario" \
    -H 'Content-Type: application/json' -d '{"scenario": "rate-limited-once"}'
  curl -s -o /dev/null "${SEQ[@]}" "http://127.0.0.1:$port/v1/accounts/me"
  # The edges token: every request draws a new body, numbered by a shared count.
  curl -sf -o /dev/null -X PUT "http://127.0.0.1:$port/__admin/vendors/runloop/tokens/bench-edges/variation" \
    -H 'Content-Type: application/json' -d '{"variation": "edges"}'
}
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else printf "%.2f", v * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }
summary() { # summary wrk-output -> "rps p99"
  echo "$(awk '/^Requests\/sec/ { printf "%d", $2 }' "$1") $(ms "$(awk '$1 == "99%" { print $2 }' "$1")")"
}
scripts() { redis-cli -p "$REDIS_PORT" info commandstats | awk -F'[=,]' '/^cmdstat_evalsha:/ { print $2 }'; }
load() { # load port connections auth... -> "rps p99 scripts-per-request" (Redis scripts run while measured, per request)
  local port=$1 connections=$2; shift 2
  local url="http://127.0.0.1:$port/v1/accounts/me"
  wrk -t1 -c"$connections" -d"${WARMUP}s" "$@" "$url" >/dev/null
  redis-cli -p "$REDIS_PORT" config resetstat >/dev/null
  wrk -t1 -c"$connections" -d"${DURATION}s" --latency "$@" "$url" >"$WORK/wrk-$port"
  local calls requests; calls=$(scripts); requests=$(awk '/requests in/ { print $1 }' "$WORK/wrk-$port")
  echo "$(summary "$WORK/wrk-$port") $(awk -v c="${calls:-0}" -v r="$requests" 'BEGIN { printf "%.3f", (r > 0 ? c / r : 0) }')"
}

MEM=$(free_port)
R1=$(free_port); R2=$(free_port); R3=$(free_port)
serve "$MEM"
serve "$R1" redis; serve "$R2" redis; serve "$R3" redis
rows=$WORK/rows
for round in $(seq 1 "$ROUNDS"); do
  for kind in hot ended edges; do
    case $kind in
      hot) auth=("${AUTH[@]}"); label="unchanged state" ;;
      ended) auth=("${SEQ[@]}"); label="a sequence past its end" ;;
      edges) auth=("${EDGES[@]}"); label="edge bodies (a shared count per request)" ;;
    esac
    read -r m_rps m_p99 _ < <(load "$MEM" 32 "${auth[@]}")
    echo "| in memory, one process, $label, round $round | $m_rps | $m_p99 | 1.00 | 1.00 | - |" >>"$rows"
    for r in 1 2 3; do
      port=$(eval echo "\$R$r")
      read -r rps p99 per < <(load "$port" 32 "${auth[@]}")
      echo "| replica $r of 3 on Redis, alone under the load, $label, round $round | $rps | $p99 | $(ratio "$rps" "$m_rps") | $(ratio "$p99" "$m_p99") | $per |" >>"$rows"
    done
  done
  # All three at once, the 32 connections split 11/11/10, beside the in-memory process under all 32.
  read -r m_rps m_p99 _ < <(load "$MEM" 32 "${AUTH[@]}")
  for r in 1 2 3; do wrk -t1 -c11 -d"${WARMUP}s" "${AUTH[@]}" "http://127.0.0.1:$(eval echo "\$R$r")/v1/accounts/me" >/dev/null & done
  wait_wrk() { for job in $(jobs -p); do case " ${PIDS[*]} " in *" $job "*) ;; *) wait "$job" ;; esac; done; }
  wait_wrk
  for r in 1 2 3; do
    c=11; [ "$r" = 3 ] && c=10
    wrk -t1 -c"$c" -d"${DURATION}s" --latency "${AUTH[@]}" "http://127.0.0.1:$(eval echo "\$R$r")/v1/accounts/me" >"$WORK/all-$r" &
  done
  wait_wrk
  total=0; worst=0
  for r in 1 2 3; do
    read -r rps p99 < <(summary "$WORK/all-$r")
    total=$((total + rps))
    worst=$(awk -v a="$worst" -v b="$p99" 'BEGIN { print (b > a ? b : a) }')
  done
  echo "| in memory, one process, unchanged state, all 32 connections, round $round | $m_rps | $m_p99 | 1.00 | 1.00 | - |" >>"$rows"
  echo "| 3 replicas on Redis at once, 11/11/10 connections, sum (worst p99), round $round | $total | $worst | $(ratio "$total" "$m_rps") | $(ratio "$worst" "$m_p99") | - |" >>"$rows"
done

echo "## Three replicas on one Redis beside one in-memory process (wrk -t1 -c32 -d${DURATION}s after ${WARMUP}s warm-up, $ROUNDS rounds alternating)"
echo
echo "| target | req/s | p99 ms | req/s ratio to in memory (same round) | p99 ratio | Redis scripts per request (journal pages and counts) |"
echo "| --- | --- | --- | --- | --- | --- |"
cat "$rows"
echo
echo "A script is one round trip to Redis: a journal page (written off the request path) or a count (on it; claims that arrive together on one replica share one)."
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%d GiB", $2 / 1048576 }' /proc/meminfo), $(dotnet --version) SDK; load generator, Redis and servers share the machine."
