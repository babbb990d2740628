// MockAccounts dashboard: plain browser JavaScript over the admin API (no framework, no build step).
// Every call goes through api(), which adds the admin key when one is set and asks for it on a 401.
'use strict';

const BOUND_STORAGE = 'mockaccounts.boundTokens';
const JOURNAL_POLL_MS = 500;
const HEALTH_POLL_MS = 3000;
const MESSAGE_SHOWN_MS = 6000;
const GROUPS = [
  ['persona', 'Personas', '2xx'],
  ['error', 'Errors', '4xx / 5xx'],
  ['fault', 'Faults', 'delays, broken wire'],
  ['sequence', 'Sequences', 'per token'],
];

const state = {
  // The admin key lives in this page's memory only: any page served from this origin (an admin-made HTML stub)
  // could read sessionStorage. Opening the dashboard again asks for it again.
  key: null,
  locked: false,
  vendors: [],
  selected: null,
  journalTop: null,
  journal: [],
  seen: new Set(),
  bound: JSON.parse(sessionStorage.getItem(BOUND_STORAGE) || '[]'),
  timers: [],
  sayTimer: null,
};

const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

class AdminKeyNeeded extends Error {}

class ApiError extends Error {
  constructor(status, problem, text) {
    super(problem?.detail || problem?.title || text || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Calls the admin API relative to this page (works behind a path prefix too). */
async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (state.key) headers.Authorization = `Bearer ${state.key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(new URL(path, document.baseURI), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  const text = await response.text();
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  if (response.status === 401) {
    lock(state.key ? 'That admin key was refused.' : '');
    throw new AdminKeyNeeded('admin key needed');
  }
  if (!response.ok) throw new ApiError(response.status, json, text);
  return json;
}

/** A message floating over the page (it never moves the page); good news fades after a while, trouble stays. */
function say(text, bad = false) {
  const message = $('message');
  message.textContent = text;
  message.classList.toggle('bad', bad);
  clearTimeout(state.sayTimer);
  if (!bad) state.sayTimer = setTimeout(() => { message.textContent = ''; }, MESSAGE_SHOWN_MS);
}

function report(error) {
  if (error instanceof AdminKeyNeeded) return;
  const violations = error.problem?.violations;
  const extra = Array.isArray(violations) ? ' ' + violations.map((v) => `${v.pointer || '/'}: ${v.message}`).join('; ') : '';
  say(`${error.message}${extra}`, true);
}

// ---- admin key ----

function lock(reason) {
  state.locked = true;
  stopPolling();
  $('key-form').hidden = false;
  $('content').inert = true;
  $('key-error').textContent = reason;
  $('key-input').focus();
}

async function unlock(event) {
  event.preventDefault();
  state.key = $('key-input').value.trim();
  $('key-input').value = '';
  state.locked = false;
  $('key-form').hidden = true;
  $('content').inert = false;
  await start();
}

function forgetKey() {
  state.key = null;
  location.reload();
}

// ---- vendors ----

const variantName = (v) => (typeof v === 'string' ? v : v.name);
/** A badge coloured by the class of its status; a fault that sends no status at all (connection-reset) has its own. */
const statusClass = (answer) => (/^[1-5]/.test(String(answer)) ? `status s${String(answer)[0]}` : 'status sf');
/** What a scenario answers, step by step: statuses, or the fault that stands in for one (reset-then-ok: connection-reset→200). */
const answers = (s) => s.answers.join('→');

async function loadVendors() {
  const { vendors } = await api('GET', 'vendors');
  state.vendors = vendors;
  if (!vendors.some((v) => v.name === state.selected)) state.selected = vendors[0]?.name ?? null;
  renderTabs();
  renderPanel();
  fillVendorSelects();
}

function renderTabs() {
  const tabs = $('vendor-tabs');
  tabs.replaceChildren(...state.vendors.map((v) => el('button', {
    type: 'button',
    role: 'tab',
    id: `tab-${v.name}`,
    'aria-selected': String(v.name === state.selected),
    'aria-controls': 'vendor-panel',
    tabindex: v.name === state.selected ? '0' : '-1',
    dataset: { vendor: v.name },
    onclick: () => selectVendor(v.name, true),
  }, el('span', { text: v.title }), el('span', { className: 'tab-scenario', text: v.scenario }))));
}

function selectVendor(name, focus) {
  state.selected = name;
  renderTabs();
  renderPanel();
  // The token form works on the vendor being looked at.
  if ($('bind-vendor').value !== name) {
    $('bind-vendor').value = name;
    bindVendorChanged();
  }
  if (focus) $(`tab-${name}`).focus();
}

function onTabKey(event) {
  const names = state.vendors.map((v) => v.name);
  let index = names.indexOf(state.selected);
  if (event.key === 'ArrowRight') index = (index + 1) % names.length;
  else if (event.key === 'ArrowLeft') index = (index - 1 + names.length) % names.length;
  else if (event.key === 'Home') index = 0;
  else if (event.key === 'End') index = names.length - 1;
  else return;
  event.preventDefault();
  selectVendor(names[index], true);
}

function renderPanel() {
  const panel = $('vendor-panel');
  const vendor = state.vendors.find((v) => v.name === state.selected);
  if (!vendor) {
    panel.replaceChildren(el('p', { text: 'No vendors loaded.' }));
    return;
  }
  panel.setAttribute('aria-labelledby', `tab-${vendor.name}`);
  panel.dataset.vendor = vendor.name;

  const variants = vendor.variants.map(variantName);
  const variantSelect = el('select', { id: 'variant-select', onchange: (e) => setVariant(vendor.name, e.target.value) },
    variants.map((name) => el('option', { value: name, selected: name === vendor.variant, text: name })));
  const scenarioSelect = el('select', { id: 'scenario-select', onchange: (e) => setScenario(vendor.name, e.target.value) },
    vendor.scenarios.map((s) => el('option', { value: s.name, selected: s.name === vendor.scenario, text: `${s.name} (${answers(s)})` })));

  const head = el('div', { className: 'vendor-head' },
    el('div', { className: 'field' }, el('label', { for: 'variant-select', text: 'Variant' }), variantSelect),
    el('div', { className: 'field' }, el('label', { for: 'scenario-select', text: 'Current scenario' }), scenarioSelect),
    el('p', { className: 'current', id: 'current-scenario' }, 'Serving ', el('strong', { text: vendor.scenario }),
      vendor.scenario === vendor.defaultScenario ? ' (default)' : ` (default: ${vendor.defaultScenario})`),
    el('button', { type: 'button', className: 'quiet', onclick: () => resetVendor(vendor.name) }, `Reset ${vendor.title}`));

  const endpoints = el('ul', { className: 'endpoints', 'aria-label': 'Endpoints' },
    vendor.endpoints.map((e) => el('li', {}, el('code', { text: e }))));

  const groups = el('div', { className: 'groups' }, GROUPS.map(([group, title, hint]) => {
    const scenarios = vendor.scenarios.filter((s) => s.group === group);
    if (scenarios.length === 0) return null;
    return el('section', { className: 'group', 'aria-labelledby': `group-${group}` },
      el('h3', { id: `group-${group}` }, el('span', { text: title }), el('span', { className: 'sub', text: `${hint} · ${scenarios.length}` })),
      el('ul', { className: 'scenarios' }, scenarios.map((s) => el('li', {},
        el('button', {
          type: 'button',
          className: 'scenario',
          'aria-pressed': String(s.name === vendor.scenario),
          'aria-label': `${s.name}, answers ${s.answers.join(' then ')}: ${s.description}`,
          title: s.description,
          dataset: { scenario: s.name },
          onclick: () => setScenario(vendor.name, s.name),
        },
        el('span', { className: statusClass(s.answers[0]), text: answers(s) }),
        el('span', { className: 'name', text: s.name }),
        s.name === vendor.scenario ? el('span', { className: 'now', text: 'NOW' }) : el('span'),
        el('span', { className: 'desc', text: s.description }))))));
  }));

  panel.replaceChildren(head, endpoints, groups);
}

async function setScenario(vendor, scenario) {
  try {
    await api('PUT', `scenarios/${encodeURIComponent(vendor)}/state`, { state: scenario });
    say(`${vendor} now serves ${scenario}.`);
    await loadVendors();
    $('vendor-panel').querySelector(`[data-scenario="${CSS.escape(scenario)}"]`)?.focus();
  } catch (error) { report(error); }
}

async function setVariant(vendor, variant) {
  try {
    await api('PUT', `vendors/${encodeURIComponent(vendor)}/variant`, { variant });
    say(`${vendor} now serves its ${variant} variant.`);
    await loadVendors();
  } catch (error) { report(error); }
}

async function resetVendor(vendor) {
  try {
    await api('PUT', `scenarios/${encodeURIComponent(vendor)}/state`);
    const documented = state.vendors.find((v) => v.name === vendor)?.variants.map(variantName)[0];
    if (documented) await api('PUT', `vendors/${encodeURIComponent(vendor)}/variant`, { variant: documented });
    say(`${vendor} is back to its default scenario and variant.`);
    await loadVendors();
  } catch (error) { report(error); }
}

async function resetAll() {
  if (!confirm('Reset every scenario, token binding, account edit, variant and the journal?')) return;
  try {
    await api('POST', 'reset');
    state.bound = [];
    saveBound();
    say('Everything is back to a fresh start.');
    await Promise.all([loadVendors(), pollJournal(true), pollHealth()]);
  } catch (error) { report(error); }
}

// ---- token bindings ----

function fillVendorSelects() {
  const bindVendor = $('bind-vendor');
  const keep = bindVendor.value || state.selected;
  bindVendor.replaceChildren(...state.vendors.map((v) => el('option', { value: v.name, selected: v.name === keep, text: v.title })));
  fillScenarioSelect();

  const filter = $('filter-vendor');
  const keepFilter = filter.value;
  filter.replaceChildren(el('option', { value: '', text: 'all' }),
    ...state.vendors.map((v) => el('option', { value: v.name, selected: v.name === keepFilter, text: v.name })));
}

function fillScenarioSelect() {
  const vendor = state.vendors.find((v) => v.name === $('bind-vendor').value);
  const select = $('bind-scenario');
  const keep = select.value;
  select.replaceChildren(...(vendor?.scenarios ?? []).map((s) => el('option', { value: s.name, selected: s.name === keep, text: `${s.name} (${answers(s)})` })));
}

function bindVendorChanged() {
  fillScenarioSelect();
  $('bind-token').value = randomToken($('bind-vendor').value);
}

// A vendor whose contract declares a credential shape (e.g. Ultravox's 8.32 keys) refuses other tokens, so a new
// token copies the shape of the server's example: each letter or digit replaced by a random one of its kind.
const alphabets = ['abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '0123456789'];

function randomToken(vendorName) {
  const example = state.vendors.find((v) => v.name === vendorName)?.credentials[0]?.example;
  const random = crypto.getRandomValues(new Uint32Array(Math.max(example?.length ?? 0, 6)));
  if (example) {
    return [...example].map((c, i) => {
      const alphabet = alphabets.find((a) => a.includes(c));
      return alphabet ? alphabet[random[i] % alphabet.length] : c;
    }).join('');
  }
  return `dash_${[...random.slice(0, 6)].map((n) => (n % 256).toString(16).padStart(2, '0')).join('')}`;
}

const tokenPath = (vendor, token) => `vendors/${encodeURIComponent(vendor)}/tokens/${encodeURIComponent(token)}`;

async function bind(event) {
  event.preventDefault();
  const vendor = $('bind-vendor').value;
  const token = $('bind-token').value.trim();
  const scenario = $('bind-scenario').value;
  try {
    await api('PUT', `${tokenPath(vendor, token)}/scenario`, { scenario });
    state.bound = [{ vendor, token, scenario }, ...state.bound.filter((b) => !(b.vendor === vendor && b.token === token))].slice(0, 20);
    saveBound();
    say(`Token ${token} now gets ${vendor}'s ${scenario}.`);
    await showAccount(vendor, token);
  } catch (error) { report(error); }
}

async function unbind() {
  const vendor = $('bind-vendor').value;
  const token = $('bind-token').value.trim();
  if (!token) return;
  try {
    await api('DELETE', `${tokenPath(vendor, token)}/scenario`);
    state.bound = state.bound.filter((b) => !(b.vendor === vendor && b.token === token));
    saveBound();
    say(`Token ${token} follows ${vendor}'s current scenario again.`);
    await showAccount(vendor, token);
  } catch (error) { report(error); }
}

function saveBound() {
  sessionStorage.setItem(BOUND_STORAGE, JSON.stringify(state.bound));
  $('bound-list').replaceChildren(...state.bound.map((b) => el('li', {},
    el('button', { type: 'button', className: 'quiet', onclick: () => pick(b) }, `${b.vendor} · ${b.token} → ${b.scenario}`))));
}

async function pick(binding) {
  $('bind-vendor').value = binding.vendor;
  fillScenarioSelect();
  $('bind-scenario').value = binding.scenario;
  $('bind-token').value = binding.token;
  await showAccount(binding.vendor, binding.token);
}

function curlLine(vendor, token) {
  const [method, path] = vendor.accountEndpoint.split(' ');
  const url = new URL(path, location.origin).href;
  const credential = vendor.credentials[0];
  if (credential?.in === 'query') {
    const withKey = new URL(url);
    withKey.searchParams.set(credential.header, token);
    return `curl -sS${method === 'GET' ? '' : ` -X ${method}`} '${withKey.href}'`;
  }
  const value = credential?.scheme ? `${credential.scheme} ${token}` : token;
  const header = credential ? ` -H '${credential.header}: ${value}'` : '';
  return `curl -sS${method === 'GET' ? '' : ` -X ${method}`} ${url}${header}`;
}

async function showAccount(vendorName, token) {
  $('token-error').textContent = '';
  const vendor = state.vendors.find((v) => v.name === vendorName);
  if (!vendor || !token) return;
  try {
    const account = await api('GET', `${tokenPath(vendorName, token)}/account`);
    // A fault that sends no status (connection-reset) is what the token gets, not the status the body was made for.
    const scenario = vendor.scenarios.find((s) => s.name === account.scenario);
    const answer = scenario && !scenario.sequence ? scenario.answers[0] : String(account.status);
    $('token-result').hidden = false;
    $('token-summary').replaceChildren(el('code', { text: token }), ` gets ${vendorName}'s `, el('strong', { text: account.scenario }),
      ' → ', el('span', { className: statusClass(answer), text: answer }));
    $('curl-line').value = curlLine(vendor, token);
    $('account-body').value = account.body === null ? '' : JSON.stringify(account.body, null, 2);
    $('account-body').scrollTop = 0;
    $('account-body').dataset.vendor = vendorName;
    $('account-body').dataset.token = token;
  } catch (error) {
    if (!(error instanceof AdminKeyNeeded)) $('token-error').textContent = error.message;
  }
}

/** Sends only the fields that differ from what the token gets now: the server checks them against the contract. */
function changedFields(before, after) {
  if (typeof before !== 'object' || before === null || typeof after !== 'object' || after === null || Array.isArray(after)) return after;
  const patch = {};
  for (const [name, value] of Object.entries(after)) {
    if (JSON.stringify(value) === JSON.stringify(before[name])) continue;
    patch[name] = typeof value === 'object' && value !== null && !Array.isArray(value) && typeof before[name] === 'object' && !Array.isArray(before[name])
      ? changedFields(before[name], value)
      : value;
  }
  return patch;
}

async function applyEdit() {
  const box = $('account-body');
  const { vendor, token } = box.dataset;
  $('token-error').textContent = '';
  let edited;
  try {
    edited = JSON.parse(box.value);
  } catch (error) {
    $('token-error').textContent = `Not valid JSON: ${error.message}`;
    return;
  }
  try {
    const current = await api('GET', `${tokenPath(vendor, token)}/account`);
    const patch = changedFields(current.body, edited);
    if (Object.keys(patch).length === 0) {
      say('Nothing changed.');
      return;
    }
    await api('PATCH', `${tokenPath(vendor, token)}/account`, patch);
    say(`Account of ${token} edited.`);
    await showAccount(vendor, token);
  } catch (error) {
    if (error instanceof AdminKeyNeeded) return;
    const violations = error.problem?.violations;
    $('token-error').textContent = Array.isArray(violations)
      ? `${error.message} ${violations.map((v) => `${v.pointer || '/'}: ${v.message}`).join('; ')}`
      : error.message;
  }
}

async function clearEdit() {
  const { vendor, token } = $('account-body').dataset;
  try {
    await api('DELETE', `${tokenPath(vendor, token)}/account`);
    say(`Edits of ${token} dropped.`);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) report(error);
  }
  await showAccount(vendor, token);
}

