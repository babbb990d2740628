#!/usr/bin/env bash
# The server publishes as a user would: `dotnet publish src/MockAccounts.Server -c Release` (portable IL) and the same
# with `-r <this machine's runtime>` (ReadyToRun); each published server is started and must answer its health probe.
#   bash tests/publish/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
RID=linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')
WORK=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

check() { # check folder expected(il|r2r) start-command...
  local folder=$1 expected=$2; shift 2
  dotnet run tests/publish/ReadyToRun.cs -- "$expected" "$folder"/MockAccounts.Server.dll "$folder"/MockAccounts.AspNetCore.dll "$folder"/MockAccounts.Core.dll
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 18177)
  "$@" --urls "http://127.0.0.1:$port" --MockAccounts:HotReload=false >"$WORK/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 200); do
    if "$@" --probe "http://127.0.0.1:$port" >/dev/null 2>&1; then break; fi
    sleep 0.1
  done
  "$@" --probe "http://127.0.0.1:$port" || { cat "$WORK/server.log"; exit 1; }
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
}

echo "== dotnet publish src/MockAccounts.Server -c Release"
dotnet publish src/MockAccounts.Server -c Release -o "$WORK/plain" -nologo -v q
check "$WORK/plain" il dotnet "$WORK/plain/MockAccounts.Server.dll"

echo "== dotnet publish src/MockAccounts.Server -c Release -r $RID"
dotnet publish src/MockAccounts.Server -c Release -r "$RID" -o "$WORK/rid" -nologo -v q
check "$WORK/rid" r2r "$WORK/rid/MockAccounts.Server"

echo "publish: both builds published, the runtime-specific one precompiled, and both served"
