'use strict';
// The XSS run (issue 8, "Hostile users"): every payload of xss_payloads.js
// through every reader and editor input, each resulting page rendered in
// Chromium with JavaScript ON.
//
//   BASE_URL=… MIDAD_BIN=… MIDAD_DB=… node tests/e2e/xss.test.js
//
// Started by tests/e2e/run.sh after site.test.js, against the same server
// (started with comment_min_seconds 0, comment_rate_per_minute 0 and
// comment_max_links 100, so a script may post hundreds of comments).
//
// Inputs: the comment form (name, website, comment); the search box; the
// article editor (title, subtitle, lead, Markdown body, new section, tags,
// author, source name and URL, canonical URL; saved and previewed); comment
// edit and staff reply in the moderation queue; the settings (site name and
// description); user display names (users form, and a staff reply under a
// hostile name). Content is posted over HTTP from node; pages are then
// visited in two browser contexts:
//  - CSP on: any `securitypolicyviolation` is a failure (the payload got in
//    as markup; escaping must stop it before the CSP does);
//  - CSP bypassed: a payload that got in would run, so window.__pwned (a
//    trap every payload calls) must stay unset and no dialog may open.
// Each page is also scanned: no on* attribute, no javascript:/data:text
// URL, no injected element (script other than ours, iframe, object, embed,
// base, svg, math, style, template, meta refresh, unknown elements…), the
// JSON-LD parses; and each payload posted to a plain-text field appears as
// text. The main pages (home, the commented article, users, search) are
// navigated to; the many others (each article and its editor page, queue
// pages, settings, 404s, every form the server answered with) are fetched
// from node and rendered from the bytes the server sent, under its CSP,
// 20 documents to a page (see flush()). A planted payload checks the
// detectors first.
//
// The last line is "N passed, N failed".

const assert = require('assert/strict');
const { execFileSync } = require('child_process');
const { chromium } = require('playwright-core');
const { payloads } = require('./xss_payloads');

const BASE_URL = (process.env.BASE_URL || '').replace(/\/+$/, '');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const MIDAD = process.env.MIDAD_BIN;
const DB = process.env.MIDAD_DB;
const P = payloads();
const PASSWORD = 'xss: a long staff password 2026';

let browser;
const problems = [];
const stats = { pages: 0, captured: 0, refused: {}, accepted: {} };
let passed = 0;
let failed = 0;

function midad(...args) {
  return execFileSync(MIDAD, [...args, '--db', DB], { encoding: 'utf8', timeout: 30_000 });
}

// --- HTTP from node ----------------------------------------------------------

async function http(method, path, { form, cookie } = {}) {
  const headers = { Origin: BASE_URL, Referer: BASE_URL + '/' };
  if (cookie) headers.Cookie = cookie;
  let body;
  if (form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(form).toString();
  }
  const res = await fetch(BASE_URL + path, { method, headers, body, redirect: 'manual' });
  return { status: res.status, headers: Object.fromEntries(res.headers), text: await res.text() };
}

const field = (html, name) => (html.match(new RegExp(`name="${name}" value="([^"]*)"`)) || [])[1];

async function signIn(login) {
  const page = await http('GET', '/admin/login');
  const res = await http('POST', '/admin/login',
    { form: { token: field(page.text, 'token'), login, password: PASSWORD } });
  assert.equal(res.status, 303, `sign in as ${login}`);
  const cookie = res.headers['set-cookie'].split(';')[0];
  const csrf = field((await http('GET', '/admin', { cookie })).text, 'csrf');
  assert.ok(csrf, 'a CSRF token');
  return { cookie, csrf };
}

async function staffPost(s, path, form) {
  return http('POST', path, { cookie: s.cookie, form: { csrf: s.csrf, ...form } });
}

function count(kind, ok) {
  const m = ok ? stats.accepted : stats.refused;
  m[kind] = (m[kind] || 0) + 1;
}

