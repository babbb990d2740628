// A maintained WireMock admin client from npm (wiremock-rest-client) drives the admin API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WireMockRestClient } from 'wiremock-rest-client';
import { newToken, startMock } from './mock-server.mjs';

let mock;
let wiremock;
before(async () => {
  mock = await startMock();
  // The client exits the process on a refused call unless continueOnFailure is set; with it, a refused
  // call resolves to the server's problem body, which the tests below inspect.
  wiremock = new WireMockRestClient(mock.baseUrl, { logLevel: 'silent', continueOnFailure: true });
});
after(async () => { await mock?.stop(); });

const runloop = (token) => fetch(`${mock.baseUrl}/v1/accounts/me`, { headers: { authorization: `Bearer ${token}` } });

describe('supported WireMock admin calls', () => {
  test('global.resetAll() resets scenarios and the journal', async () => {
    await wiremock.scenarios.setScenarioState('runloop', 'trial');
    await runloop(newToken('before-reset'));
    await wiremock.global.resetAll();
    const { scenarios } = await wiremock.scenarios.getAllScenarios();
    assert.equal(scenarios.find((s) => s.id === 'runloop').state, 'enabled');
    assert.equal((await wiremock.requests.getAllRequests()).requests.length, 0);
  });

  test('scenarios.getAllScenarios() lists each vendor with its states', async () => {
    const { scenarios } = await wiremock.scenarios.getAllScenarios();
    assert.deepEqual(scenarios.map((s) => s.id).sort(), ['depicta', 'opterius', 'runloop', 'ultravox']);
    const depicta = scenarios.find((s) => s.name === 'depicta');
    assert.equal(depicta.state, 'funded');
    assert.ok(depicta.possibleStates.includes('payment-required'));
  });

  test('scenarios.setScenarioState() switches a vendor; resetScenario() and resetAllScenarios() undo it', async () => {
    await wiremock.scenarios.setScenarioState('runloop', 'quota-reached');
    assert.equal((await (await runloop(newToken('switched'))).json()).account_status, 'ACCOUNT_STATUS_DISABLED_QUOTA_REACHED');
    await wiremock.scenarios.resetScenario('runloop');
    assert.equal((await (await runloop(newToken('reset-one'))).json()).account_status, 'ACCOUNT_STATUS_ENABLED');
    await wiremock.scenarios.setScenarioState('ultravox', 'unlimited');
    await wiremock.scenarios.resetAllScenarios();
    const { scenarios } = await wiremock.scenarios.getAllScenarios();
    assert.equal(scenarios.find((s) => s.id === 'ultravox').state, 'free-tier');
  });

  test('an unknown state is refused, naming the valid ones', async () => {
    const problem = await wiremock.scenarios.setScenarioState('runloop', 'no-such-state');
    assert.equal(problem.status, 400);
    assert.match(problem.detail, /'runloop' has no scenario 'no-such-state' \(scenarios: enabled,/);
  });

  test('requests: list, get one, count, find, remove, delete one, unmatched, delete all', async () => {
    await wiremock.requests.deleteAllRequests();
    const token = newToken('journal');
    await runloop(token);
    await runloop(token);
    await fetch(`${mock.baseUrl}/v1/account/profile`, { headers: { authorization: `Bearer ${token}` } });
    await fetch(`${mock.baseUrl}/nowhere`);

    const all = await wiremock.requests.getAllRequests();
    assert.equal(all.requests.length, 4);
    assert.equal(all.requests[0].request.url, '/nowhere', 'newest first');
    const one = await wiremock.requests.getRequest(all.requests[1].id);
    assert.equal(one.request.url, '/v1/account/profile');

    const pattern = { method: 'GET', urlPath: '/v1/accounts/me', headers: { Authorization: { equalTo: `Bearer ${token}` } } };
    assert.deepEqual(await wiremock.requests.getCount(pattern), { count: 2 });
    assert.equal((await wiremock.requests.findRequests({ urlPathPattern: '/v1/account/.*' })).requests.length, 1);
    assert.deepEqual((await wiremock.requests.getUnmatchedRequests()).requests.map((r) => r.url), ['/nowhere']);

    const removed = await wiremock.requests.removeRequests({ urlPath: '/v1/account/profile' });
    assert.equal(removed.requests.length, 1);
    await wiremock.requests.deleteRequest(all.requests[0].id);
    assert.deepEqual((await wiremock.requests.getAllRequests()).requests.map((r) => r.request.url), ['/v1/accounts/me', '/v1/accounts/me']);

    await wiremock.requests.resetAllRequests();
    assert.equal((await wiremock.requests.getAllRequests()).requests.length, 0);
  });

  test('health (GET /__admin/health) in WireMock\'s shape', async () => {
    const health = await (await fetch(`${mock.baseUrl}/__admin/health`)).json();
    assert.equal(health.status, 'healthy');
    assert.equal(typeof health.version, 'string');
    assert.equal(typeof health.uptimeInSeconds, 'number');
  });
});

describe('stub mappings through the client (beside the contracts)', () => {
  const ping = (query = '') => fetch(`${mock.baseUrl}/team/ping${query}`);

  test('create, get, list, update, find and remove by metadata, delete, reset', async () => {
    await wiremock.mappings.resetAllMappings();
    const created = await wiremock.mappings.createMapping({
      request: { method: 'GET', urlPath: '/team/ping', queryParameters: { v: { equalTo: '1' } } },
      response: { status: 200, body: 'pong', headers: { 'Content-Type': 'text/plain' } },
      metadata: { owner: 'client-suite' },
    });
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    assert.equal(await (await ping('?v=1')).text(), 'pong');
    assert.equal((await ping('?v=2')).status, 404);

    assert.deepEqual((await wiremock.mappings.getAllMappings()).mappings.map((m) => m.id), [created.id]);
    assert.equal((await wiremock.mappings.getMapping(created.id)).response.body, 'pong');

    await wiremock.mappings.updateMapping(created.id, { request: { method: 'GET', urlPath: '/team/ping' }, response: { status: 202, body: 'changed' }, metadata: { owner: 'client-suite' } });
    const changed = await ping();
    assert.equal(changed.status, 202);
    assert.equal(await changed.text(), 'changed');

    const found = await wiremock.mappings.findByMetaData({ matchesJsonPath: { expression: '$.owner', equalTo: 'client-suite' } });
    assert.deepEqual(found.mappings.map((m) => m.id), [created.id]);
    await wiremock.mappings.removeByMetaData({ matchesJsonPath: { expression: '$.owner', equalTo: 'client-suite' } });
    assert.equal((await wiremock.mappings.getAllMappings()).meta.total, 0);

    const again = await wiremock.mappings.createMapping({ request: { urlPath: '/team/ping' }, response: { body: 'again' } });
    await wiremock.mappings.deleteMapping(again.id);
    assert.equal((await ping()).status, 404);
    await wiremock.mappings.createMapping({ request: { urlPath: '/team/ping' }, response: { body: 'again' } });
    await wiremock.mappings.deleteAllMappings();
    assert.equal((await wiremock.mappings.getAllMappings()).meta.total, 0);
  });

  test('near misses name the mapping a request almost matched', async () => {
    await wiremock.mappings.resetAllMappings();
    await wiremock.requests.deleteAllRequests();
    await wiremock.mappings.createMapping({ request: { method: 'GET', urlPath: '/team/teapot' }, response: { status: 418 } });
    await fetch(`${mock.baseUrl}/team/teapo`);

    const unmatched = await wiremock.requests.getUnmatchedNearMisses();
    assert.equal(unmatched.nearMisses[0].stubMapping.request.urlPath, '/team/teapot');
    // The client's getNearMissesByRequest() posts to /__admin/requests/near-misses/request, a path WireMock does not have
    // either; WireMock's own path is /__admin/near-misses/request.
    const byRequest = await (await fetch(`${mock.baseUrl}/__admin/near-misses/request`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: '/team/teapots', method: 'GET', headers: {} }),
    })).json();
    assert.equal(byRequest.nearMisses[0].stubMapping.request.urlPath, '/team/teapot');
    assert.ok(byRequest.nearMisses[0].matchResult.distance > 0);
    await wiremock.mappings.resetAllMappings();
  });

  test('a mapping outside the supported subset is refused, naming the field', async () => {
    const problem = await wiremock.mappings.createMapping({ request: { urlPath: '/x' }, response: { proxyBaseUrl: 'http://example.com' } });
    assert.equal(problem.status, 400);
    assert.match(problem.detail, /response\.proxyBaseUrl: not supported/);
  });

  test('a mapping that breaks a vendor operation\'s contract is refused (strict validation)', async () => {
    const problem = await wiremock.mappings.createMapping({ request: { method: 'GET', urlPath: '/v1/accounts/me' }, response: { status: 200, jsonBody: { nope: 1 } } });
    assert.equal(problem.status, 400);
    assert.match(problem.detail, /response breaks the contract: GET \/v1\/accounts\/me/);
  });

  test('mappings.saveAllMappings() needs a save folder and says which setting', async () => {
    const problem = await wiremock.mappings.saveAllMappings();
    assert.equal(problem.status, 409);
    assert.match(problem.detail, /MockAccounts:Mappings:SaveFolder/);
  });

  test('a stub scenario is listed beside the vendors', async () => {
    const created = await wiremock.mappings.createMapping({ scenarioName: 'door', requiredScenarioState: 'Started', newScenarioState: 'open', request: { method: 'POST', urlPath: '/team/door' }, response: { body: 'opened' } });
    await fetch(`${mock.baseUrl}/team/door`, { method: 'POST' });
    const { scenarios } = await wiremock.scenarios.getAllScenarios();
    assert.equal(scenarios.find((s) => s.name === 'door').state, 'open');
    await wiremock.mappings.deleteMapping(created.id);
  });
});

// Recordings, settings, request metadata and shutdown have no meaning for a contract mock; these calls are refused on purpose.
describe('WireMock calls MockAccounts does not support (each says so with a 404 problem)', () => {
  const unsupported = [
    ['recordings.getRecordingStatus()', () => wiremock.recordings.getRecordingStatus()],
    ['global.updateGlobalSettings()', () => wiremock.global.updateGlobalSettings({ fixedDelay: 10 })],
    ['requests.removeRequestsByMetadata()', () => wiremock.requests.removeRequestsByMetadata({ matchesJsonPath: '$.x' })],
  ];
  for (const [name, call] of unsupported) {
    test(`${name} is refused`, async () => {
      const problem = await call();
      assert.equal(problem.status, 404);
      assert.equal(problem.title, 'Not supported');
      assert.match(problem.detail, /serves vendor contracts and stub mappings, not recordings, settings/);
    });
  }

  test('global.shutdown() is refused and the server keeps serving', async () => {
    const problem = await wiremock.global.shutdown();
    assert.equal(problem.status, 404);
    assert.equal((await fetch(`${mock.baseUrl}/__admin/health`)).status, 200);
  });
});