async function copyCurl() {
  const line = $('curl-line');
  try {
    await navigator.clipboard.writeText(line.value);
    say('curl line copied.');
  } catch {
    line.select();
    say('Press Ctrl+C to copy the selected curl line.');
  }
}

// ---- journal ----

function matchesFilter(entry) {
  const vendor = $('filter-vendor').value;
  const status = $('filter-status').value.trim().toLowerCase();
  const token = $('filter-token').value.trim();
  if (vendor && entry.mockAccounts.vendor !== vendor) return false;
  if (status) {
    const code = String(entry.response.status);
    const pattern = status.replace(/x/g, '.');
    if (!new RegExp(`^${pattern.replace(/[^0-9.]/g, '')}$`).test(code)) return false;
  }
  if (token) {
    const shown = entry.mockAccounts.token ?? '';
    // A redacted token shows only its last four characters: match on those.
    const masked = shown.startsWith('****');
    if (masked ? !(token.endsWith(shown.slice(4)) && shown.length > 4) : !shown.includes(token)) return false;
  }
  return true;
}

function renderJournal() {
  const rows = state.journal.filter(matchesFilter);
  $('journal-rows').replaceChildren(...rows.map((e) => {
    const fresh = !state.seen.has(e.id);
    return el('tr', { className: fresh ? 'fresh' : null, dataset: { id: e.id } },
      el('td', { className: 'mono', text: e.request.loggedDateString.slice(11, 23) }),
      el('td', { text: e.mockAccounts.vendor ?? '–' }),
      el('td', {}, el('code', { text: `${e.request.method} ${e.request.url}` })),
      el('td', {}, el('span', { className: statusClass(e.response.status), text: e.response.status === 0 ? (e.mockAccounts.fault ?? '–') : String(e.response.status) })),
      el('td', { text: e.mockAccounts.scenario ?? '–' }),
      el('td', { className: 'mono', text: e.mockAccounts.token ?? '–' }),
      el('td', { className: 'body', title: e.response.body, text: e.response.body }));
  }));
  for (const e of state.journal) state.seen.add(e.id);
  $('journal-count').textContent = `${rows.length} shown of ${state.journal.length} kept`;
}