// Payloads packed into values of at most `max` bytes, `prefix` first;
// every payload goes into some value; each value holds at least one.
function pack(max, prefix = '', sep = ' ', list = P) {
  const out = [];
  let cur = null;
  for (const p of list) {
    const add = (cur ? sep : prefix) + p.text;
    if (cur && Buffer.byteLength(cur.value + add) <= max) {
      cur.value += add;
      cur.texts.push(p.text);
    } else {
      cur = { value: prefix + p.text, texts: [p.text] };
      out.push(cur);
    }
  }
  return out;
}

// The first n characters (code points) of s.
const cut = (s, n) => Array.from(s).slice(0, n).join('');

// --- the browser ---------------------------------------------------------------

const TRAP = `
  window.__pwnedBy = [];
  window.__pwned = function (n) { window.__pwnedBy.push(String(n)); };
  window.__csp = [];
  window.addEventListener('securitypolicyviolation', (e) =>
    window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
`;

// A page rendered from node's copy goes into about:blank with the server's
// CSP as a <meta> (a nonce lets the trap in: nothing else may run).
const NONCE = 'xss' + Date.now();

function withPolicy(res) {
  const csp = (res.headers['content-security-policy'] || '').replace("script-src 'self'",
    `script-src 'self' 'nonce-${NONCE}'`);
  assert.ok(csp.includes(NONCE), 'the server sends a CSP with script-src');
  const head = `<meta http-equiv="Content-Security-Policy" content="${csp}">` +
    `<script nonce="${NONCE}">${TRAP}</script>`;
  return res.text.replace(/<head>/i, '<head>' + head);
}

async function newContext(bypassCSP) {
  const ctx = await browser.newContext({ javaScriptEnabled: true, bypassCSP, locale: 'ar' });
  ctx.setDefaultTimeout(15_000);
  await ctx.addInitScript(TRAP);
  const page = await ctx.newPage();
  page.on('dialog', (d) => {
    problems.push(`dialog "${d.message()}" on ${page.url()}`);
    d.dismiss().catch(() => {});
  });
  return { ctx, page };
}

// Runs in the page: what is there that our templates never make.
function scanPage({ base, nonce }) {
  const bad = [];
  const urlAttrs = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster',
    'background', 'srcset', 'content'];
  const banned = new Set(['IFRAME', 'FRAME', 'FRAMESET', 'OBJECT', 'EMBED', 'BASE', 'SVG', 'MATH',
    'STYLE', 'TEMPLATE', 'MARQUEE', 'ISINDEX', 'APPLET', 'AUDIO', 'VIDEO', 'SOURCE',
    'NOSCRIPT', 'XSS', 'DETAILS']);
  const all = document.querySelectorAll('*');
  for (const el of all) {
    const tag = el.tagName.toUpperCase();
    if (banned.has(tag)) bad.push(`<${tag.toLowerCase()}> element`);
    if (el instanceof HTMLUnknownElement) bad.push(`unknown element <${el.localName}>`);
    if (tag === 'SCRIPT') {
      const ld = el.type === 'application/ld+json';
      if (ld) { try { JSON.parse(el.textContent); } catch { bad.push('JSON-LD does not parse'); } }
      else if (el.nonce !== nonce && (!el.src || !el.src.startsWith(base + '/static/'))) bad.push(`script ${el.src || el.textContent.slice(0, 60)}`);
    }
    if (tag === 'META' && el.httpEquiv && el.httpEquiv.toLowerCase() === 'refresh') bad.push('meta refresh');
    if (tag === 'LINK' && /import/i.test(el.rel)) bad.push('link rel=import');
    for (const at of el.attributes) {
      const name = at.name.toLowerCase();
      const v = at.value.replace(/[\s\u0000-\u0020]+/g, '').toLowerCase();
      if (name.startsWith('on')) bad.push(`${name}= on <${el.localName}>`);
      if (name === 'style' || name === 'srcdoc' || name === 'formaction') bad.push(`${name}= on <${el.localName}>`);
      if (urlAttrs.includes(name) && /^(javascript|vbscript|data:text|data:image\/svg|data:application)/.test(v) &&
          !(tag === 'META' && name === 'content'))
        bad.push(`${name}="${at.value.slice(0, 60)}" on <${el.localName}>`);
    }
  }
  const values = Array.from(document.querySelectorAll('input, textarea'), (e) => e.value).join('\n');
  return { bad, text: document.documentElement.textContent + '\n' + values };
}

