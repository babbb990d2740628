#!/usr/bin/env bash
# Replica suite: Debian's redis-server on a loopback port and three processes of the built server
# (src/MockAccounts.Server, MockAccounts__State__Redis set), each on a loopback port of its own:
# read-after-write across replicas (500 switches, no stale read), sequences exact across replicas, one journal
# complete and ordered, mappings and reset shared; Redis stopped and restarted under load; a replica killed under load.
# The tests are MockAccounts.Replicas.Tests (NUnit); tests/hang.runsettings bounds every test and the run.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v redis-server >/dev/null 2>&1; then
  # CI machines may be new: Redis comes from Debian, once.
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi
dotnet build ../../src/MockAccounts.Server -v q -nologo
dotnet test MockAccounts.Replicas.Tests -v q -nologo --logger "console;verbosity=normal"
