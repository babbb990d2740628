// The differential suite: one corpus of WireMock mapping files served by real WireMock (the standalone jar
// from npm), by MockAccounts and by WireMock.Net 1.25.0 (WireMockNetHost), the same requests sent to each, and the
// answers compared with WireMock's. Prints the counts of cases and agreements; exits 1 when MockAccounts disagrees
// anywhere not listed in known-differences.json, or WireMock.Net anywhere not listed in known-differences-wiremock-net.json
// (or a listed difference has gone). WireMock.Net answers only the requests: its admin API has its own JSON shapes.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { freePort } from '../clients/tests/mock-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const { cases } = JSON.parse(await readFile(path.join(here, 'corpus/cases.json'), 'utf8'));
const known = JSON.parse(await readFile(path.join(here, 'known-differences.json'), 'utf8')).differences;
const knownNet = JSON.parse(await readFile(path.join(here, 'known-differences-wiremock-net.json'), 'utf8')).differences;

async function start(name, command, args, healthUrl) {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(healthUrl)).ok) return child;
    } catch { /* not listening yet */ }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start (exit ${child.exitCode}): ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stop(child) {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** One request; a fault (reset, garbage, cut-off body) comes back as { error }. */
async function send(base, { method, path: target, headers = {}, body }) {
  try {
    const response = await fetch(base + target, { method, headers, body, redirect: 'manual' });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, statusText: response.statusText, headers: response.headers, bytes };
  } catch (error) {
    return { error: error.cause?.code ?? error.message };
  }
}

function compare(testCase, a, b, other = 'mockaccounts') {
  const mode = testCase.compare ?? 'exact';
  if (mode === 'fault') return a.error && b.error ? null : `expected both to fail: wiremock ${a.error ?? a.status}, ${other} ${b.error ?? b.status}`;
  if (a.error || b.error) return `wiremock ${a.error ?? a.status}, ${other} ${b.error ?? b.status}`;
  if (a.status !== b.status) return `status: wiremock ${a.status}, ${other} ${b.status}`;
  if (mode === 'status') return null;
  if (mode === 'regex') {
    const pattern = new RegExp(testCase.bodyPattern);
    const [x, y] = [a.bytes.toString(), b.bytes.toString()];
    return pattern.test(x) && pattern.test(y) ? null : `body: wiremock ${JSON.stringify(x)}, ${other} ${JSON.stringify(y)}`;
  }
  if (mode === 'json') {
    let same;
    try { same = isDeepStrictEqual(JSON.parse(a.bytes.toString()), JSON.parse(b.bytes.toString())); } catch { same = false; }
    if (!same) return `json body: wiremock ${a.bytes}, ${other} ${b.bytes}`;
  } else if (!a.bytes.equals(b.bytes)) {
    return `body: wiremock ${JSON.stringify(a.bytes.toString())}, ${other} ${JSON.stringify(b.bytes.toString())}`;
  }
  if (a.statusText !== b.statusText) return `status message: wiremock ${JSON.stringify(a.statusText)}, ${other} ${JSON.stringify(b.statusText)}`;
  for (const name of ['content-type', ...(testCase.compareHeaders ?? [])]) {
    if (a.headers.get(name) !== b.headers.get(name)) return `header ${name}: wiremock ${a.headers.get(name)}, ${other} ${b.headers.get(name)}`;
  }
  return null;
}

/** The cases that differ from WireMock, against a list of known differences: those expected, unexpected, and gone. */
function tally(label, results, knownList) {
  const names = new Set(knownList.map((k) => k.case));
  const expected = results.filter((r) => r.difference !== null && names.has(r.name));
  const unexpected = results.filter((r) => r.difference !== null && !names.has(r.name));
  const stale = knownList.filter((k) => results.find((r) => r.name === k.case)?.difference === null);
  for (const r of expected) console.log(`known difference (${label}): ${r.name}: ${r.difference}`);
  for (const r of unexpected) console.log(`DISAGREE (${label}): ${r.name}: ${r.difference}`);
  for (const k of stale) console.log(`STALE known difference (${label}; they agree now, remove it): ${k.case}`);
  return { agreed: results.filter((r) => r.difference === null).length, expected: expected.length, unexpected: unexpected.length, stale: stale.length };
}