async function pollJournal(force = false) {
  try {
    const { requests } = await api('GET', 'requests?limit=200');
    const top = requests.length ? `${requests[0].id}:${requests.length}` : 'empty';
    if (!force && top === state.journalTop) return;
    state.journalTop = top;
    state.journal = requests;
    renderJournal();
  } catch (error) { if (!(error instanceof AdminKeyNeeded)) say(`Journal: ${error.message}`, true); }
}

async function clearJournal() {
  try {
    await api('DELETE', 'requests');
    say('Journal cleared.');
    await pollJournal(true);
  } catch (error) { report(error); }
}

// ---- health ----

async function pollHealth() {
  const chip = $('health-chip');
  try {
    const health = await api('GET', 'health');
    chip.textContent = `${health.status} · ${health.contracts.vendors} vendors · v${health.version.split('+')[0]}`;
    chip.className = `chip ${health.status}`;
    const facts = [
      ['Contracts', `${health.contracts.vendors} vendors, loaded ${new Date(health.contracts.loadedAt).toLocaleTimeString()}, ${health.contracts.reloads} reload(s)`],
      ['Journal', `${health.journal.size} of ${health.journal.capacity}${health.journal.dropped ? `, ${health.journal.dropped} dropped` : ''}`],
      ['Tokens', `${health.tokens.entries} entries of ${health.tokens.capacity}${health.tokens.evicted ? `, ${health.tokens.evicted} evicted` : ''}`],
      ['Uptime', `${health.uptimeInSeconds} s`],
    ];
    if (health.contracts.routeConflicts?.length) facts.push(['Route conflicts', health.contracts.routeConflicts.join('; ')]);
    $('health-list').replaceChildren(...facts.flatMap(([name, value]) => [el('dt', { text: name }), el('dd', { text: value })]));
    const errors = health.contracts.reloadErrors ?? [];
    $('reload-error').hidden = errors.length === 0;
    $('reload-error-rows').replaceChildren(...errors.map((e) => el('tr', {},
      el('td', { className: 'mono', text: e.file }), el('td', { className: 'mono', text: e.pointer || '/' }), el('td', { text: e.message }))));
  } catch (error) {
    if (error instanceof AdminKeyNeeded) return;
    chip.textContent = 'unreachable';
    chip.className = 'chip down';
  }
}

