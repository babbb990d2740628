#!/usr/bin/env bash
# Differential suite: the corpus served by real WireMock (standalone jar from the npm package `wiremock`, on Java 17+),
# by MockAccounts (the build of src/MockAccounts.Server) and by WireMock.Net 1.25.0 (WireMockNetHost), compared request
# by request with WireMock; prints the counts.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v java >/dev/null 2>&1; then
  # CI machines may be new: the JRE comes from Debian, once.
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
fi
if [ ! -f ../../src/MockAccounts.Server/bin/Debug/net10.0/MockAccounts.Server.dll ] && [ -z "${MOCKACCOUNTS_SERVER_DLL:-}" ]; then
  dotnet build ../../src/MockAccounts.Server -v q -nologo
fi
if [ ! -f WireMockNetHost/bin/Debug/net10.0/WireMockNetHost.dll ] && [ -z "${WIREMOCK_NET_HOST_DLL:-}" ]; then
  dotnet build WireMockNetHost -v q -nologo
fi
npm ci --no-audit --no-fund --loglevel=error
node diff.mjs