const norm = (s) => s.normalize('NFC')
  .replace(/[\s\u0000-\u001f\u007f\u00ad\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffd]/g, '');

let views; // { csp: {ctx, page}, bypass: {ctx, page} }

async function inspect(page, mode, texts, label) {
  await page.waitForTimeout(20); // focus and media error events
  stats.pages++;
  const frames = page.frames();
  if (frames.length > 1) problems.push(`${label}: ${frames.length - 1} frame(s) (${mode})`);
  const { bad, text } = await page.evaluate(scanPage, { base: BASE_URL, nonce: NONCE });
  const trap = await page.evaluate(() => ({ pwned: window.__pwnedBy || [], csp: window.__csp || [] }));
  for (const b of new Set(bad)) problems.push(`${label}: ${b} (${mode})`);
  if (trap.pwned.length) problems.push(`${label}: payload ${trap.pwned.join(',')} RAN (${mode})`);
  for (const c of trap.csp) problems.push(`${label}: CSP blocked ${c}`);
  if (mode === 'csp') {
    const have = norm(text);
    for (const t of texts)
      if (!have.includes(norm(t))) problems.push(`${label}: not shown as text: ${JSON.stringify(t).slice(0, 90)}`);
  }
}

// Visit `path` in both contexts; `texts` must show as text there.
async function visit(path, texts = [], label = path, status = null) {
  for (const mode of ['csp', 'bypass']) {
    const { page } = views[mode];
    const res = await page.goto(BASE_URL + path, { waitUntil: 'load' });
    if (status !== null && res.status() !== status) problems.push(`${label}: status ${res.status()}`);
    await inspect(page, mode, texts, label);
  }
}

// Pages the server answered with (a POST's answer, or a GET fetched from
// node) are rendered BATCH at a time: their documents one after another in
// one page, which the HTML parser reads each in the context it was written
// for (a second <html>, <head> or <body> tag only merges; <title> and
// <textarea> stay RCDATA). A navigation per page costs ten times as much.
const BATCH = 20;
const queue = [];

async function flush() {
  if (!queue.length) return;
  const batch = queue.splice(0);
  stats.captured += batch.length;
  const res = { headers: batch[0].res.headers, text: batch.map((b) => b.res.text).join('\n') };
  const html = withPolicy(res);
  const label = batch.length > 1 ? `${batch[0].label} … ${batch[batch.length - 1].label}` : batch[0].label;
  for (const mode of ['csp', 'bypass']) {
    const { page } = views[mode];
    // about:blank: a document of our own has the server's CSP header, which
    // document.write keeps (and which would block the trap)
    if (page.url() !== 'about:blank') await page.goto('about:blank');
    await page.setContent(html, { waitUntil: 'load' });
    await inspect(page, mode, batch.flatMap((b) => b.texts), label);
  }
}

async function visitCaptured(res, texts, label) {
  if (!res.headers['content-security-policy']) problems.push(`${label}: no CSP header`);
  queue.push({ res, texts, label });
  if (queue.length >= BATCH) await flush();
}

// A GET from node, rendered in a batch.
async function visitFetched(path, texts, label, status, cookie) {
  const res = await http('GET', path, { cookie });
  if (status !== undefined && res.status !== status) problems.push(`${label}: status ${res.status}`);
  await visitCaptured(res, texts, label);
}

// --- the flows -------------------------------------------------------------------