const json = (r) => JSON.parse(r.bytes.toString());
const admin = (method, target, body) => ({ method, path: target, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

/** Admin-API steps, each run on both servers; `view` reduces an answer to what must agree. */
const adminSteps = [
  { name: 'admin: the corpus loads the same number of mappings', request: admin('GET', '/__admin/mappings'), view: (r) => [r.status, json(r).meta.total] },
  { name: 'admin: a mapping from a file, by id', request: admin('GET', '/__admin/mappings/00000000-0000-4000-8000-000000000002'), view: (r) => [r.status, json(r).name, json(r).request, json(r).response, json(r).metadata] },
  { name: 'admin: an unknown id is 404', request: admin('GET', '/__admin/mappings/00000000-0000-4000-8000-0000000000ff'), view: (r) => r.status },
  { name: 'admin: create a mapping', request: admin('POST', '/__admin/mappings', { id: '00000000-0000-4000-8000-000000000010', request: { method: 'GET', urlPath: '/diff/admin' }, response: { status: 200, body: 'made' }, metadata: { owner: 'diff' } }), view: (r) => [r.status, json(r).id, json(r).request, json(r).response] },
  { name: 'admin: the created mapping answers', request: { method: 'GET', path: '/diff/admin' }, view: (r) => [r.status, r.bytes.toString()] },
  { name: 'admin: replace it', request: admin('PUT', '/__admin/mappings/00000000-0000-4000-8000-000000000010', { request: { method: 'GET', urlPath: '/diff/admin' }, response: { status: 202, body: 'changed' }, metadata: { owner: 'diff' } }), view: (r) => [r.status, json(r).response] },
  { name: 'admin: the replacement answers', request: { method: 'GET', path: '/diff/admin' }, view: (r) => [r.status, r.bytes.toString()] },
  { name: 'admin: find by metadata', request: admin('POST', '/__admin/mappings/find-by-metadata', { matchesJsonPath: { expression: '$.owner', equalTo: 'diff' } }), view: (r) => [r.status, json(r).mappings.map((m) => m.id)] },
  { name: 'admin: find by metadata (array contents)', request: admin('POST', '/__admin/mappings/find-by-metadata', { matchesJsonPath: "$.tags[?(@ == 'diff')]" }), view: (r) => [r.status, json(r).mappings.map((m) => m.id)] },
  { name: 'admin: remove by metadata', request: admin('POST', '/__admin/mappings/remove-by-metadata', { matchesJsonPath: { expression: '$.owner', equalTo: 'diff' } }), view: (r) => r.status },
  { name: 'admin: the removed mapping is gone', request: { method: 'GET', path: '/diff/admin' }, view: (r) => r.status },
  { name: 'admin: import', request: admin('POST', '/__admin/mappings/import', { mappings: [{ id: '00000000-0000-4000-8000-000000000011', request: { method: 'GET', url: '/diff/imported' }, response: { status: 200, body: 'imported' } }], importOptions: { duplicatePolicy: 'IGNORE', deleteAllNotInImport: false } }), view: (r) => r.status },
  { name: 'admin: the imported mapping answers', request: { method: 'GET', path: '/diff/imported' }, view: (r) => [r.status, r.bytes.toString()] },
  { name: 'admin: count after import', request: admin('GET', '/__admin/mappings'), view: (r) => json(r).meta.total },
  { name: 'admin: delete it', request: admin('DELETE', '/__admin/mappings/00000000-0000-4000-8000-000000000011'), view: (r) => r.status },
  { name: 'admin: deleting an unknown id', request: admin('DELETE', '/__admin/mappings/00000000-0000-4000-8000-0000000000ff'), view: (r) => r.status },
  { name: 'admin: the deleted mapping is gone', request: { method: 'GET', path: '/diff/imported' }, view: (r) => r.status },
  { name: 'admin: a stub scenario is listed', request: admin('GET', '/__admin/scenarios'), view: (r) => { const s = json(r).scenarios.find((x) => x.name === 'cart'); return [s.state, [...s.possibleStates].sort()]; } },
  { name: 'admin: set a stub scenario\'s state', request: admin('PUT', '/__admin/scenarios/cart/state', { state: 'filled' }), view: (r) => r.status },
  { name: 'admin: the set state applies', request: { method: 'GET', path: '/diff/cart' }, view: (r) => [r.status, r.bytes.toString()] },
  { name: 'admin: scenarios reset', request: admin('POST', '/__admin/scenarios/reset'), view: (r) => r.status },
  { name: 'admin: back in Started', request: { method: 'GET', path: '/diff/cart' }, view: (r) => [r.status, r.bytes.toString()] },
  { name: 'admin: near misses name the nearest mapping', request: admin('POST', '/__admin/near-misses/request', { url: '/diff/teapo', method: 'GET', headers: {} }), view: (r) => [r.status, json(r).nearMisses[0]?.stubMapping.request.urlPath] },
  { name: 'admin: delete every mapping', request: admin('DELETE', '/__admin/mappings'), view: (r) => r.status },
  { name: 'admin: none left', request: admin('GET', '/__admin/mappings'), view: (r) => json(r).meta.total },
  { name: 'admin: mappings reset brings the files back', request: admin('POST', '/__admin/mappings/reset'), view: (r) => r.status },
  { name: 'admin: count after reset', request: admin('GET', '/__admin/mappings'), view: (r) => json(r).meta.total },
  { name: 'admin: a file mapping answers again', request: { method: 'GET', path: '/diff/priority' }, view: (r) => [r.status, r.bytes.toString()] },
];

const jar = path.join(here, 'node_modules/wiremock/build', (await import('node:fs')).readdirSync(path.join(here, 'node_modules/wiremock/build')).find((f) => f.endsWith('.jar')));
const dll = process.env.MOCKACCOUNTS_SERVER_DLL ?? path.join(repo, 'src/MockAccounts.Server/bin/Debug/net10.0/MockAccounts.Server.dll');
const netHost = process.env.WIREMOCK_NET_HOST_DLL ?? path.join(here, 'WireMockNetHost/bin/Debug/net10.0/WireMockNetHost.dll');
const root = await mkdtemp(path.join(os.tmpdir(), 'wiremock-diff-'));
await cp(path.join(here, 'corpus/mappings'), path.join(root, 'mappings'), { recursive: true });
await cp(path.join(here, 'corpus/__files'), path.join(root, '__files'), { recursive: true });
const [wmPort, maPort, netPort] = [await freePort(), await freePort(), await freePort()];
const wmBase = `http://127.0.0.1:${wmPort}`;
const maBase = `http://127.0.0.1:${maPort}`;
const netBase = `http://127.0.0.1:${netPort}`;
let wiremock;
let mockaccounts;
let wiremockNet;
let exitCode = 0;
try {
  // One after the other, so that a server that fails to start never leaves the other running.
  wiremock = await start('WireMock', 'java', ['-jar', jar, '--port', String(wmPort), '--bind-address', '127.0.0.1', '--root-dir', root, '--disable-banner', '--disable-gzip'], `${wmBase}/__admin/health`);
  mockaccounts = await start('MockAccounts', 'dotnet', [dll, '--urls', maBase, `--MockAccounts:ExtraContracts:0=${root}`, '--MockAccounts:HotReload=false', '--MockAccounts:RequestLog=false', '--Logging:LogLevel:Default=Warning'], `${maBase}/__admin/health`);
  wiremockNet = await start('WireMock.Net', 'dotnet', [netHost, String(netPort), path.join(here, 'corpus')], `${netBase}/__admin/mappings`);

  const results = [];
  const netResults = [];
  for (const testCase of cases) {
    const [a, b, c] = [await send(wmBase, testCase), await send(maBase, testCase), await send(netBase, testCase)];
    results.push({ name: testCase.name, difference: compare(testCase, a, b) });
    netResults.push({ name: testCase.name, difference: compare(testCase, a, c, 'wiremock.net') });
  }

  for (const step of adminSteps) {
    const [a, b] = [await send(wmBase, step.request), await send(maBase, step.request)];
    let difference;
    try {
      const [x, y] = [step.view(a), step.view(b)];
      difference = isDeepStrictEqual(x, y) ? null : `wiremock ${JSON.stringify(x)}, mockaccounts ${JSON.stringify(y)}`;
    } catch (error) {
      difference = `could not compare (${error.message}): wiremock ${a.status ?? a.error} ${a.bytes ?? ''}, mockaccounts ${b.status ?? b.error} ${b.bytes ?? ''}`;
    }
    results.push({ name: step.name, difference });
  }

  const ours = tally('mockaccounts', results, known);
  const net = tally('wiremock.net', netResults, knownNet);
  const bothDiffer = netResults.filter((r) => r.difference !== null && results.find((x) => x.name === r.name)?.difference !== null).length;
  console.log(`wiremock-diff: MockAccounts: ${results.length} cases (${cases.length} requests, ${adminSteps.length} admin steps), ${ours.agreed} agree, ${ours.expected} known differences, ${ours.unexpected} unexpected`);
  console.log(`wiremock-diff: WireMock.Net 1.25.0: ${netResults.length} requests, ${net.agreed} agree, ${net.expected} known differences, ${net.unexpected} unexpected (${bothDiffer} where MockAccounts differs too)`);
  exitCode = ours.unexpected + ours.stale + net.unexpected + net.stale > 0 ? 1 : 0;
} catch (error) {
  console.error(error);
  exitCode = 2;
} finally {
  await Promise.all([stop(wiremock), stop(mockaccounts), stop(wiremockNet)]);
  await rm(root, { recursive: true, force: true });
}
process.exit(exitCode);