// ---- start ----

function stopPolling() {
  for (const timer of state.timers) clearInterval(timer);
  state.timers = [];
}

async function start() {
  stopPolling();
  $('forget-key').hidden = !state.key;
  try {
    await loadVendors();
  } catch (error) {
    report(error);
    return;
  }
  saveBound();
  await Promise.all([pollJournal(true), pollHealth()]);
  // Shown once there is something to show: the first paint is not a page of empty cards.
  $('content').removeAttribute('aria-busy');
  if (state.locked) return;
  state.timers.push(setInterval(pollJournal, JOURNAL_POLL_MS));
  state.timers.push(setInterval(pollHealth, HEALTH_POLL_MS));
}

document.addEventListener('DOMContentLoaded', () => {
  $('key-form').addEventListener('submit', unlock);
  $('forget-key').addEventListener('click', forgetKey);
  $('reset-all').addEventListener('click', resetAll);
  $('vendor-tabs').addEventListener('keydown', onTabKey);
  $('bind-form').addEventListener('submit', bind);
  $('bind-vendor').addEventListener('change', bindVendorChanged);
  $('new-token').addEventListener('click', () => { $('bind-token').value = randomToken($('bind-vendor').value); });
  $('show-account').addEventListener('click', () => showAccount($('bind-vendor').value, $('bind-token').value.trim()));
  $('unbind-token').addEventListener('click', unbind);
  $('apply-edit').addEventListener('click', applyEdit);
  $('clear-edit').addEventListener('click', clearEdit);
  $('copy-curl').addEventListener('click', copyCurl);
  $('clear-journal').addEventListener('click', clearJournal);
  for (const id of ['filter-vendor', 'filter-status', 'filter-token']) $(id).addEventListener('input', renderJournal);
  $('journal-filter').addEventListener('submit', (e) => e.preventDefault());
  $('bind-token').value = randomToken();
  start();
});
