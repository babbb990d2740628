// The official Runloop SDK, unmodified, configured only with baseURL and a key.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Runloop from '@runloop/api-client';
import { newToken, startMock } from './mock-server.mjs';

let mock;
before(async () => { mock = await startMock(); });
after(async () => { await mock?.stop(); });

const transports = [
  { name: 'default options (HTTP/2 prior knowledge)', options: {}, protocol: 'HTTP/2' },
  { name: 'http2: false (HTTP/1.1)', options: { http2: false }, protocol: 'HTTP/1.1' },
];

async function scenariosOf(status) {
  const vendor = await mock.admin('GET', '/__admin/vendors/runloop');
  return vendor.variants[0].scenarios.filter((s) => !s.sequence && s.status === status).map((s) => s.name);
}

for (const transport of transports) {
  describe(`Runloop SDK with ${transport.name}`, () => {
    const client = (token, extra = {}) => new Runloop({ baseURL: mock.baseUrl, bearerToken: token, ...transport.options, ...extra });

    test('accounts.me() returns exactly what each 200 scenario promises', async () => {
      const fast = (await scenariosOf(200)).filter((s) => !['slow', 'slow-body', 'connection-reset', 'empty-response', 'malformed-json'].includes(s));
      assert.ok(fast.length >= 12, `expected the 200 scenarios, got ${fast}`);
      for (const scenario of fast) {
        const token = newToken(scenario);
        await mock.bind('runloop', token, scenario);
        const promised = (await mock.account('runloop', token)).body;
        const account = await client(token).accounts.me();
        assert.deepEqual(account, promised, scenario);
      }
    });

    test(`requests travel over ${transport.protocol}`, async () => {
      const token = newToken('proto');
      await client(token).accounts.me();
      const [entry] = await mock.requestsOf(token);
      assert.equal(entry.request.protocol, transport.protocol);
      assert.match(entry.request.headers['User-Agent'] ?? entry.request.headers['user-agent'], /^Runloop\/JS /);
    });

    const errors = [
      ['unauthorized', 401, Runloop.AuthenticationError],
      ['forbidden', 403, Runloop.PermissionDeniedError],
      ['not-found', 404, Runloop.NotFoundError],
    ];
    for (const [scenario, status, errorClass] of errors) {
      test(`${status} (${scenario}) raises ${errorClass.name} carrying the mock's body`, async () => {
        const token = newToken(scenario);
        await mock.bind('runloop', token, scenario);
        const promised = (await mock.account('runloop', token)).body;
        await assert.rejects(client(token).accounts.me(), (err) => {
          assert.ok(err instanceof errorClass, `${err?.constructor?.name}: ${err?.message}`);
          assert.equal(err.status, status);
          assert.deepEqual(err.error, promised);
          return true;
        });
        assert.equal((await mock.requestsOf(token)).length, 1, `${status} is not retried`);
      });
    }

    test('500 raises InternalServerError after the SDK has retried', async () => {
      const token = newToken('server-error');
      await mock.bind('runloop', token, 'server-error');
      await assert.rejects(client(token, { maxRetries: 2 }).accounts.me(), (err) => {
        assert.ok(err instanceof Runloop.InternalServerError, `${err?.constructor?.name}`);
        assert.equal(err.error.message, 'Internal server error.');
        return true;
      });
      const retries = (await mock.requestsOf(token)).map((e) => e.request.headers['x-stainless-retry-count']);
      assert.deepEqual(retries, ['0', '1', '2']);
    });

    test('x-should-retry: false on a 500 stops the retries', async () => {
      const token = newToken('no-retry');
      await mock.bind('runloop', token, 'server-error-no-retry');
      await assert.rejects(client(token).accounts.me(), Runloop.InternalServerError);
      assert.equal((await mock.requestsOf(token)).length, 1);
    });

    test('rate-limited-once: the SDK waits for Retry-After, retries and succeeds', async () => {
      const token = newToken('rate-limited-once');
      await mock.bind('runloop', token, 'rate-limited-once');
      const started = Date.now();
      const account = await client(token).accounts.me();
      assert.equal(account.account_status, 'ACCOUNT_STATUS_ENABLED');
      assert.ok(Date.now() - started >= 900, 'it waited for Retry-After: 1');
      const journal = await mock.requestsOf(token);
      assert.deepEqual(journal.map((e) => e.response.status), [429, 200]);
      assert.equal(journal[1].request.headers['x-stainless-retry-count'], '1');
    });

    test('flaky (500, 500, 200): the SDK retries through it', async () => {
      const token = newToken('flaky');
      await mock.bind('runloop', token, 'flaky');
      const account = await client(token).accounts.me();
      assert.equal(account.account_status, 'ACCOUNT_STATUS_ENABLED');
      const journal = await mock.requestsOf(token);
      assert.deepEqual(journal.map((e) => e.response.status), [500, 500, 200]);
      assert.deepEqual(journal.map((e) => e.request.headers['x-stainless-retry-count']), ['0', '1', '2']);
    });

    test('a connection reset is retried like any connection error', async () => {
      const token = newToken('reset');
      await mock.bind('runloop', token, 'reset-then-ok');
      const account = await client(token).accounts.me();
      assert.equal(account.account_status, 'ACCOUNT_STATUS_ENABLED');
    });

    test('the base URL works at the root and under the /runloop prefix', async () => {
      const token = newToken('prefix');
      const atRoot = await client(token).accounts.me();
      const prefixed = await client(token, { baseURL: `${mock.baseUrl}/runloop` }).accounts.me();
      assert.deepEqual(prefixed, atRoot);
      const paths = (await mock.requestsOf(token)).map((e) => e.request.url);
      assert.deepEqual(paths, ['/v1/accounts/me', '/runloop/v1/accounts/me']);
    });
  });
}
