// The /__admin/ dashboard in a real browser (Debian's chromium through playwright-core), against the
// real server: what a person does by hand, clicked and typed, checked both on the page and on the wire.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { newToken, startMock } from '../../clients/tests/mock-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const screenshotPath = process.env.DASHBOARD_SCREENSHOT ?? path.join(here, '../out/dashboard.png');
const narrowScreenshotPath = process.env.DASHBOARD_NARROW_SCREENSHOT ?? path.join(here, '../out/dashboard-390.png');
/** The dashboard polls the journal every 500 ms: a request shows within a second; the margin is for slow CI machines. */
const SHOWS_WITHIN_MS = 3000;

let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // CI runs as root, where chromium's sandbox cannot start.
    args: ['--no-sandbox'],
  });
});

after(async () => {
  await browser?.close();
});

/** A page that records every request it makes and every script error, so tests can assert there were none elsewhere. */
async function openDashboard(mock, viewport = { width: 1440, height: 1000 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const requested = [];
  const errors = [];
  page.on('request', (r) => requested.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  // The browser also logs every 4xx the page asked for on purpose (a refused edit): only script errors count.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
  const response = await page.goto(`${mock.baseUrl}/`);
  return { page, context, response, requested, errors };
}

/** Fills the token-binding form as a person would and waits for the account it shows. */
async function bindThroughForm(page, vendor, token, scenario) {
  await page.selectOption('#bind-vendor', vendor);
  await page.fill('#bind-token', token);
  await page.selectOption('#bind-scenario', scenario);
  await page.click('#bind-form button[type=submit]');
  await page.locator('#token-summary', { hasText: scenario }).filter({ hasText: token }).waitFor();
}

const vendorRequest = (mock, token, extra = {}) =>
  fetch(`${mock.baseUrl}/v1/accounts/me`, { headers: { authorization: `Bearer ${token}`, ...extra } });

describe('the dashboard without an admin key', () => {
  let mock;
  let page;
  let opened;

  before(async () => {
    mock = await startMock();
    opened = await openDashboard(mock);
    page = opened.page;
    await page.locator('[role=tab]').first().waitFor();
  });

  after(async () => {
    await opened?.context.close();
    await mock?.stop();
  });

  test('the server root leads to /__admin/, served with a Content-Security-Policy', async () => {
    assert.equal(new URL(page.url()).pathname, '/__admin/');
    const csp = opened.response.headers()['content-security-policy'];
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'/);
  });

  test('every vendor has a tab showing its current scenario', async () => {
    const { vendors } = await mock.admin('GET', '/__admin/vendors');
    const tabs = await page.locator('[role=tab]').allInnerTexts();
    assert.equal(tabs.length, vendors.length);
    for (const vendor of vendors) {
      assert.ok(tabs.some((t) => t.includes(vendor.title) && t.includes(vendor.scenario)), `no tab for ${vendor.title} showing ${vendor.scenario}: ${tabs}`);
    }
  });

  test('Runloop\'s scenarios are grouped as personas, errors, faults and sequences, each with status and description', async () => {
    await page.click('#tab-runloop');
    const groups = await page.locator('#vendor-panel .group h3').allInnerTexts();
    for (const name of ['Personas', 'Errors', 'Faults', 'Sequences']) {
      assert.ok(groups.some((g) => g.startsWith(name)), `no ${name} group in ${groups}`);
    }
    const group = (name) => page.locator('#vendor-panel .group').filter({ has: page.locator('h3', { hasText: name }) });
    const quota = group('Personas').locator('[data-scenario="quota-reached"]');
    assert.equal(await quota.count(), 1);
    assert.match(await quota.innerText(), /200/);
    const { vendors } = await mock.admin('GET', '/__admin/vendors');
    const described = vendors.find((v) => v.name === 'runloop').scenarios.find((s) => s.name === 'quota-reached').description;
    assert.ok((await quota.innerText()).includes(described), 'the description is shown');
    assert.match(await group('Errors').locator('[data-scenario="rate-limited"]').innerText(), /429/);
    assert.equal(await group('Faults').locator('[data-scenario="connection-reset"]').count(), 1);
    assert.match(await group('Sequences').locator('[data-scenario="flaky"]').innerText(), /500→200/);
  });

  test('a fault that sends no status wears the fault, not a green 200, in its badge and in the scenario lists', async () => {
    await page.click('#tab-runloop');
    const badge = (scenario) => page.locator(`#vendor-panel [data-scenario="${scenario}"] .status`);
    for (const fault of ['connection-reset', 'empty-response']) {
      assert.equal(await badge(fault).innerText(), fault);
      assert.match(await badge(fault).getAttribute('class'), /\bsf\b/, `${fault} has the fault's colour`);
      assert.doesNotMatch(await badge(fault).getAttribute('class'), /\bs2\b/);
      assert.match(await page.locator(`#scenario-select option[value="${fault}"]`).textContent(), new RegExp(`\\(${fault}\\)`));
    }
    assert.equal(await badge('reset-then-ok').innerText(), 'connection-reset→200');
    assert.equal(await badge('malformed-json').innerText(), '200', 'a cut-off body still arrives with its 200');
  });

  test('the token form follows the selected vendor tab', async () => {
    const { vendors } = await mock.admin('GET', '/__admin/vendors');
    for (const name of ['ultravox', 'depicta', 'runloop']) {
      await page.click(`#tab-${name}`);
      assert.equal(await page.inputValue('#bind-vendor'), name);
      const offered = await page.locator('#bind-scenario option').evaluateAll((options) => options.map((o) => o.value));
      assert.deepEqual(offered, vendors.find((v) => v.name === name).scenarios.map((s) => s.name), `${name}'s scenarios are offered`);
    }
    await page.click('#tab-ultravox');
    const example = vendors.find((v) => v.name === 'ultravox').credentials[0].example;
    const shape = (text) => text.replace(/[A-Za-z0-9]/g, 'x');
    assert.equal(shape(await page.inputValue('#bind-token')), shape(example), 'the token is made for that vendor');
  });

  test('a message floats over the page instead of pushing it down', async () => {
    await page.click('#tab-runloop');
    const top = () => page.locator('#content').evaluate((main) => main.getBoundingClientRect().top);
    const before = await top();
    await page.click('#vendor-panel [data-scenario="trial"]');
    await page.locator('#message', { hasText: 'runloop now serves trial' }).waitFor();
    assert.equal(await top(), before);
    await mock.admin('PUT', '/__admin/scenarios/runloop/state');
  });

  test('the first paint waits for the data: no "Connecting…" over empty cards', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    try {
      const held = await context.newPage();
      let release;
      const released = new Promise((resolve) => { release = resolve; });
      let asked;
      const vendorsAsked = new Promise((resolve) => { asked = resolve; });
      await held.route('**/__admin/vendors', async (route) => { asked(); await released; await route.continue(); });
      await held.goto(`${mock.baseUrl}/__admin/`);
      await vendorsAsked;
      assert.equal(await held.locator('#content').isVisible(), false, 'no empty cards while the vendors are on their way');
      assert.equal(await held.locator('#health-chip').isVisible(), false);
      assert.doesNotMatch(await held.locator('body').innerText(), /Connecting/);
      release();
      await held.locator('[role=tab]').first().waitFor();
      assert.equal(await held.locator('#content').isVisible(), true);
      assert.match(await held.locator('#health-chip').innerText(), /healthy/);
    } finally {
      await context.close();
    }
  });

  test('clicking quota-reached switches Runloop: a real request then gets ACCOUNT_STATUS_DISABLED_QUOTA_REACHED', async () => {
    await page.click('#tab-runloop');
    await page.click('#vendor-panel [data-scenario="quota-reached"]');
    await page.locator('#vendor-panel [data-scenario="quota-reached"][aria-pressed="true"]').waitFor();
    assert.match(await page.locator('#tab-runloop').innerText(), /quota-reached/);

    const token = newToken('rl_dash');
    const response = await vendorRequest(mock, token);
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.account_status, 'ACCOUNT_STATUS_DISABLED_QUOTA_REACHED');

    // ...and that request shows in the journal view by itself.
    const row = page.locator('#journal-rows tr', { hasText: token });
    await row.waitFor({ timeout: SHOWS_WITHIN_MS });
    const cells = await row.locator('td').allInnerTexts();
    assert.equal(cells[1], 'runloop');
    assert.equal(cells[2], 'GET /v1/accounts/me');
    assert.equal(cells[3], '200');
    assert.equal(cells[4], 'quota-reached');
    assert.match(cells[6], /ACCOUNT_STATUS_DISABLED_QUOTA_REACHED/);
    assert.equal(await page.locator('#journal-rows tr').first().getAttribute('data-id'), await row.getAttribute('data-id'), 'newest first');
  });

  test('the journal filters by vendor, status and token', async () => {
    const token = newToken('rl_filter');
    await vendorRequest(mock, token, { prefer: 'code=429' });
    await vendorRequest(mock, token);
    await fetch(`${mock.baseUrl}/v1/account/profile`, { headers: { authorization: `Bearer ${newToken('dpct_filter')}` } });
    await page.locator('#journal-rows tr', { hasText: token }).nth(1).waitFor({ timeout: SHOWS_WITHIN_MS });

    await page.fill('#filter-token', token);
    assert.equal(await page.locator('#journal-rows tr').count(), 2);
    await page.fill('#filter-status', '4xx');
    const only = await page.locator('#journal-rows tr td:nth-child(4)').allInnerTexts();
    assert.deepEqual(only, ['429']);
    await page.fill('#filter-token', '');
    await page.fill('#filter-status', '');
    await page.selectOption('#filter-vendor', 'depicta');
    const vendors = new Set(await page.locator('#journal-rows tr td:nth-child(2)').allInnerTexts());
    assert.deepEqual([...vendors], ['depicta']);
    await page.selectOption('#filter-vendor', '');
  });

  test('binding a token through the form: the account it gets, a working curl line, and an edit', async () => {
    const token = newToken('dpct_form');
    await bindThroughForm(page, 'depicta', token, 'zero-balance');

    const account = await mock.account('depicta', token);
    assert.equal(account.scenario, 'zero-balance');
    assert.deepEqual(JSON.parse(await page.inputValue('#account-body')), account.body, 'the page shows the account the token gets');

    const curl = await page.inputValue('#curl-line');
    assert.match(curl, new RegExp(`Authorization: Bearer ${token}`));
    const { stdout } = await promisify(execFile)('sh', ['-c', curl]);
    assert.deepEqual(JSON.parse(stdout), account.body, 'the copied curl line gets that account');

    const edited = { user: { ...account.body.user, name: 'Edited in the dashboard' } };
    await page.fill('#account-body', JSON.stringify(edited, null, 2));
    // The textarea already holds the edit once filled: wait for the PATCH itself, or the read below can race it.
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/account')),
      page.click('#apply-edit'),
    ]);
    await page.waitForFunction(() => document.getElementById('account-body').value.includes('Edited in the dashboard'));
    assert.equal((await mock.account('depicta', token)).body.user.name, 'Edited in the dashboard');
    assert.match(await page.locator('#bound-list').innerText(), new RegExp(token));

    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.click('#tab-runloop');
    // The form follows the tab to Runloop; the Depicta binding, picked again from the list, keeps the picture one story.
    await page.click(`#bound-list button:has-text("${token}")`);
    await page.waitForFunction(() => document.getElementById('bind-vendor').value === 'depicta');
    // A passing message floats wherever the page ends in a full-page picture: not part of it.
    await page.evaluate(() => { document.getElementById('message').textContent = ''; });
    await mkdir(path.dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
  });

  test('a new token for a vendor that declares a credential shape has that shape, and its curl line is answered', async () => {
    await page.selectOption('#bind-vendor', 'ultravox');
    await page.click('#new-token');
    const token = await page.inputValue('#bind-token');
    const listing = await (await fetch(`${mock.baseUrl}/__admin/vendors`)).json();
    const example = listing.vendors.find((v) => v.name === 'ultravox').credentials[0].example;
    assert.ok(example, 'the listing gives an example credential for a vendor that declares a shape');
    const shape = (s) => s.replace(/[A-Za-z0-9]/g, 'x');
    assert.equal(shape(token), shape(example), 'the new token has the example\'s shape');
    assert.notEqual(token, example);

    await page.selectOption('#bind-scenario', 'pro-monthly');
    await page.click('#bind-form button[type=submit]');
    await page.locator('#token-summary', { hasText: 'pro-monthly' }).filter({ hasText: token }).waitFor();
    const { stdout } = await promisify(execFile)('sh', ['-c', `${await page.inputValue('#curl-line')} -w '\\n%{http_code}'`]);
    assert.equal(stdout.trim().split('\n').at(-1), '200', 'the vendor accepts the new token');
  });

  test('an edit the contract forbids is refused on the page and changes nothing', async () => {
    const token = newToken('dpct_bad');
    await bindThroughForm(page, 'depicta', token, 'funded');
    const before = await mock.account('depicta', token);
    await page.fill('#account-body', JSON.stringify({ user: { ...before.body.user, name: 42 } }));
    await page.click('#apply-edit');
    await page.locator('#token-error', { hasText: 'contract' }).waitFor();
    assert.deepEqual((await mock.account('depicta', token)).body, before.body);
  });

  test('the health panel shows contracts, journal and token counts', async () => {
    await page.waitForFunction(() => document.getElementById('health-list').innerText.includes('Tokens'));
    const text = await page.locator('#health-list').innerText();
    assert.match(text, /Contracts\s+4 vendors/);
    assert.match(text, /Journal\s+\d+ of 10000/);
    assert.match(text, /Tokens\s+\d+ entries/);
    assert.match(await page.locator('#health-chip').innerText(), /healthy/);
  });

  test('reset buttons: one vendor, the journal, everything', async () => {
    await mock.admin('PUT', '/__admin/scenarios/ultravox/state', { state: 'rate-limited' });
    await mock.admin('PUT', '/__admin/scenarios/runloop/state', { state: 'quota-reached' });
    await page.reload();
    await page.click('#tab-ultravox');
    await page.click('#vendor-panel button:text("Reset Ultravox")');
    await page.locator('#tab-ultravox', { hasText: 'free-tier' }).waitFor();
    let scenarios = (await mock.admin('GET', '/__admin/scenarios')).scenarios;
    assert.equal(scenarios.find((s) => s.id === 'ultravox').state, 'free-tier');
    assert.equal(scenarios.find((s) => s.id === 'runloop').state, 'quota-reached', 'only that vendor was reset');

    await page.click('#clear-journal');
    await page.locator('#journal-count', { hasText: 'of 0 kept' }).waitFor();
    assert.equal((await mock.admin('GET', '/__admin/requests')).requests.length, 0);

    page.once('dialog', (dialog) => dialog.accept());
    await page.click('#reset-all');
    await page.locator('#tab-runloop', { hasText: 'enabled' }).waitFor();
    scenarios = (await mock.admin('GET', '/__admin/scenarios')).scenarios;
    assert.equal(scenarios.find((s) => s.id === 'runloop').state, 'enabled');
  });

  test('keyboard: the vendor tabs move with the arrow keys, and every control has a label', async () => {
    await page.click('#tab-depicta');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-opterius');
    assert.equal(await page.getAttribute('#tab-opterius', 'aria-selected'), 'true');
    await page.keyboard.press('End');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-ultravox');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
      .filter((c) => !c.closest('[hidden]'))
      .filter((c) => !(c.labels?.length || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby') || (c.tagName === 'BUTTON' && c.innerText.trim())))
      .map((c) => c.outerHTML.slice(0, 80)));
    assert.deepEqual(unlabelled, []);
  });

  test('it works offline: every request the page made went to this server, with no script errors', async () => {
    const origin = new URL(mock.baseUrl).origin;
    const elsewhere = opened.requested.filter((url) => new URL(url).origin !== origin);
    assert.deepEqual(elsewhere, []);
    assert.deepEqual(opened.errors, []);
  });
});

