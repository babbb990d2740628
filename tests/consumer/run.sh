#!/usr/bin/env bash
# The packages as a team in another solution gets them: every package packed into a temporary folder
# feed; a fresh NUnit project outside the repository (so nothing of the repository's build files
# reaches it) adds MockAccounts.Testing and MockAccounts.Testing.FluentAssertions exactly as the
# README's Install section says and tests Runloop, Depicta and Ultravox scenarios with typed names;
# a second fresh project that already stubs with WireMock.Net adds MockAccounts.WireMockNet and tests
# the vendors on its own WireMockServer; the tool is installed from the feed into a tool path, lists
# the vendors and fails a broken folder.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d /tmp/mockaccounts-consumer.XXXXXX)"
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# A package cache of its own: a MockAccounts 1.0.0 cached by an earlier run can never stand in for this build's.
cache="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
export NUGET_PACKAGES="$work/packages"

echo "== pack"
# The README's pack command: the solution filter holds exactly the packable projects.
dotnet pack "$repo/MockAccounts.Packages.slnf" -c Release -o "$feed" --nologo -v quiet
ls -l "$feed" | awk 'NR > 1 { printf "%8.1f KB  %s\n", $5 / 1024, $9 }'

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
cat > "$work/consumer/Consumer.Tests.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <IsPackable>false</IsPackable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="$(version Microsoft.NET.Test.Sdk)" />
    <PackageReference Include="NUnit" Version="$(version NUnit)" />
    <PackageReference Include="NUnit3TestAdapter" Version="$(version NUnit3TestAdapter)" />
    <PackageReference Include="FluentAssertions" Version="$(version FluentAssertions)" />
  </ItemGroup>
</Project>
XML
cp "$repo/tests/consumer/ConsumerTests.cs" "$work/consumer/"

echo "== add package (as the README says)"
cd "$work/consumer"
dotnet add package MockAccounts.Testing
dotnet add package MockAccounts.Testing.FluentAssertions
grep -h "PackageReference" Consumer.Tests.csproj

echo "== test"
export MOCKACCOUNTS_CONSUMER_TIMINGS="$work/timings.txt"
dotnet test --nologo
cat "$MOCKACCOUNTS_CONSUMER_TIMINGS"

echo "== a project that already uses WireMock.Net adds MockAccounts.WireMockNet (as the README says)"
mkdir "$work/wiremock-consumer"
cat > "$work/wiremock-consumer/WireMockConsumer.Tests.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <!-- WireMock.Net 1.25.0 itself warns so on this registry (it asks for Scriban.Signed 5.5.0, which is not served). -->
    <WarningsNotAsErrors>NU1603</WarningsNotAsErrors>
    <IsPackable>false</IsPackable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="$(version Microsoft.NET.Test.Sdk)" />
    <PackageReference Include="NUnit" Version="$(version NUnit)" />
    <PackageReference Include="NUnit3TestAdapter" Version="$(version NUnit3TestAdapter)" />
    <PackageReference Include="FluentAssertions" Version="$(version FluentAssertions)" />
    <PackageReference Include="WireMock.Net" Version="$(version WireMock.Net)" />
  </ItemGroup>
</Project>
XML
cp "$repo/tests/consumer/WireMockConsumerTests.cs" "$work/wiremock-consumer/"
cd "$work/wiremock-consumer"
dotnet add package MockAccounts.WireMockNet
grep -h "PackageReference" WireMockConsumer.Tests.csproj
dotnet test --nologo

echo "== tool install (as the README says, into a tool path)"
cd "$work"
dotnet tool install MockAccounts.Tool --tool-path "$work/tools"
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
