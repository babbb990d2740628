#!/usr/bin/env bash
# The packages as a team in another solution gets them: every package packed into a temporary folder
# feed; a fresh NUnit project outside the repository (so nothing of the repository's build files
# reaches it) adds MockAccounts.Testing and MockAccounts.Testing.FluentAssertions exactly as the
# README's Install section says and tests Runloop, Depicta and Ultravox scenarios with typed names;
# a second fresh project that already stubs with WireMock.Net adds MockAccounts.WireMockNet and tests the vendors
# on its own WireMockServer; the tool is installed from the feed into a tool path, lists the vendors, verifies a
# local server as it would a vendor, diffs two variants and fails a broken folder.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d /tmp/mockaccounts-consumer.XXXXXX)"
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# A package cache of its own: a MockAccounts package cached by an earlier run can never stand in for this build's.
cache="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
export NUGET_PACKAGES="$work/packages"

echo "== pack"
# The README's pack command: the solution filter holds exactly the packable projects. Built under an artifacts
# path (an absolute intermediate folder), so it leaves the repository alone: nothing may appear in its folders.
layout() { ls -A "$repo" "$repo"/src/*/; }
before="$(layout)"
dotnet pack "$repo/MockAccounts.Packages.slnf" -c Release -o "$feed" --artifacts-path "$work/artifacts" --nologo -v minimal > "$work/pack.log" 2>&1 \
  || { cat "$work/pack.log"; exit 1; }
ls -l "$feed" | awk 'NR > 1 { printf "%8.1f KB  %s\n", $5 / 1024, $9 }'
if ! diff <(echo "$before") <(layout); then
  echo "FAIL: the pack wrote into the repository's folders (above: what appeared)" >&2
  exit 1
fi
if grep -i "missing a readme" "$work/pack.log"; then
  echo "FAIL: a package has no readme" >&2
  exit 1
fi
# One local version for the whole pack, 1.0.0-local.<UTC time>, and every dependency between the packages names it.
packed="$(ls "$feed" | sed -n 's/^MockAccounts\.Core\.\(.*\)\.nupkg$/\1/p')"
if [[ ! "$packed" =~ ^1\.0\.0-local\.[0-9]{14}$ ]] || [[ $(ls "$feed" | grep -vc "\.$packed\.nupkg$") -ne 0 ]]; then
  echo "FAIL: expected every package at one version 1.0.0-local.<UTC time>, got: $(ls "$feed")" >&2
  exit 1
fi
for package in "$feed"/*.nupkg; do
  if unzip -p "$package" '*.nuspec' | grep -o 'dependency id="MockAccounts[^"]*" version="[^"]*"' | grep -v "version=\"$packed\""; then
    echo "FAIL: $(basename "$package") depends on another MockAccounts version than $packed" >&2
    exit 1
  fi
done
echo "every package at $packed"

# The consumer pins the same test packages as the repository (Directory.Packages.props).
version() { sed -n "s/.*PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" "$repo/Directory.Packages.props"; }

# Nothing above the consumer may lend it build files.
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Build.targets"
# The folder feed for MockAccounts, the registry for the rest (the machine's package cache first, as a
# read-only source, so a CI run does not download what it already has).
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="mockaccounts" value="$feed" />
    <add key="cache" value="$cache" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="mockaccounts"><package pattern="MockAccounts.*" /></packageSource>
    <packageSource key="cache"><package pattern="*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML

mkdir "$work/consumer"
# test_project FILE [PROPERTIES [PACKAGE_REFERENCES]]: an NUnit test project as a team's own would be, warnings as errors,
# with the repository's pinned versions of the test packages and whatever else the caller adds.
test_project() {
  cat > "$1" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>${2:+
    $2}
    <IsPackable>false</IsPackable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="$(version Microsoft.NET.Test.Sdk)" />
    <PackageReference Include="NUnit" Version="$(version NUnit)" />
    <PackageReference Include="NUnit3TestAdapter" Version="$(version NUnit3TestAdapter)" />
    <PackageReference Include="FluentAssertions" Version="$(version FluentAssertions)" />${3:+
    $3}
  </ItemGroup>
</Project>
XML
}
test_project "$work/consumer/Consumer.Tests.csproj"
cp "$repo/tests/consumer/ConsumerTests.cs" "$work/consumer/"

echo "== add package (as the README says)"
cd "$work/consumer"
dotnet add package MockAccounts.Testing --prerelease
dotnet add package MockAccounts.Testing.FluentAssertions --prerelease
grep -h "PackageReference" Consumer.Tests.csproj
if [[ $(grep -c "PackageReference Include=\"MockAccounts\.[^\"]*\" Version=\"$packed\"" Consumer.Tests.csproj) -ne 2 ]]; then
  echo "FAIL: dotnet add package did not pick this pack's $packed" >&2
  exit 1
fi

echo "== test"
export MOCKACCOUNTS_CONSUMER_TIMINGS="$work/timings.txt"
dotnet test --nologo
cat "$MOCKACCOUNTS_CONSUMER_TIMINGS"

echo "== a project that already uses WireMock.Net adds MockAccounts.WireMockNet (as the README says)"
mkdir "$work/wiremock-consumer"
# WireMock.Net 1.25.0 itself warns NU1603 on this registry (it asks for Scriban.Signed 5.5.0, which is not served).
test_project "$work/wiremock-consumer/WireMockConsumer.Tests.csproj" "<WarningsNotAsErrors>NU1603</WarningsNotAsErrors>" \
  "<PackageReference Include=\"WireMock.Net\" Version=\"$(version WireMock.Net)\" />"
cp "$repo/tests/consumer/WireMockConsumerTests.cs" "$work/wiremock-consumer/"
cd "$work/wiremock-consumer"
dotnet add package MockAccounts.WireMockNet --prerelease
grep -h "PackageReference" WireMockConsumer.Tests.csproj
dotnet test --nologo

echo "== tool install (as the README says, into a tool path)"
cd "$work"
dotnet tool install MockAccounts.Tool --prerelease --tool-path "$work/tools"
mockaccounts="$work/tools/mockaccounts"
"$mockaccounts" --version
"$mockaccounts" list ultravox
"$mockaccounts" list --json | grep -q '"name": "runloop"'

echo "== serve (the installed tool, its built-in contracts beside it)"
port=18089
"$mockaccounts" serve --urls "http://127.0.0.1:$port" --MockAccounts:RequestLog false &
serving=$!
for _ in $(seq 1 300); do
  curl -fsS "http://127.0.0.1:$port/__admin/health" > /dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$port/v1/accounts/me" -H 'Authorization: Bearer rl_consumer' | head -c 200; echo

echo "== verify (the installed tool holds the local server to the built-in contracts, as it would a vendor)"
MOCKACCOUNTS_CREDENTIAL_RUNLOOP=rl_consumer "$mockaccounts" verify runloop --base-url "http://127.0.0.1:$port" \
  --format junit --output "$work/verify-runloop.xml"
grep -q 'failures="0" errors="0"' "$work/verify-runloop.xml" || { echo "FAIL: verify runloop reported drift" >&2; exit 1; }
MOCKACCOUNTS_CREDENTIAL_ULTRAVOX=abcd1234.0123456789abcdef0123456789abcdef "$mockaccounts" verify ultravox --base-url "http://127.0.0.1:$port" --format json > "$work/verify-ultravox.json"
# Opterius served as v2.7.0 but held to its documented contract: the drift the README describes, exit 1.
curl -fsS -X PUT "http://127.0.0.1:$port/__admin/vendors/opterius/variant" -H 'Content-Type: application/json' -d '{"variant": "v2.7.0"}' > /dev/null
set +e
"$mockaccounts" verify opterius --base-url "http://127.0.0.1:$port" --credential op_consumer > "$work/verify-opterius.txt"
status=$?
set -e
tail -n 1 "$work/verify-opterius.txt"
if [[ $status -ne 1 ]] || ! grep -q "drift #1: missing-required at body /data" "$work/verify-opterius.txt"; then
  echo "FAIL: verify opterius against v2.7.0 gave exit $status, expected 1 with the missing data envelope" >&2
  exit 1
fi
"$mockaccounts" verify opterius --variant v2.7.0 --base-url "http://127.0.0.1:$port" --credential op_consumer | tail -n 1
set +e
"$mockaccounts" diff --vendor opterius --to-variant v2.7.0 | tail -n 1
status=${PIPESTATUS[0]}
set -e
[[ $status -eq 1 ]] || { echo "FAIL: diff opterius documented v2.7.0 gave exit $status, expected 1 (breaking)" >&2; exit 1; }
kill "$serving"
wait "$serving" || true

echo "== check a good and a broken contract folder"
"$mockaccounts" check "$repo/tests/MockAccounts.Core.Tests/TestData/fifth-vendor"
mkdir -p "$work/broken/schemas/acme" "$work/broken/mocks/acme"
cp "$repo/tests/MockAccounts.Core.Tests/TestData/fifth-vendor/schemas/acme/openapi.json" "$work/broken/schemas/acme/"
cp "$repo/tests/MockAccounts.Core.Tests/TestData/broken/unknown-key/mocks/acme/scenarios.json" "$work/broken/mocks/acme/"
set +e
"$mockaccounts" check "$work/broken" 2> "$work/check.err"
status=$?
set -e
cat "$work/check.err"
if [[ $status -ne 1 ]] || ! grep -q "broken/mocks/acme/scenarios.json: /scenarios/0/" "$work/check.err"; then
  echo "FAIL: mockaccounts check on a broken folder gave exit $status, expected 1 naming the file and the JSON pointer" >&2
  exit 1
fi
echo "consumer check: passed"