describe('the dashboard on a phone (390 px wide)', () => {
  let mock;
  let opened;

  before(async () => {
    mock = await startMock();
    opened = await openDashboard(mock, { width: 390, height: 844 });
    await opened.page.locator('[role=tab]').first().waitFor();
  });

  after(async () => {
    await opened?.context.close();
    await mock?.stop();
  });

  test('nothing scrolls sideways, the health chip is one line, endpoints stay in their card and filter labels beside their fields', async () => {
    const { page } = opened;
    await page.click('#tab-runloop');
    const token = newToken('rl_narrow');
    await bindThroughForm(page, 'runloop', token, 'quota-reached');
    await vendorRequest(mock, token);
    await page.waitForFunction(() => /healthy/.test(document.getElementById('health-chip').innerText));
    await page.locator('#journal-rows tr').first().waitFor({ timeout: SHOWS_WITHIN_MS });

    const layout = await page.evaluate(() => {
      const box = (node) => node.getBoundingClientRect();
      const chip = document.getElementById('health-chip');
      const lines = document.createRange();
      lines.selectNodeContents(chip);
      const card = box(document.getElementById('vendors'));
      return {
        scrollWidth: document.documentElement.scrollWidth,
        width: window.innerWidth,
        chipLines: new Set([...lines.getClientRects()].map((r) => Math.round(r.top))).size,
        chipWidth: box(chip).width,
        chipHeight: box(chip).height,
        outside: [...document.querySelectorAll('#vendor-panel .endpoints li')]
          .filter((li) => box(li).right > card.right + 0.5 || box(li).left < card.left - 0.5).map((li) => li.innerText),
        apart: [...document.querySelectorAll('#journal-filter .filter')].filter((pair) => {
          const [label, field] = [box(pair.querySelector('label')), box(pair.querySelector('input, select'))];
          return Math.abs((label.top + label.bottom) / 2 - (field.top + field.bottom) / 2) > 4;
        }).map((pair) => pair.innerText),
      };
    });
    assert.ok(layout.scrollWidth <= layout.width, `the page is ${layout.scrollWidth} px wide in a ${layout.width} px window`);
    assert.equal(layout.chipLines, 1, 'the health chip reads on one line');
    assert.ok(layout.chipWidth > 2 * layout.chipHeight, `the chip is a pill, not a circle (${layout.chipWidth} × ${layout.chipHeight})`);
    assert.deepEqual(layout.outside, [], 'every endpoint chip inside the vendors card');
    assert.deepEqual(layout.apart, [], 'every filter label on the line of its field');

    await mkdir(path.dirname(narrowScreenshotPath), { recursive: true });
    await page.screenshot({ path: narrowScreenshotPath, fullPage: true });
  });
});

