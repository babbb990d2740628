#!/usr/bin/env bash
# One command: builds Release, then measures MockAccounts beside a raw Kestrel baseline on loopback,
# one server at a time, and prints a markdown table (ratios are to the baseline of the same run).
#   bash bench/run.sh            # DURATION=15 WARMUP=3 by default
# Needs wrk and h2load (Debian: apt-get install wrk nghttp2-client).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-3}
MILLION=${MILLION:-1000000}
command -v wrk >/dev/null && command -v h2load >/dev/null || { echo "needs wrk and h2load (apt-get install wrk nghttp2-client)" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release bench/Baseline/Baseline.csproj -v q -nologo >/dev/null
dotnet build -c Release bench/MockAccounts.Bench/MockAccounts.Bench.csproj -v q -nologo >/dev/null
BASE_DLL=bench/Baseline/bin/Release/net10.0/Baseline.dll
WORK=$(mktemp -d)
# MockAccounts as the container ships it: self-contained, one composite ReadyToRun image (see the Dockerfile), started
# by its own executable; the plain build for comparison.
RID=linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')
rm -rf src/*/obj/Release/net10.0/"$RID"/R2R   # a framework-dependent ReadyToRun build's output there is not a composite's
dotnet publish -c Release src/MockAccounts.Server/MockAccounts.Server.csproj -r "$RID" --self-contained true \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "$WORK/mock" -v q -nologo >/dev/null
MOCK_DLL=$WORK/mock/MockAccounts.Server
JIT_DLL=src/MockAccounts.Server/bin/Release/net10.0/MockAccounts.Server.dll
PID=
BPID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; [ -n "$BPID" ] && kill "$BPID" 2>/dev/null; rm -rf "$WORK"' EXIT

host() { # host dll-or-executable: what starts it (the dotnet host for a .dll, nothing for an executable)
  case "$1" in *.dll) echo dotnet ;; *) echo env ;; esac
}
serve() { # serve dll port args...; sets PID, waits until it answers
  local dll=$1 port=$2; shift 2
  if [ "$dll" = "$BASE_DLL" ]; then dotnet "$dll" "$port" "$@" >/dev/null 2>&1 &
  else "$(host "$dll")" "$dll" --urls "http://127.0.0.1:$port" "$@" >/dev/null 2>&1 &
  fi
  PID=$!
  until curl -s -o /dev/null "http://127.0.0.1:$port/v1/accounts/me"; do sleep 0.05; done
}
stop() { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; PID=; }
rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/${1:-$PID}/status"; }
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else printf "%.2f", v * 1000 }'; }

load() { # load url [wrk args...] -> "rps p50 p99" (after a warm-up)
  local url=$1; shift
  wrk -t1 -c32 -d"${WARMUP}s" "$@" "$url" >/dev/null
  wrk -t1 -c32 -d"${DURATION}s" --latency "$@" "$url" >"$WORK/wrk"
  local rps p50 p99
  rps=$(awk '/^Requests\/sec/ { printf "%d", $2 }' "$WORK/wrk")
  p50=$(ms "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk")")
  p99=$(ms "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk")")
  echo "$rps $p50 $p99"
}
h2() { # h2 url [headers...] -> "rps mean_ms"
  local url=$1; shift
  h2load -c 32 -m 1 -t 1 -D "$WARMUP" "$@" "$url" >/dev/null
  h2load -c 32 -m 1 -t 1 -D "$DURATION" "$@" "$url" >"$WORK/h2"
  local rps mean
  rps=$(awk '/^finished in/ { gsub(",", "", $4); printf "%d", $4 }' "$WORK/h2")
  mean=$(ms "$(awk '/^time for request:/ { print $6 }' "$WORK/h2")")
  echo "$rps $mean"
}

tokens_script() { # tokens_script file count: a wrk script cycling through count distinct bearer tokens
  cat >"$1" <<LUA
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/v1/accounts/me", { ["Authorization"] = "Bearer tok-" .. (n % $2) })
end
LUA
}
tokens_script "$WORK/tokens.lua" 100000
tokens_script "$WORK/thousand.lua" 1000

row() { echo "$1" >>"$WORK/rows"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }

MOCK_ARGS=(--MockAccounts:HotReload=false)
AUTH=(-H "Authorization: Bearer bench-token")

# The baseline keeps running, idle, and is measured again right before each MockAccounts row: this
# shared machine's speed drifts by tens of percent within minutes, so each ratio is to its own baseline.
serve "$BASE_DLL" 19001 19011
BPID=$PID
PID=
B=http://127.0.0.1:19001/v1/accounts/me
read -r b_rps b_p50 b_p99 < <(load $B "${AUTH[@]}")
read -r b_h2 b_h2mean < <(h2 http://127.0.0.1:19011/v1/accounts/me -H "authorization: Bearer bench-token")
row "| raw Kestrel, static bytes (baseline) | h1 | $b_rps | $b_p50 | $b_p99 | $(rss_mb "$BPID") | $b_rps | 1.00 | 1.00 | 1.00 |"
row "| raw Kestrel, static bytes (baseline) | h2c | $b_h2 | mean $b_h2mean | - | - | $b_h2 | 1.00 | - | - |"

measure() { # name validation url [wrk args...]
  local name=$1 validation=$2 url=$3; shift 3
  local b_rps b_p50 b_p99 b_rss
  read -r b_rps b_p50 b_p99 < <(load $B "${AUTH[@]}")
  b_rss=$(rss_mb "$BPID")
  serve "$MOCK_DLL" 19002 "${MOCK_ARGS[@]}" --MockAccounts:Validation="$validation"
  curl -s -o /dev/null -X PUT "http://127.0.0.1:19002/__admin/vendors/depicta/tokens/bench-402/scenario" -H 'Content-Type: application/json' -d '{"scenario": "payment-required"}'
  read -r rps p50 p99 < <(load "$url" "$@")
  local rss; rss=$(rss_mb)
  stop
  row "| $name | h1 | $rps | $p50 | $p99 | $rss | $b_rps | $(ratio "$rps" "$b_rps") | $(ratio "$p99" "$b_p99") | $(ratio "$rss" "$b_rss") |"
  echo "$rps $b_rps"
}
R=http://127.0.0.1:19002
measure "Runloop 200, validation off" off $R/v1/accounts/me "${AUTH[@]}" >/dev/null
measure "Runloop 401, validation off" off $R/v1/accounts/me >/dev/null
read -r one_strict one_base < <(measure "Runloop 200, validation strict" strict $R/v1/accounts/me "${AUTH[@]}")
measure "Runloop 401, validation strict" strict $R/v1/accounts/me >/dev/null
measure "Depicta 402 payment-required, validation off" off $R/v1/account/profile -H "Authorization: Bearer bench-402" >/dev/null
measure "Depicta 402 payment-required, validation strict" strict $R/v1/account/profile -H "Authorization: Bearer bench-402" >/dev/null
read -r many_strict many_base < <(measure "Runloop 200, strict, 100,000 distinct tokens" strict $R/v1/accounts/me -s "$WORK/tokens.lua")

read -r b_h2 b_h2mean < <(h2 http://127.0.0.1:19011/v1/accounts/me -H "authorization: Bearer bench-token")
serve "$MOCK_DLL" 19002 "${MOCK_ARGS[@]}"
read -r m_h2 m_h2mean < <(h2 $R/v1/accounts/me -H "authorization: Bearer bench-token")
stop
row "| Runloop 200, strict | h2c | $m_h2 | mean $m_h2mean | - | - | $b_h2 | $(ratio "$m_h2" "$b_h2") | - | - |"
kill "$BPID"; wait "$BPID" 2>/dev/null || true; BPID=

# A million requests over 1,000 tokens: RSS at rest, once the journal is full (after a tenth), and at the end.
serve "$MOCK_DLL" 19002 "${MOCK_ARGS[@]}"
before=$(rss_mb)
secs=$(awk -v m="$MILLION" -v r="$one_strict" 'BEGIN { s = int(m / (r > 0 ? r : 1)) + 1; print (s > 300 ? 300 : s) }')
first=$(( secs / 10 + 1 ))
wrk -t1 -c32 -d"${first}s" -s "$WORK/thousand.lua" $R/v1/accounts/me >"$WORK/million1"
full=$(rss_mb)
sent=$(awk '/requests in/ { print $1 }' "$WORK/million1")
rounds=0
while [ "$sent" -lt "$MILLION" ] && [ "$rounds" -lt 20 ]; do # until a million have been answered (at most 20 rounds)
  left=$(awk -v m="$MILLION" -v s="$sent" -v r="$one_strict" 'BEGIN { t = int((m - s) / (r > 0 ? r : 1)) + 1; print (t > 60 ? 60 : t) }')
  wrk -t1 -c32 -d"${left}s" -s "$WORK/thousand.lua" $R/v1/accounts/me >"$WORK/million2"
  sent=$(( sent + $(awk '/requests in/ { print $1 }' "$WORK/million2") ))
  rounds=$(( rounds + 1 ))
done
after=$(rss_mb)
journal=$(curl -s $R/__admin/health | sed -E 's/.*"journal":\{"size":([0-9]+),"capacity":([0-9]+),"dropped":([0-9]+)\}.*/\1 kept, \3 dropped/')
stop

# Process start to first 200 (median of 5 rounds, the three builds taking turns), as a container starts it.
first200() { # one start of dll -> milliseconds
  local dll=$1 t0 pid
  t0=$(date +%s%N)
  if [ "$dll" = "$BASE_DLL" ]; then dotnet "$dll" 19003 19013 >/dev/null 2>&1 &
  else "$(host "$dll")" "$dll" --urls http://127.0.0.1:19003 "${MOCK_ARGS[@]}" >/dev/null 2>&1 &
  fi
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer x' http://127.0.0.1:19003/v1/accounts/me)" = 200 ]; do sleep 0.01; done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
for _ in 1 2 3 4 5; do
  first200 "$BASE_DLL" >>"$WORK/start-base"
  first200 "$MOCK_DLL" >>"$WORK/start-mock"
  first200 "$JIT_DLL" >>"$WORK/start-jit"
done
median() { sort -n "$1" | sed -n 3p; }
base_start=$(median "$WORK/start-base")
mock_start=$(median "$WORK/start-mock")
jit_start=$(median "$WORK/start-jit")
fixture=$(dotnet bench/MockAccounts.Bench/bin/Release/net10.0/MockAccounts.Bench.dll fixture 2>/dev/null | grep '^| StartAsync\|^| one request\|^| in-memory')

echo "## Load on loopback (wrk -t1 -c32 -d${DURATION}s after ${WARMUP}s warm-up; h2load -c32 -m1)"
echo
echo "| target | protocol | req/s | p50 ms | p99 ms | RSS after MB | baseline req/s (just before) | req/s ratio | p99 ratio | RSS ratio |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
cat "$WORK/rows"
echo
echo "## Scaling and memory"
echo
echo "| measure | value |"
echo "| --- | --- |"
echo "| throughput, 1 token vs 100,000 tokens (strict), each as a ratio to its baseline | $(ratio "$one_strict" "$one_base") vs $(ratio "$many_strict" "$many_base") ($(ratio "$(ratio "$many_strict" "$many_base")" "$(ratio "$one_strict" "$one_base")")) |"
echo "| ${sent} requests, 1,000 tokens: RSS at rest / journal full / after | $before MB / $full MB / $after MB (journal: $journal) |"
echo "| process start to first 200: MockAccounts (composite ReadyToRun, as shipped) / baseline (median of 5) | $mock_start ms / $base_start ms ($(ratio "$mock_start" "$base_start")) |"
echo "| process start to first 200: MockAccounts JIT-only build | $jit_start ms |"
echo
echo "## In-process fixture"
echo
echo "| measure | value |"
echo "| --- | --- |"
echo "$fixture"
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%d GiB", $2 / 1048576 }' /proc/meminfo), $(dotnet --version) SDK; load generator and server share the machine."
