// Starts the real MockAccounts server (the build of src/MockAccounts.Server) on a free loopback port
// for one test file, and stops it again. Admin helpers use plain fetch.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A loopback port nothing listens on right now (the differential suite uses it too). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ adminKey?: string, args?: string[] }} [options] adminKey: start the server with MockAccounts:Admin:Key
 * set (the helpers send it); args: further server arguments (they win over the defaults here).
 */
export async function startMock({ adminKey, args = [] } = {}) {
  const port = await freePort();
  const dll = process.env.MOCKACCOUNTS_SERVER_DLL
    ?? path.join(repo, 'src/MockAccounts.Server/bin/Debug/net10.0/MockAccounts.Server.dll');
  const child = spawn('dotnet', [dll, '--urls', `http://127.0.0.1:${port}`,
    // The suites find their requests by token, so this server keeps credentials whole in its journal.
    '--MockAccounts:HotReload=false', '--MockAccounts:Journal:KeepCredentials=true', '--Logging:LogLevel:Default=Warning',
    ...(adminKey ? [`--MockAccounts:Admin:Key=${adminKey}`] : []), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/__admin/health`)).ok) break;
    } catch { /* not listening yet */ }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`MockAccounts did not start (exit ${child.exitCode}): ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const admin = async (method, pathAndQuery, body) => {
    const response = await fetch(`${baseUrl}${pathAndQuery}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(adminKey ? { authorization: `Bearer ${adminKey}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${pathAndQuery} answered ${response.status}: ${text}`);
    return text.length ? JSON.parse(text) : undefined;
  };

  return {
    baseUrl,
    admin,
    bind: (vendor, token, scenario) => admin('PUT', `/__admin/vendors/${vendor}/tokens/${token}/scenario`, { scenario }),
    account: (vendor, token) => admin('GET', `/__admin/vendors/${vendor}/tokens/${token}/account`),
    /** The journal entries for one token, oldest first. */
    requestsOf: async (token) => (await admin('GET', '/__admin/requests')).requests
      .filter((e) => e.mockAccounts.token === token)
      .reverse(),
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

let counter = 0;
export const newToken = (hint) => `${hint}-${process.pid}-${++counter}-${Date.now()}`;