describe('the dashboard on a server whose contracts are edited', () => {
  let mock;
  let opened;
  let root;

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'mockaccounts-dashboard-'));
    for (const folder of ['schemas', 'mocks']) await cp(path.join(here, '../../..', folder), path.join(root, folder), { recursive: true });
    mock = await startMock({ args: ['--MockAccounts:HotReload=true', `--MockAccounts:Contracts=${root}`] });
    opened = await openDashboard(mock);
    await opened.page.locator('[role=tab]').first().waitFor();
  });

  after(async () => {
    await opened?.context.close();
    await mock?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  test('a broken edit shows in the health panel with its file, JSON pointer and expectation, and clears when fixed', async () => {
    const { page } = opened;
    const catalogue = path.join(root, 'mocks/runloop/scenarios.json');
    const original = await readFile(catalogue, 'utf8');
    await writeFile(catalogue, original.replace('"status": 429', '"status": 418'));

    // Hot reload notices the edit by itself; the panel polls health every few seconds.
    await page.locator('#reload-error').waitFor({ timeout: 30_000 });
    const cells = await page.locator('#reload-error-rows tr').first().locator('td').allInnerTexts();
    assert.match(cells[0], /mocks\/runloop\/scenarios\.json$/);
    assert.match(cells[1], /^\/scenarios\//);
    assert.match(cells[2], /418 is not a documented response/);
    assert.match(await page.locator('#health-chip').innerText(), /degraded/);

    await writeFile(catalogue, original);
    await page.locator('#reload-error').waitFor({ state: 'hidden', timeout: 30_000 });
    assert.match(await page.locator('#health-chip').innerText(), /healthy/);
  });
});

describe('the dashboard on a server with an admin key', () => {
  const key = `dash-key-${process.pid}`;
  let mock;
  let opened;

  before(async () => {
    mock = await startMock({ adminKey: key });
    opened = await openDashboard(mock);
  });

  after(async () => {
    await opened?.context.close();
    await mock?.stop();
  });

  test('the page asks for the key and shows nothing before it', async () => {
    const { page } = opened;
    await page.locator('#key-form').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'key-input', 'the key field has the focus');
    assert.equal(await page.locator('[role=tab]').count(), 0);
    assert.equal(await page.locator('#journal-rows tr').count(), 0);
    assert.equal((await fetch(`${mock.baseUrl}/__admin/vendors`)).status, 401, 'the data needs the key');
  });

  test('a wrong key is refused and the prompt says so', async () => {
    const { page } = opened;
    await page.fill('#key-input', 'not-the-key');
    await page.press('#key-input', 'Enter');
    await page.locator('#key-error', { hasText: 'refused' }).waitFor();
    assert.equal(await page.locator('[role=tab]').count(), 0);
  });

  test('the right key unlocks the dashboard, and its calls carry the key', async () => {
    const { page } = opened;
    const sent = [];
    page.on('request', (r) => { if (r.url().includes('/__admin/vendors')) sent.push(r.headers().authorization); });
    await page.fill('#key-input', key);
    await page.press('#key-input', 'Enter');
    await page.locator('[role=tab]').first().waitFor();
    assert.equal(await page.locator('#key-form').isHidden(), true);
    assert.ok(sent.length > 0 && sent.every((h) => h === `Bearer ${key}`), `requests sent ${sent}`);
    const stored = await page.evaluate(() => JSON.stringify([Object.entries(sessionStorage), Object.entries(localStorage)]));
    assert.ok(!stored.includes(key), `the key stays in the page's memory, out of web storage that any page of this origin can read: ${stored}`);

    await page.click('#tab-runloop');
    await page.click('#vendor-panel [data-scenario="trial"]');
    await page.locator('#vendor-panel [data-scenario="trial"][aria-pressed="true"]').waitFor();
    const { scenarios } = await mock.admin('GET', '/__admin/scenarios');
    assert.equal(scenarios.find((s) => s.id === 'runloop').state, 'trial');
  });
});
