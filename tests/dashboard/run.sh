#!/usr/bin/env bash
# Browser suite: the /__admin/ dashboard in Debian's chromium, driven by playwright-core (npm), run by
# node's test runner against the built server on a free loopback port. Installs what it needs when
# missing (chromium through apt, the npm packages through npm ci), so a new CI machine passes too.
# DASHBOARD_SCREENSHOT=<path> saves the screenshot there (the README's is docs/images/dashboard.png).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)

if [ -z "${CHROMIUM_PATH:-}" ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Debian's chromium (once per machine)…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
  fi
  CHROMIUM_PATH=$(command -v chromium)
fi
export CHROMIUM_PATH

if [ -z "${MOCKACCOUNTS_SERVER_DLL:-}" ] && [ ! -f "$ROOT/src/MockAccounts.Server/bin/Debug/net10.0/MockAccounts.Server.dll" ]; then
  dotnet build "$ROOT/src/MockAccounts.Server" --nologo -v quiet
fi

npm ci --no-audit --no-fund --loglevel=error
npm test