const URLISH = /^(https?:|\/\/)/i;

// The article editor: every payload in every field, packed; the
// source and canonical URLs get one payload each per save (most are
// refused: that page is rendered too), and the rest are previewed.
async function editorInputs(s) {
  // a NUL refuses a whole form (tested one field at a time elsewhere):
  // here it would keep every other payload of the save out
  const clean = P.map((p) => ({ ...p, text: p.text.replace(/\0/g, '') }));
  const titles = pack(300, 'زبرجد ', ' ', clean);
  const n = titles.length;
  const wrap = (list) => (k) => list[k % list.length];
  const sub = wrap(pack(4000, '', ' ', clean)); const lead = wrap(pack(4000, '', ' ', clean));
  const author = wrap(pack(300, '', ' ', clean)); const source = wrap(pack(300, '', ' ', clean));
  const section = wrap(pack(300, 'قسم ', ' ', clean));
  const tags = wrap(pack(700, 'وسم ', '، وسم ', clean.map((p) => ({ text: p.text.replace(/[,،]/g, ' ') }))));
  const bodyOf = (k) => clean.slice((k * 24) % P.length, (k * 24) % P.length + 24).map((p) =>
    `${p.text}\n\n~~~~~~~~\n${p.text}\n~~~~~~~~\n\n[رابط ${p.n}](${p.text})\n`).join('\n');
  // URL-like payloads first, so the saves (not only previews) take them
  const urlish = (p) => /^[^<>"' ]{0,40}:/.test(p.text) || URLISH.test(p.text);
  const byUrl = [...P.filter(urlish), ...P.filter((p) => !urlish(p))];
  const ids = [];
  for (let k = 0; k < n; k++) {
    const url = byUrl[(2 * k) % P.length].text;
    const form = { title: titles[k].value, subtitle: sub(k).value, lead: lead(k).value, body: bodyOf(k),
      section: '', section_new: section(k).value, tags: tags(k).value, author: author(k).value,
      source_name: source(k).value, source_url: url, canonical_url: byUrl[(2 * k + 1) % P.length].text,
      comments_open: '1', action: 'publish' };
    let res = await staffPost(s, '/admin/articles/new', form);
    if (res.status !== 303) {
      count('editor url', false);
      await visitCaptured(res, res.text.includes('id="e-title"') ? titles[k].texts : [], `editor 400 (article ${k})`);
      res = await staffPost(s, '/admin/articles/new', { ...form, source_url: '', canonical_url: '' });
    } else count('editor url', true);
    assert.equal(res.status, 303, `article ${k} saved: ${(res.text.match(/id="e-[a-z-]+-err"[^<]*/g) || []).join(' ')}`);
    const id = res.headers.location.match(/\/admin\/articles\/(\d+)/)[1];
    ids.push({ id, k, texts: [...titles[k].texts, ...sub(k).texts, ...lead(k).texts,
      ...author(k).texts, ...source(k).texts] });
  }
  // the URL fields for the payloads the saves above did not reach: previews
  for (let k = 2 * n; k < P.length; k += 2) {
    const res = await staffPost(s, '/admin/articles/new', { title: 'معاينة', body: byUrl[k].text,
      source_url: byUrl[k].text, canonical_url: (byUrl[k + 1] || P[0]).text, action: 'preview' });
    count('editor preview', res.status === 200);
    await visitCaptured(res, [], `editor preview ${k}`);
  }
  return ids;
}

async function articlePages(s, ids) {
  const { articles } = JSON.parse((await http('GET', '/api/v1/articles?page=1')).text);
  assert.ok(articles.length > 0);
  for (const { id, k, texts } of ids) {
    const res = await http('GET', `/api/v1/articles/${id}`);
    assert.equal(res.status, 200, `api article ${id}`);
    const a = JSON.parse(res.text);
    const path = new URL(a.url || a.article.url, BASE_URL).pathname;
    await visitFetched(path, texts, `article ${k}`, 200);
    await visitFetched(`/admin/articles/${id}`, texts, `editor page ${k}`, 200, s.cookie);
  }
  await visit('/', [], 'home', 200);
  await visit('/admin/articles', [], 'article list', 200);
  await visit(`/search?q=${encodeURIComponent('زبرجد')}`, [], 'search results for the payload articles', 200);
  await visit(`/search?q=${encodeURIComponent('زبرجد')}&page=2`, [], 'search results, page 2', 200);
}

// The comment form: name and comment, then the website; approve them all.
async function commentInputs(articleUrl) {
  const page = (await http('GET', articleUrl)).text;
  const action = page.match(/id="comment-form"[^>]*action="([^"]+)"/)[1].replace(/&amp;/g, '&');
  const token = field(page, 'token');
  const post = (f) => http('POST', action, { form: { token, email: '', website: '', url_confirm: '', ...f } });
  const shown = [];
  for (const p of P) {
    const name = cut(p.text, 80);
    const res = await post({ name, email: `r${p.n}@example.com`, comment: p.text });
    count('comment', res.status === 303);
    if (res.status === 303) shown.push(name, p.text);
    else await visitCaptured(res, [], `comment ${p.n} refused (${res.status})`);
  }
  for (const p of P) {
    const res = await post({ name: 'زائر', email: `w${p.n}@example.com`, website: p.text, comment: `موقع ${p.n}` });
    count('comment website', res.status === 303);
    if (res.status !== 303) await visitCaptured(res, res.text.includes('id="c-website"') ? [p.text] : [], `comment website ${p.n} (${res.status})`);
  }
  return shown;
}

