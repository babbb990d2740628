#!/usr/bin/env bash
# Container suite: builds the image from the root Dockerfile and exercises it for real:
# health, every vendor, HTTP/2, a scenario switch, environment configuration, a mounted extra and
# replacement vendor, a broken mounted contract, the non-root user, one log line per request, stop time;
# then docker-compose.replicas.yml's set-up (Redis, three replicas of the image, HAProxy round robin with
# deploy/haproxy.cfg) run with `docker run --network host` on loopback ports, a switch through the balancer
# served by every replica, and the compose file checked with `docker-compose config`.
# Starts a private Docker engine (../shared/tools/docker-sandbox.sh, with its redis:7 and haproxy:2.6
# stand-ins) when none is reachable, and stops it again. Everything listens on loopback ports. Prints
# figures and "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SANDBOX=$ROOT/../shared/tools/docker-sandbox.sh
IMAGE=mockaccounts:ci
PORT=18080
EXTRA_PORT=18082
passed=0
failed=0
started_engine=0
WORK=$(mktemp -d)

check() { # check "name" command...
  local name=$1; shift
  if "$@" >"$WORK/out" 2>&1; then passed=$((passed + 1)); echo "ok   - $name"
  else failed=$((failed + 1)); echo "FAIL - $name"; sed 's/^/       /' "$WORK/out" | tail -20; fi
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
wait_healthy() { # url, seconds
  local deadline=$(( $(date +%s) + $2 ))
  until curl -sf "$1/__admin/health" >/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.05
  done
}
REPLICAS=(mockaccounts-ci-redis mockaccounts-ci-r1 mockaccounts-ci-r2 mockaccounts-ci-r3 mockaccounts-ci-lb)
cleanup() {
  docker rm -f mockaccounts-ci mockaccounts-ci-extra "${REPLICAS[@]}" >/dev/null 2>&1 || true
  [ "$started_engine" = 1 ] && "$SANDBOX" down >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! docker info >/dev/null 2>&1; then
  echo "# starting a private Docker engine"
  eval "$("$SANDBOX" up redis haproxy)" || { echo "0 passed, 1 failed"; exit 1; }
  started_engine=1
fi

t0=$(now)
check "the image builds from the root Dockerfile" docker build --network host -q -t "$IMAGE" .
build_s=$(elapsed "$t0" "$(now)")
size_mb=$(( $(docker image inspect -f '{{.Size}}' "$IMAGE" 2>/dev/null || echo 0) / 1000000 ))

docker rm -f mockaccounts-ci >/dev/null 2>&1
t0=$(now)
docker run -d --network host --name mockaccounts-ci \
  -e ASPNETCORE_URLS=http://127.0.0.1:$PORT -e MockAccounts__Journal__Capacity=500 "$IMAGE" >/dev/null
check "the server answers its health endpoint" wait_healthy "http://127.0.0.1:$PORT" 60
healthy_s=$(elapsed "$t0" "$(now)")
BASE=http://127.0.0.1:$PORT

docker_healthy() {
  for _ in $(seq 120); do
    [ "$(docker inspect -f '{{.State.Health.Status}}' mockaccounts-ci)" = healthy ] && return 0
    sleep 0.5
  done
  return 1
}
check "Docker's HEALTHCHECK (the binary's --probe mode) reports healthy" docker_healthy

expect() { # expect status url curl-args... ; body lands in $WORK/body
  local want=$1 url=$2; shift 2
  local got
  got=$(curl -sS -o "$WORK/body" -w '%{http_code}' "$@" "$url") || return 1
  [ "$got" = "$want" ] || { echo "expected $want, got $got: $(head -c 300 "$WORK/body")"; return 1; }
}
json_has() { grep -q "$1" "$WORK/body" || { echo "missing $1 in: $(head -c 300 "$WORK/body")"; return 1; }; }

vendor_requests=0
runloop()  { expect 200 "$BASE/v1/accounts/me" -H 'Authorization: Bearer rl_ci' && json_has '"account_status"'; }
opterius() { expect 200 "$BASE/api/v1/me" -H 'Authorization: Bearer op_ci' && json_has '"data"'; }
depicta()  { expect 200 "$BASE/v1/account/profile" -H 'Authorization: Bearer dpct_ci' && json_has '"balance_eur"'; }
ultravox() { expect 200 "$BASE/api/accounts/me" -H 'X-API-Key: abcd1234.0123456789abcdef0123456789abcdef' && json_has '"freeTimeRemaining"'; }
h2c()      { expect 200 "$BASE/runloop/v1/accounts/me" --http2-prior-knowledge -H 'Authorization: Bearer rl_ci' && json_has '"account_status"'; }
unauth()   { expect 401 "$BASE/v1/account/profile" && json_has '"auth_invalid"'; }
check "runloop answers GET /v1/accounts/me" runloop; vendor_requests=$((vendor_requests + 1))
check "opterius answers GET /api/v1/me" opterius; vendor_requests=$((vendor_requests + 1))
check "depicta answers GET /v1/account/profile" depicta; vendor_requests=$((vendor_requests + 1))
check "ultravox answers GET /api/accounts/me" ultravox; vendor_requests=$((vendor_requests + 1))
check "HTTP/2 cleartext (prior knowledge) on the same port" h2c; vendor_requests=$((vendor_requests + 1))
check "missing credentials get the vendor's own 401" unauth; vendor_requests=$((vendor_requests + 1))

switch() {
  expect 200 "$BASE/__admin/scenarios/runloop/state" -X PUT -H 'Content-Type: application/json' -d '{"state": "quota-reached"}' &&
  expect 200 "$BASE/v1/accounts/me" -H 'Authorization: Bearer rl_ci' && json_has 'ACCOUNT_STATUS_DISABLED_QUOTA_REACHED'
}
check "a scenario switch through the admin API takes effect" switch; vendor_requests=$((vendor_requests + 1))
dashboard() {
  expect 200 "$BASE/__admin/" && json_has '<title>MockAccounts dashboard</title>' &&
  curl -sS -o /dev/null -D - "$BASE/__admin/dashboard/dashboard.js" | grep -qi '^content-security-policy:'
}
check "the dashboard is served at /__admin/ with its embedded assets" dashboard
env_config() { expect 200 "$BASE/__admin/health" && json_has '"capacity":500'; }
check "configuration by environment (MockAccounts__Journal__Capacity)" env_config
non_root() { local uid; uid=$(docker exec mockaccounts-ci id -u); echo "uid $uid"; [ "$uid" != 0 ] && [ "$uid" = 1654 ]; }
check "the server runs as the non-root app user" non_root
log_lines() {
  local n; n=$(docker logs mockaccounts-ci 2>&1 | grep -cE '^[0-9:]{8} (GET|POST|PUT|PATCH|DELETE|HEAD) /.* -> [0-9]{3} ')
  echo "$n request lines for $vendor_requests vendor requests"; [ "$n" = "$vendor_requests" ]
}
check "logs go to stdout, one line per request" log_lines

# A team's own contracts by volume: one adds a vendor (acme), one replaces runloop.
mkdir -p "$WORK/replace/schemas" "$WORK/replace/mocks"
cp -r schemas/runloop "$WORK/replace/schemas/" && cp -r mocks/runloop "$WORK/replace/mocks/"
sed -i 's/"default": "enabled"/"default": "trial"/' "$WORK/replace/mocks/runloop/scenarios.json"
chmod -R a+rX "$WORK"
docker rm -f mockaccounts-ci-extra >/dev/null 2>&1
docker run -d --network host --name mockaccounts-ci-extra \
  -e ASPNETCORE_URLS=http://127.0.0.1:$EXTRA_PORT \
  -v "$ROOT/tests/MockAccounts.Core.Tests/TestData/fifth-vendor:/contracts/acme:ro" \
  -v "$WORK/replace:/contracts/replace:ro" \
  -e MockAccounts__ExtraContracts__0=/contracts/acme -e MockAccounts__ExtraContracts__1=/contracts/replace \
  "$IMAGE" >/dev/null
check "a container with mounted contracts starts" wait_healthy "http://127.0.0.1:$EXTRA_PORT" 60
extra()    { expect 200 "http://127.0.0.1:$EXTRA_PORT/v1/me" -H 'Authorization: Bearer acme' && json_has '"plan":"free"'; }
replaced() { expect 200 "http://127.0.0.1:$EXTRA_PORT/v1/accounts/me" -H 'Authorization: Bearer rl' && json_has 'ACCOUNT_TIER_TRIAL'; }
kept()     { expect 200 "http://127.0.0.1:$EXTRA_PORT/api/accounts/me" -H 'X-API-Key: abcd1234.0123456789abcdef0123456789abcdef' && json_has '"accountId"'; }
check "a mounted extra vendor is served" extra
check "a mounted vendor replaces the built-in one of the same name" replaced
check "the other built-in vendors stay" kept
docker rm -f mockaccounts-ci-extra >/dev/null 2>&1

mkdir -p "$WORK/broken/schemas" "$WORK/broken/mocks"
cp -r schemas/ultravox "$WORK/broken/schemas/" && cp -r mocks/ultravox "$WORK/broken/mocks/"
sed -i 's/"status": 429/"status": 418/' "$WORK/broken/mocks/ultravox/scenarios.json"
chmod -R a+rX "$WORK"
broken() {
  local code=0
  docker run --rm --network host -e ASPNETCORE_URLS=http://127.0.0.1:$EXTRA_PORT \
    -v "$WORK/broken:/contracts/broken:ro" -e MockAccounts__ExtraContracts__0=/contracts/broken \
    "$IMAGE" >"$WORK/broken.log" 2>&1 || code=$?
  echo "exit $code"; cat "$WORK/broken.log" | head -5
  [ "$code" = 1 ] && grep -q 'mocks/ultravox/scenarios.json' "$WORK/broken.log" && grep -q '418 is not a documented response' "$WORK/broken.log"
}
check "a broken mounted contract stops start-up with exit 1, naming file and reason" broken

# Several replicas, one mock: docker-compose.replicas.yml's set-up with --network host (the sandbox engine has no
# bridge network), each on a loopback port: Redis, three replicas of the image, HAProxy in front with deploy/haproxy.cfg.
REDIS_PORT=18079
LB_PORT=18090
docker rm -f "${REPLICAS[@]}" >/dev/null 2>&1
docker run -d --network host --name mockaccounts-ci-redis redis:7 \
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --protected-mode no --save "" --appendonly no >/dev/null
for i in 1 2 3; do
  docker run -d --network host --name "mockaccounts-ci-r$i" -e ASPNETCORE_URLS="http://127.0.0.1:1809$i" \
    -e MockAccounts__State__Redis="127.0.0.1:$REDIS_PORT,abortConnect=false" "$IMAGE" >/dev/null
done
replicas_shared() {
  for i in 1 2 3; do
    wait_healthy "http://127.0.0.1:1809$i" 60 || { echo "replica $i never answered"; docker logs "mockaccounts-ci-r$i" 2>&1 | tail -5; return 1; }
    expect 200 "http://127.0.0.1:1809$i/__admin/health" && json_has '"connected":true' && json_has '"status":"healthy"' || return 1
  done
}
check "three replica containers start sharing their state on the Redis container" replicas_shared
# The balancer once the replicas answer: HAProxy takes a server for up until its checks fail, so all three take turns
# from the first request (started earlier, the replicas still starting would be marked down for a check interval).
docker run -d --network host --name mockaccounts-ci-lb -e MOCKACCOUNTS_LISTEN="127.0.0.1:$LB_PORT" \
  -e MOCKACCOUNTS_REPLICA_1=127.0.0.1:18091 -e MOCKACCOUNTS_REPLICA_2=127.0.0.1:18092 -e MOCKACCOUNTS_REPLICA_3=127.0.0.1:18093 \
  -v "$ROOT/deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro" haproxy:2.6 >/dev/null
balanced() { wait_healthy "http://127.0.0.1:$LB_PORT" 30 || { docker logs mockaccounts-ci-lb 2>&1 | tail -5; return 1; }; }
check "HAProxy (deploy/haproxy.cfg) answers in front of them" balanced
through_balancer() {
  expect 200 "http://127.0.0.1:$LB_PORT/__admin/scenarios/runloop/state" -X PUT -H 'Content-Type: application/json' -d '{"state": "quota-reached"}' || return 1
  for i in 1 2 3; do
    expect 200 "http://127.0.0.1:1809$i/v1/accounts/me" -H 'Authorization: Bearer rl_lb' && json_has 'ACCOUNT_STATUS_DISABLED_QUOTA_REACHED' || { echo "replica $i"; return 1; }
  done
  for _ in 1 2 3 4 5 6; do
    expect 200 "http://127.0.0.1:$LB_PORT/v1/accounts/me" -H 'Authorization: Bearer rl_lb' && json_has 'ACCOUNT_STATUS_DISABLED_QUOTA_REACHED' || return 1
  done
}
check "a switch through the balancer is served by every replica, directly and through the balancer" through_balancer
round_robin() {
  local counts="" n
  for i in 1 2 3; do
    n=$(docker logs "mockaccounts-ci-r$i" 2>&1 | grep -cE '^[0-9:]{8} GET /v1/accounts/me HTTP/1.1 -> 200 ')
    counts="$counts $n"
  done
  echo "vendor request lines per replica:$counts (3 direct + 6 through the balancer)"
  [ "$counts" = " 3 3 3" ]
}
check "the balancer sends requests round robin (two of the six to each replica)" round_robin
one_journal() { expect 200 "http://127.0.0.1:18092/__admin/requests/count" -X POST -H 'Content-Type: application/json' -d '{"urlPath": "/v1/accounts/me"}' && json_has '"count":9'; }
check "every replica's journal holds all nine requests" one_journal
docker rm -f "${REPLICAS[@]}" >/dev/null 2>&1
compose_config() {
  if ! command -v docker-compose >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends docker-compose >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker-compose >/dev/null 2>&1; }
  fi
  docker-compose -f docker-compose.replicas.yml config -q && docker-compose -f docker-compose.replicas.yml config --services | sort | tr '\n' ' ' | tee /dev/stderr |
    grep -qx 'balancer mockaccounts-1 mockaccounts-2 mockaccounts-3 redis '
}
check "docker-compose.replicas.yml is valid (docker-compose config): Redis, three replicas, the balancer" compose_config

t0=$(now)
docker stop mockaccounts-ci >/dev/null
stop_s=$(elapsed "$t0" "$(now)")
stopped_cleanly() { local code; code=$(docker inspect -f '{{.State.ExitCode}}' mockaccounts-ci); echo "exit $code"; [ "$code" = 0 ]; }
check "SIGTERM stops the server cleanly (exit 0, not killed)" stopped_cleanly

echo
echo "# figures"
printf '# image size: %s MB\n# docker build: %.1f s\n# docker run to healthy: %.2f s\n# docker stop: %.2f s\n' "$size_mb" "$build_s" "$healthy_s" "$stop_s"
echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
