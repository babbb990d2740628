#!/usr/bin/env bash
# MockAccounts on WireMock.Net (bench/WireMockNetHost: a WireMockServer with AddMockAccountsAsync) beside MockAccounts' own
# Kestrel host (src/MockAccounts.Server), both framework-dependent Release builds with their default options and the same
# engine, the raw Kestrel baseline and WireMock.Net alone answering the baseline's bytes from one mapping: Runloop 200 with validation strict, one server at a time, our host and WireMock.Net
# taking turns (ROUNDS pairs) so the shared machine's drift falls on both; then process start to first 200, median of 5
# alternating starts. Prints a markdown table; run it under the heavy lock:
#   flock /work/notes/heavy.lock bash bench/wiremock-net.sh     # DURATION=10 WARMUP=3 ROUNDS=2 by default
# Needs wrk (Debian: apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
ROUNDS=${ROUNDS:-2}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for project in bench/Baseline/Baseline.csproj bench/WireMockNetHost/WireMockNetHost.csproj src/MockAccounts.Server/MockAccounts.Server.csproj; do
  dotnet build -c Release "$project" -v q -nologo >/dev/null
done
BASE=bench/Baseline/bin/Release/net10.0/Baseline.dll
OURS=src/MockAccounts.Server/bin/Release/net10.0/MockAccounts.Server.dll
WMNET=bench/WireMockNetHost/bin/Release/net10.0/WireMockNetHost.dll
WORK=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
AUTH=(-H "Authorization: Bearer bench-token")

start() { # start kind: the server of that kind on a free loopback port (PORT), in the background; sets PID
  PORT=$(free_port)
  case "$1" in
    base) dotnet "$BASE" "$PORT" "$(free_port)" >/dev/null 2>&1 & ;;
    ours) dotnet "$OURS" --urls "http://127.0.0.1:$PORT" --MockAccounts:HotReload=false >/dev/null 2>&1 & ;;
    wmnet) dotnet "$WMNET" "$PORT" >/dev/null 2>&1 & ;;
    wmstatic) dotnet "$WMNET" "$PORT" static bench/Baseline/body.json >/dev/null 2>&1 & ;;
  esac
  PID=$!
}
stop() { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; PID=; }
ready() { # until the server answers 200; fails when it exits first
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "${AUTH[@]}" "http://127.0.0.1:$PORT/v1/accounts/me")" = 200 ]; do
    kill -0 "$PID" 2>/dev/null || { echo "the server on port $PORT exited before answering" >&2; exit 1; }
    sleep 0.01
  done
}
rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$PID/status"; }
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else printf "%.2f", v * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }

load() { # load kind -> "rps p50 p99 rss"
  start "$1"; ready
  local url="http://127.0.0.1:$PORT/v1/accounts/me"
  wrk -t1 -c32 -d"${WARMUP}s" "${AUTH[@]}" "$url" >/dev/null
  wrk -t1 -c32 -d"${DURATION}s" --latency "${AUTH[@]}" "$url" >"$WORK/wrk"
  local rss; rss=$(rss_mb)
  stop
  echo "$(awk '/^Requests\/sec/ { printf "%d", $2 }' "$WORK/wrk") $(ms "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk")") $(ms "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk")") $rss"
}

first200() { # first200 kind -> milliseconds from process start to the first 200
  local t0; t0=$(date +%s%N)
  start "$1"; ready
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
  stop
}

read -r b_rps b_p50 b_p99 b_rss < <(load base)
echo "| raw Kestrel, static bytes (baseline) | $b_rps | $b_p50 | $b_p99 | $b_rss | - | - |" >"$WORK/rows"
read -r s_rps s_p50 s_p99 s_rss < <(load wmstatic)
echo "| WireMock.Net 1.25.0 alone, one mapping with the baseline's bytes | $s_rps | $s_p50 | $s_p99 | $s_rss | - | - |" >>"$WORK/rows"
for round in $(seq 1 "$ROUNDS"); do
  read -r o_rps o_p50 o_p99 o_rss < <(load ours)
  read -r w_rps w_p50 w_p99 w_rss < <(load wmnet)
  echo "| MockAccounts' Kestrel host, round $round | $o_rps | $o_p50 | $o_p99 | $o_rss | 1.00 | 1.00 |" >>"$WORK/rows"
  echo "| MockAccounts on WireMock.Net 1.25.0, round $round | $w_rps | $w_p50 | $w_p99 | $w_rss | $(ratio "$w_rps" "$o_rps") | $(ratio "$w_p99" "$o_p99") |" >>"$WORK/rows"
done
for _ in 1 2 3 4 5; do
  first200 ours >>"$WORK/first-ours"
  first200 wmnet >>"$WORK/first-wmnet"
done
median() { sort -n "$1" | sed -n 3p; }

echo "## MockAccounts on WireMock.Net beside its own host (Runloop 200, strict; wrk -t1 -c32 -d${DURATION}s after ${WARMUP}s)"
echo
echo "| host | req/s | p50 ms | p99 ms | RSS after MB | req/s vs ours (same round) | p99 vs ours (same round) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
cat "$WORK/rows"
echo
echo "| process start to first 200 (median of 5, alternating) | ms |"
echo "| --- | --- |"
echo "| MockAccounts' Kestrel host (JIT build) | $(median "$WORK/first-ours") (all: $(sort -n "$WORK/first-ours" | tr '\n' ' ')) |"
echo "| MockAccounts on WireMock.Net (JIT build) | $(median "$WORK/first-wmnet") (all: $(sort -n "$WORK/first-wmnet" | tr '\n' ' ')) |"
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%d GiB", $2 / 1048576 }' /proc/meminfo), $(dotnet --version) SDK; load generator and server share the machine."