function pendingIds(articleId) {
  return midad('comments', 'list', '--status', 'pending', '--article', String(articleId), '--limit', '100000')
    .split('\n').filter(Boolean).map((l) => l.split('\t')[0]).filter((x) => /^\d+$/.test(x));
}

async function queuePages(status, label) {
  for (let pg = 1; pg <= 40; pg++) {
    const res = await http('GET', `/admin/comments?status=${status}&page=${pg}`, { cookie: views.staff.cookie });
    if (res.status !== 200) break;
    await visitCaptured(res, [], `${label} page ${pg}`);
    if (!res.text.includes(`page=${pg + 1}`)) break;
  }
}

// Staff edit (name, text) and reply, each a payload, under a hostile name.
async function moderationInputs(s, ids) {
  let k = 0;
  const texts = [];
  for (const id of ids.slice(0, P.length)) {
    const p = P[k++ % P.length];
    const q = P[(k + 7) % P.length];
    const name = cut(q.text, 80);
    const edit = await staffPost(s, `/admin/comments/${id}/edit`, { name, body: p.text });
    count('comment edit', edit.status === 303);
    if (edit.status === 303) texts.push(name, p.text);
    else await visitCaptured(edit, [], `comment edit ${id} (${edit.status})`);
    const reply = await staffPost(s, `/admin/comments/${id}/reply`, { reply: q.text });
    count('staff reply', reply.status === 303);
    if (reply.status === 303) texts.push(q.text);
    else await visitCaptured(reply, [], `staff reply ${id} (${reply.status})`);
    if (edit.status === 303) await visitFetched(`/admin/comments/${id}`, [name, p.text], `comment edit page ${id}`, 200, s.cookie);
  }
  return texts;
}

async function searchInputs() {
  for (let k = 0; k < P.length; k += 4) {
    const q = P.slice(k, k + 4).map((p) => p.text).join(' ');
    const res = await http('GET', '/search?q=' + encodeURIComponent(q));
    await visitCaptured(res, res.status === 200 ? [q] : [], `search ${k} (${res.status})`);
  }
}

async function settingsInputs(s) {
  const names = pack(100);
  const descs = pack(300);
  const n = Math.max(names.length, descs.length);
  const before = await http('GET', '/admin/settings', { cookie: s.cookie });
  const keep = {};
  for (const f of ['site_name', 'site_description', 'locale', 'digits', 'per_page', 'comment_moderation', 'comment_close_days']) {
    const m = before.text.match(new RegExp(`name="${f}"[^>]*value="([^"]*)"`)) ||
      before.text.match(new RegExp(`name="${f}"[\\s\\S]*?<option value="([^"]*)" selected`));
    keep[f] = m ? m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&') : '';
  }
  for (let k = 0; k < n; k++) {
    const name = names[k % names.length]; const desc = descs[k % descs.length];
    const res = await staffPost(s, '/admin/settings', { ...keep, site_name: name.value, site_description: desc.value });
    count('settings', res.status === 303);
    if (res.status !== 303) { await visitCaptured(res, [], `settings ${k} (${res.status})`); continue; }
    await visitFetched('/admin/settings', [...name.texts, ...desc.texts], `settings page ${k}`, 200, s.cookie);
    await visitFetched('/nowhere-' + k, name.texts, `404 page under site name ${k}`, 404);
  }
  await visit('/', [], 'home under a hostile site name', 200);
  const res = await staffPost(s, '/admin/settings', keep);
  assert.equal(res.status, 303, 'settings restored');
}

async function userInputs(s) {
  const names = pack(80, '', ' ');
  // every name through the form, answered 400 for the too-short password
  // (the form comes back with the name kept); 12 of them made for real
  for (const [k, nm] of names.entries()) {
    const res = await staffPost(s, '/admin/users', { login: `xss_t${k}`, name: nm.value, role: 'author', password: 'short' });
    count('users form, short password refused as it must be', res.status === 400);
    await visitCaptured(res, res.text.includes('id="a-name"') ? nm.texts : [], `users form ${k} (${res.status})`);
  }
  const made = [];
  for (const [k, nm] of names.slice(0, 12).entries()) {
    const res = await staffPost(s, '/admin/users', { login: `xss_u${k}`, name: nm.value,
      role: k === 0 ? 'editor' : 'author', password: PASSWORD });
    count('user', res.status === 303);
    if (res.status === 303) made.push(...nm.texts);
  }
  await visit('/admin/users', made, 'users page', 200);
  return names[0].texts;
}

// --- running -----------------------------------------------------------------

const ctxState = {};

// The detectors detect: an unescaped payload in a page from this server is
// reported by the CSP listener (CSP on), the trap (CSP off) and the scan.
async function tCanary() {
  const real = await http('GET', '/robots.txt');
  const res = { headers: real.headers, text: '<!doctype html><html><head></head><body>' +
    '<img src=x onerror=__pwned(0)><script>__pwned(-1)</script></body></html>' };
  const before = problems.length;
  await visitCaptured(res, ['not there'], 'canary');
  await flush();
  const got = problems.splice(before).join('\n');
  for (const want of [/CSP blocked/, /payload (0,-1|-1,0) RAN \(bypass\)/, /onerror= on <img> \(csp\)/, /script /, /not shown as text/])
    assert.match(got, want, `the canary is caught: ${got}`);
  const page = await http('GET', '/');
  await visitCaptured({ headers: page.headers, text: page.text }, [], 'canary: a clean page');
  await flush();
  assert.equal(problems.length, before, problems.slice(before).join('\n'));
}

async function tUsers() {
  ctxState.admin = await signIn('xss_admin');
  views.staff = ctxState.admin;
  await loginContexts(ctxState.admin);
  const first = await userInputs(ctxState.admin);
  ctxState.replier = await signIn('xss_u0');
  ctxState.replierName = first;
}

async function tComments() {
  const { articles } = JSON.parse((await http('GET', '/api/v1/articles')).text);
  const a = articles[5] || articles[0];
  ctxState.article = a;
  const path = new URL(a.url, BASE_URL).pathname;
  ctxState.articlePath = path;
  const shown = await commentInputs(path);
  await queuePages('pending', 'moderation queue (pending)');
  const ids = pendingIds(a.id);
  ctxState.commentIds = ids;
  for (let round = 0, left = ids; left.length && round < 20; round++, left = pendingIds(a.id)) {
    const res = await http('POST', '/admin/comments', { cookie: ctxState.admin.cookie, form: [['csrf', ctxState.admin.csrf],
      ['status', 'pending'], ['action', 'approve'], ...left.slice(0, 60).map((i) => ['id', i])] });
    assert.equal(res.status, 303, `bulk approve: ${res.status}`);
  }
  assert.equal(pendingIds(a.id).length, 0, 'all approved');
  await visit(path, shown, 'article with the reader comments', 200);
}

async function tModeration() {
  const texts = await moderationInputs(ctxState.replier, ctxState.commentIds);
  await visit(ctxState.articlePath, [...texts, ...ctxState.replierName], 'article after staff edits and replies', 200);
  await queuePages('approved', 'moderation queue (approved)');
}

async function tEditor() {
  const ids = await editorInputs(ctxState.admin);
  await articlePages(ctxState.admin, ids);
}

async function tSearch() { await searchInputs(); }

async function tSettings() { await settingsInputs(ctxState.admin); }

// Both browser contexts carry the admin's session cookie.
async function loginContexts(s) {
  const [name, value] = s.cookie.split('=');
  for (const mode of ['csp', 'bypass'])
    await views[mode].ctx.addCookies([{ name, value, url: BASE_URL }]);
}

const TESTS = [
  ['the detectors catch a planted payload', tCanary],
  ['user display names (users form)', tUsers],
  ['comment form: name, website, comment; queue; approved on the article', tComments],
  ['moderation: staff edit and reply under a hostile display name', tModeration],
  ['article editor: every field, saved and previewed; article and editor pages', tEditor],
  ['search box', tSearch],
  ['settings: site name and description', tSettings],
];

async function main() {
  const guard = setTimeout(() => { console.log('xss: whole run timed out'); console.log(`${passed} passed, ${failed + 1} failed`); process.exit(1); }, Number(process.env.XSS_TIMEOUT_MS || 280_000));
  assert.ok(/^http:\/\/127\.0\.0\.1:\d+$/.test(BASE_URL), 'BASE_URL is http://127.0.0.1:PORT');
  assert.ok(MIDAD && DB, 'MIDAD_BIN and MIDAD_DB');
  assert.ok(P.length >= 500, `at least 500 payloads, got ${P.length}`);
  try {
    execFileSync(MIDAD, ['user', 'add', 'xss_admin', '--role', 'admin', '--name', 'مدير الاختبار', '--db', DB],
      { encoding: 'utf8', timeout: 30_000, input: PASSWORD + '\n' });
  } catch (e) { assert.match(String(e.stderr), /taken/); }
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'] });
  views = { csp: await newContext(false), bypass: await newContext(true) };
  console.log(`xss: ${P.length} payloads; ${browser.version()} against ${BASE_URL}`);
  for (const [name, fn] of TESTS) {
    const t0 = Date.now();
    const before = problems.length;
    try {
      await fn();
      await flush();
      if (problems.length > before) throw new Error(`${problems.length - before} problem(s):\n` +
        problems.slice(before, before + 15).join('\n'));
      passed++;
      console.log(`ok   ${name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failed++;
      console.log(`FAIL ${name} (${Date.now() - t0} ms)`);
      console.log('  ' + String(err.stack || err).split('\n').slice(0, 18).join('\n  '));
    }
  }
  console.log(`xss: ${stats.pages} page views, ${stats.captured} form answers rendered; ` +
    `accepted ${JSON.stringify(stats.accepted)}, refused ${JSON.stringify(stats.refused)}`);
  await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10_000))]);
  clearTimeout(guard);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.log('xss: ' + (err.stack || err));
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
