'use strict';
// Browser tests for the public site: playwright-core driving Debian's chromium
// (never a downloaded browser), plus axe-core accessibility checks.
//
//   BASE_URL=http://127.0.0.1:PORT SHOT_DIR=build/test/screenshots node tests/e2e/site.test.js
//
// Normally started by tests/e2e/run.sh, which creates a demo database and a
// server. The reading tests run with JavaScript DISABLED: the site must work
// without it. Only BASE_URL (which must be on 127.0.0.1) is ever contacted:
// every other request is aborted by a route and recorded, and the browser's
// resolver maps every other host name to nothing.
//
// The last line printed is "N passed, N failed"; the exit code is non-zero
// when any test failed.

const fs = require('fs');
const path = require('path');
const assert = require('assert/strict');
const { chromium } = require('playwright-core');
const { default: AxeBuilder } = require('@axe-core/playwright');

const BASE_URL = (process.env.BASE_URL || '').replace(/\/+$/, '');
const SHOT_DIR = path.resolve(process.env.SHOT_DIR || 'build/test/screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TEST_TIMEOUT_MS = 60_000;   // one test case
const TOTAL_TIMEOUT_MS = 240_000; // the whole run
const NAV_TIMEOUT_MS = 15_000;    // one navigation or action

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let passed = 0;
let failed = 0;
let browser = null;
const requested = [];    // every request URL any page made
const blocked = [];      // requests that were not for BASE_URL (aborted)
const shared = {};       // facts one test finds and a later one uses

function summary() {
  console.log(`${passed} passed, ${failed} failed`);
}

// --- helpers --------------------------------------------------------------

async function newContext(opts = {}) {
  const ctx = await browser.newContext({
    javaScriptEnabled: false,
    viewport: PHONE,
    locale: 'ar',
    colorScheme: 'light',
    ...opts,
  });
  ctx.setDefaultTimeout(NAV_TIMEOUT_MS);
  ctx.setDefaultNavigationTimeout(NAV_TIMEOUT_MS);
  ctx.on('request', (req) => requested.push(req.url()));
  await ctx.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(BASE_URL + '/') || url === BASE_URL) return route.continue();
    if (url.startsWith('data:')) return route.continue(); // never leaves the page
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return ctx;
}

async function withContext(opts, fn) {
  const ctx = await newContext(opts);
  try {
    return await fn(ctx);
  } finally {
    await ctx.close().catch(() => {});
  }
}

async function shot(page, name, fullPage = true) {
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  const file = path.join(SHOT_DIR, name + '.png');
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  return file;
}

async function goto(page, urlPath, expectStatus = 200) {
  const res = await page.goto(BASE_URL + urlPath, { waitUntil: 'load' });
  assert.ok(res, `no response for ${urlPath}`);
  assert.equal(res.status(), expectStatus, `GET ${urlPath} status`);
  return res;
}

const text = async (loc) => ((await loc.textContent()) || '').replace(/\s+/g, ' ').trim();

function pathOf(page) {
  return new URL(page.url()).pathname;
}

// relative luminance of a CSS rgb()/rgba() colour, 0 (black) .. 1 (white)
function luminance(css) {
  const m = css.match(/rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)/);
  assert.ok(m, `not an rgb colour: ${css}`);
  const lin = (v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(m[1]) + 0.7152 * lin(m[2]) + 0.0722 * lin(m[3]);
}

async function getJSON(request, urlPath) {
  const res = await request.get(BASE_URL + urlPath, { timeout: NAV_TIMEOUT_MS });
  assert.equal(res.status(), 200, `GET ${urlPath} status`);
  return res.json();
}

// --- test cases -----------------------------------------------------------

async function home() {
  for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    await withContext({ viewport, isMobile: label === 'phone', hasTouch: label === 'phone' }, async (ctx) => {
      const page = await ctx.newPage();
      await goto(page, '/');
      const html = page.locator('html');
      assert.equal(await html.getAttribute('lang'), 'ar', 'html lang');
      assert.equal(await html.getAttribute('dir'), 'rtl', 'html dir');
      const dir = await page.locator('body').evaluate((b) => getComputedStyle(b).direction);
      assert.equal(dir, 'rtl', 'computed direction of body');
      const lead = page.locator('h3.lead-title a');
      assert.equal(await lead.count(), 1, 'one lead story headline');
      assert.ok((await text(lead)).length > 10, 'lead headline has text');
      const blocks = await page.locator('section.section-block').count();
      assert.ok(blocks >= 5, `at least 5 section blocks, got ${blocks}`);
      // nothing wider than the viewport (no sideways scrolling on a phone)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `page is ${overflow}px wider than the ${label} viewport`);
      await shot(page, `home-${label}`);
      await shot(page, `home-${label}-top`, false);
    });
  }
}

async function leadArticle() {
  await withContext({}, async (ctx) => {
    const page = await ctx.newPage();
    await goto(page, '/');
    const link = page.locator('h3.lead-title a');
    const linkText = await text(link);
    await Promise.all([page.waitForURL(/\/article\//), link.click()]);
    const p = pathOf(page);
    assert.match(p, /^\/article\/\d+\/[^/]+$/, `lands on /article/ID/SLUG, got ${p}`);
    shared.articlePath = p;
    assert.equal(await text(page.locator('h1')), linkText, 'h1 equals the link text');

    const time = page.locator('article.story .dates time[datetime]').first();
    const dt = await time.getAttribute('datetime');
    assert.match(dt || '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, `datetime attribute: ${dt}`);
    assert.ok(!Number.isNaN(Date.parse(dt)), `datetime parses: ${dt}`);
    const year = dt.slice(0, 4);
    const shown = await text(time);
    assert.ok(shown.includes(year), `the shown date "${shown}" carries the Gregorian year ${year}`);
    const hijri = await text(page.locator('.hijri'));
    assert.ok(hijri.includes('هـ'), `.hijri contains "هـ": "${hijri}"`);
    assert.match(hijri, /14\d\d|١٤[٠-٩][٠-٩]/, `.hijri carries a Hijri year: "${hijri}"`);

    const byline = await text(page.locator('.byline bdi'));
    assert.ok(byline.length > 0, 'byline names the author');
    const reading = await text(page.locator('.reading-time'));
    assert.ok(reading.length > 0, 'reading time shown');
    const tags = page.locator('ul.tags a[rel="tag"]');
    assert.ok((await tags.count()) >= 1, 'at least one tag link');
    for (const href of await tags.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      assert.match(href, /^\/tag\/./, `tag link href ${href}`);
    }
    await shot(page, 'article-phone');
    await page.setViewportSize(DESKTOP);
    await shot(page, 'article-desktop');
  });
}

async function attribution() {
  await withContext({}, async (ctx) => {
    const page = await ctx.newPage();
    let found = null;
    for (let n = 1; n <= 4 && !found; n++) {
      const list = await getJSON(page.request, `/api/v1/articles?page=${n}`);
      assert.ok(Array.isArray(list.articles), `page ${n} has an articles array`);
      for (const a of list.articles) {
        const one = await getJSON(page.request, `/api/v1/articles/${a.id}`);
        const art = one.article || one;
        if (art.source && art.source.url) { found = art; break; }
      }
    }
    assert.ok(found, 'an article with a "source" on API pages 1..4');
    await goto(page, new URL(found.url, BASE_URL).pathname);
    const attr = page.locator('p.attribution');
    assert.equal(await attr.count(), 1, 'one p.attribution');
    const link = attr.locator('a');
    assert.equal(await link.count(), 1, 'attribution has one link');
    assert.equal(await link.getAttribute('href'), found.source.url, 'attribution href equals source.url');
    assert.equal(await text(link), found.source.name, 'attribution text equals source.name');
    shared.sourcedPath = pathOf(page);
    await shot(page, 'article-attribution');
  });
}

async function sectionAndTag() {
  await withContext({}, async (ctx) => {
    const page = await ctx.newPage();
    await goto(page, '/');
    const nav = page.locator('nav.sections a');
    assert.ok((await nav.count()) >= 2, 'at least two nav links');
    const link = nav.nth(1);
    const name = await text(link);
    await Promise.all([page.waitForURL(/\/section\//), link.click()]);
    assert.match(pathOf(page), /^\/section\/[^/]+$/, 'on a section page');
    shared.sectionPath = pathOf(page);
    assert.equal(await text(page.locator('h1')), name, 'section h1 equals the nav link text');
    const cards = await page.locator('main .card').count();
    assert.ok(cards >= 1, `section lists cards, got ${cards}`);
    await shot(page, 'section-phone');

    // a tag page, reached from an article's tag link
    await goto(page, shared.articlePath || '/article/1');
    const tag = page.locator('ul.tags a[rel="tag"]').first();
    const tagName = await text(tag);
    await Promise.all([page.waitForURL(/\/tag\//), tag.click()]);
    assert.match(pathOf(page), /^\/tag\/[^/]+$/, 'on a tag page');
    assert.equal(await text(page.locator('h1')), tagName, 'tag h1 equals the tag link text');
    const tcards = await page.locator('main .card').count();
    assert.ok(tcards >= 1, `tag page lists cards, got ${tcards}`);
    await shot(page, 'tag-phone');
  });
}

async function darkMode() {
  const bg = async (scheme, urlPath, shotName) =>
    withContext({ colorScheme: scheme }, async (ctx) => {
      const page = await ctx.newPage();
      await goto(page, urlPath);
      const c = await page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
      const fg = await page.locator('body').evaluate((b) => getComputedStyle(b).color);
      if (shotName) {
        await shot(page, shotName, false);
      }
      return { bg: luminance(c), fg: luminance(fg), css: c };
    });
  const dark = await bg('dark', '/', 'home-dark');
  await bg('dark', shared.articlePath || '/article/1', 'article-dark');
  const light = await bg('light', '/', null);
  assert.ok(dark.bg < 0.05, `dark background is dark: ${dark.css} (luminance ${dark.bg.toFixed(3)})`);
  assert.ok(dark.fg > 0.5, `dark mode text is light (luminance ${dark.fg.toFixed(3)})`);
  assert.ok(light.bg > 0.8, `light background is light: ${light.css} (luminance ${light.bg.toFixed(3)})`);
  assert.ok(light.fg < 0.1, `light mode text is dark (luminance ${light.fg.toFixed(3)})`);
}

async function notFound() {
  await withContext({}, async (ctx) => {
    const page = await ctx.newPage();
    await goto(page, '/article/999999', 404);
    const body = await text(page.locator('body'));
    assert.ok(body.includes('الصفحة غير موجودة'), 'Arabic "page not found" text');
    const nav = await page.locator('nav.sections a').count();
    assert.ok(nav >= 2, `404 page still has the nav, got ${nav} links`);
    await shot(page, 'not-found', false);
  });
}

async function axe() {
  const pages = [
    ['home', '/'],
    ['article', shared.sourcedPath || shared.articlePath || '/article/1'],
    ['section', shared.sectionPath || '/section/%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9'],
  ];
  const bad = [];
  for (const scheme of ['light', 'dark']) {
    await withContext({ javaScriptEnabled: true, colorScheme: scheme, viewport: DESKTOP }, async (ctx) => {
      for (const [label, urlPath] of pages) {
        const page = await ctx.newPage();
        await goto(page, urlPath);
        const result = await new AxeBuilder({ page }).analyze();
        const v = result.violations;
        console.log(`  axe ${label} (${scheme}) ${decodeURI(urlPath)}: ${v.length} violation(s), ` +
          `${result.passes.length} rules passed, ${result.incomplete.length} need review ` +
          `(${result.incomplete.map((x) => x.id).join(', ') || 'none'})`);
        for (const x of v) {
          console.log(`    ${x.id} [${x.impact}] ${x.nodes.length} node(s): ${x.help}`);
          for (const n of x.nodes.slice(0, 5)) {
            console.log(`      ${n.target.join(' ')}  ${n.html.slice(0, 160)}`);
            if (n.failureSummary) console.log(`        ${n.failureSummary.replace(/\s*\n\s*/g, ' | ')}`);
          }
          if (x.impact === 'serious' || x.impact === 'critical') bad.push(`${label}/${scheme}: ${x.id} (${x.impact}, ${x.nodes.length})`);
        }
        await page.close();
      }
    });
  }
  assert.deepEqual(bad, [], 'no serious or critical axe violations');
}

async function onlyLocalRequests() {
  // Runs after the page-loading tests: every URL any of them requested.
  const origin = new URL(BASE_URL);
  assert.equal(origin.hostname, '127.0.0.1', 'BASE_URL is on 127.0.0.1');
  assert.ok(requested.length > 10, `requests were recorded (${requested.length})`);
  const prefix = `http://127.0.0.1:${origin.port}/`;
  const foreign = requested.filter((u) => !u.startsWith(prefix) && !u.startsWith('data:'));
  assert.deepEqual([...new Set(foreign)], [], 'every request goes to ' + prefix);
  assert.deepEqual(blocked, [], 'no request had to be blocked');
}

// --- comments ------------------------------------------------------------------

const { execFileSync } = require('child_process');
const MIDAD = process.env.MIDAD_BIN;
const DB = process.env.MIDAD_DB;

function midad(...args) {
  return execFileSync(MIDAD, args, { encoding: 'utf8', timeout: 30_000 });
}

// The id of the newest comment in `status` whose text contains `needle`.
function commentId(status, needle) {
  const line = midad('comments', 'list', '--db', DB, '--status', status)
    .split('\n').find((l) => l.includes(needle));
  assert.ok(line, `no ${status} comment containing "${needle}"`);
  return line.split('\t')[0];
}

async function submitForm(page) {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.click('#comment-form button[type=submit]'),
  ]);
}

// A reader comments (JavaScript off): a missing email comes back with the
// error next to the field and the text kept; then the comment is sent,
// awaits moderation, the operator approves it with the CLI, and it appears.
async function commentFlow() {
  assert.ok(MIDAD && DB, 'MIDAD_BIN and MIDAD_DB are set by run.sh');
  await withContext({}, async (ctx) => {
    const page = await ctx.newPage();
    const { articles } = await getJSON(page.request, '/api/v1/articles');
    const url = articles[1].url;
    await goto(page, url);
    const body = 'تعليق من المتصفح: قرأت الخبر باهتمام، شكرًا للكاتب. ' + Date.now();
    await page.fill('#c-name', 'قارئة المتصفح');
    await page.fill('#c-comment', body);
    await page.waitForTimeout(3300);          // a person takes a few seconds
    await submitForm(page);
    assert.equal(await page.locator('#c-email-err').count(), 1, 'email error shown');
    assert.equal(await page.inputValue('#c-comment'), body, 'the text typed is kept');
    assert.equal(await page.inputValue('#c-name'), 'قارئة المتصفح');
    assert.equal(await page.getAttribute('#c-email', 'aria-invalid'), 'true');
    await shot(page, 'comment-error');
    await page.fill('#c-email', 'browser.reader@example.com');
    await submitForm(page);
    assert.match(page.url(), /\?comment=pending#comments$/);
    assert.match(await text(page.locator('.comments .notice')), /بانتظار المراجعة/);
    assert.equal(await page.locator('.comment-body', { hasText: body }).count(), 0);
    await shot(page, 'comment-pending');
    midad('comments', 'approve', '--db', DB, commentId('pending', body.slice(-13)));
    let shown = 0;
    for (let i = 0; i < 20 && !shown; i++) {
      await page.waitForTimeout(250);
      await goto(page, url);
      shown = await page.locator('.comment-body', { hasText: body }).count();
    }
    assert.equal(shown, 1, 'the approved comment appears');
    assert.equal(await page.locator('body', { hasText: 'browser.reader@example.com' }).count(), 0);
    await page.locator('.comments').scrollIntoViewIfNeeded();
    await shot(page, 'comment-approved');
  });
}

// Hostile text in every field, approved, then shown with JavaScript ON:
// no dialog opens, no script runs, the text shows as typed.
async function commentXss() {
  const payloads = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>',
    '<svg onload=alert(3)>', "'><iframe srcdoc=\"<script>alert(4)</script>\">",
    'javascript:alert(5)', '<a href="javascript:alert(6)">x</a>'];
  let dialogs = 0;
  await withContext({}, async (ctx) => {
    const page = await ctx.newPage();
    const { articles } = await getJSON(page.request, '/api/v1/articles');
    const url = articles[2].url;
    await goto(page, url);
    await page.waitForTimeout(3300);
    for (const [i, p] of payloads.entries()) {
      if (i) await goto(page, url);
      await page.fill('#c-name', p.slice(0, 70));
      await page.fill('#c-email', `xss${i}@example.com`);
      await page.fill('#c-website', '');
      await page.fill('#c-comment', `${p} نص ${i}`);
      await submitForm(page);
      assert.match(page.url(), /comment=pending/, `payload ${i} accepted for moderation`);
    }
    // approving drops the page cache (and so the form's token): approve at the end
    for (const i of payloads.keys()) midad('comments', 'approve', '--db', DB, commentId('pending', `نص ${i}`));
  });
  await withContext({ javaScriptEnabled: true }, async (ctx) => {
    const page = await ctx.newPage();
    page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
    const { articles } = await getJSON(page.request, '/api/v1/articles');
    let seen = 0;
    for (let i = 0; i < 20 && seen < payloads.length; i++) {
      await page.waitForTimeout(250);
      await goto(page, articles[2].url);
      seen = await page.locator('.comment').count();
    }
    assert.equal(seen, payloads.length, 'all hostile comments shown');
    await page.waitForTimeout(500);
    const shownText = await text(page.locator('.comments'));
    assert.ok(shownText.includes('<script>alert(1)</script>'), 'script shown as text');
    assert.equal(await page.locator('.comments script, .comments iframe, .comments svg, .comments img').count(), 0);
    await shot(page, 'comment-xss');
  });
  assert.equal(dialogs, 0, 'no dialog opened');
}

// --- the back office: the article editor ------------------------------------------

const STAFF_PASSWORD = 'e2e: a long staff password 2026';

function addStaff(login, role) {
  try {
    execFileSync(MIDAD, ['user', 'add', login, '--role', role, '--name', login, '--db', DB],
      { encoding: 'utf8', timeout: 30_000, input: STAFF_PASSWORD + '\n' });
  } catch (e) {
    assert.match(String(e.stderr), /taken/, `user add ${login}`);
  }
}

async function signIn(page, login) {
  await goto(page, '/admin/login');
  await page.fill('#l-login', login);
  await page.fill('#l-password', STAFF_PASSWORD);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.click('form[action="/admin/login"] button[type=submit]')]);
  assert.equal(new URL(page.url()).pathname, '/admin', 'signed in');
}

async function editorClick(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.click(`.editor-form button[value="${action}"]`)]);
}

// An editor writes an Arabic story (JavaScript off), previews it, publishes
// it and finds it on the home page; signing out really ends the session.
async function editorWritesAndPublishes() {
  assert.ok(MIDAD && DB, 'MIDAD_BIN and MIDAD_DB are set by run.sh');
  addStaff('e2e_editor', 'editor');
  await withContext({ viewport: DESKTOP }, async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'e2e_editor');
    await goto(page, '/admin/articles/new');
    const title = 'افتتاح مكتبة عامة جديدة في المدينة القديمة ' + Date.now();
    await page.fill('#e-title', title);
    await page.fill('#e-lead', 'تفتح المكتبة أبوابها للقراء صباح الغد بعد ترميم استمر عامين.');
    await page.fill('#e-body', '## ساعات العمل\n\nمن **الثامنة** صباحًا حتى المساء.\n\n- قاعة للأطفال\n- أرشيف الصحف');
    await page.fill('#e-tags', 'مكتبات، ثقافة');
    await editorClick(page, 'preview');
    assert.equal(await page.locator('.preview h2', { hasText: 'ساعات العمل' }).count(), 1, 'preview rendered');
    assert.equal(await page.locator('.preview strong', { hasText: 'الثامنة' }).count(), 1);
    assert.equal(await page.inputValue('#e-title'), title, 'the form keeps the text');
    await shot(page, 'editor-preview');
    await editorClick(page, 'publish');
    assert.match(page.url(), /\/admin\/articles\/\d+\?saved=1$/);
    assert.match(await text(page.locator('.status')), /منشور/);
    await goto(page, '/');
    assert.equal(await page.locator('a', { hasText: title }).count() > 0, true, 'on the home page');
    await page.locator('a', { hasText: title }).first().click();
    assert.equal(await page.locator('h1', { hasText: title }).count(), 1);
    await shot(page, 'editor-published');
    // sign out; the old cookie no longer opens the back office
    const cookie = (await ctx.cookies()).find((c) => c.name.endsWith('midad_session'));
    assert.ok(cookie, 'a session cookie');
    await goto(page, '/admin');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
      page.click('form[action="/admin/logout"] button')]);
    const res = await page.request.get(BASE_URL + '/admin', {
      headers: { Cookie: `${cookie.name}=${cookie.value}` }, maxRedirects: 0 });
    assert.equal(res.status(), 303, 'the old session is gone');
    assert.match(res.headers().location, /^\/admin\/login/);
  });
}

// An author sees no publish button, and a forged publish POST is refused.
async function authorCannotPublish() {
  addStaff('e2e_author', 'author');
  await withContext({}, async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'e2e_author');
    await goto(page, '/admin/articles/new');
    assert.equal(await page.locator('button[value="publish"], button[value="schedule"]').count(), 0);
    assert.equal(await page.locator('button[value="submit"]').count(), 1);
    const csrf = await page.getAttribute('.editor-form input[name="csrf"]', 'value');
    const res = await page.request.post(BASE_URL + '/admin/articles/new', {
      form: { csrf, title: 'محاولة نشر مزورة', body: 'نص', action: 'publish' }, maxRedirects: 0 });
    assert.equal(res.status(), 403, 'forged publish refused');
    await page.fill('#e-title', 'مسودة كاتب من المتصفح');
    await editorClick(page, 'submit');
    assert.match(await text(page.locator('.status')), /المراجعة/);
    const { articles } = await getJSON(page.request, '/api/v1/articles');
    assert.equal(articles.some((a) => a.title === 'محاولة نشر مزورة'), false);
  });
}

// Moderation in the back office (JavaScript off): a reader's comment waits
// in the queue; an editor approves it there and it is on the article at once.
async function moderationFlow() {
  addStaff('e2e_moderator', 'editor');
  const body = 'سؤال قارئ ينتظر المراجعة في المتصفح ' + Date.now();
  let url;
  await withContext({}, async (ctx) => {
    const page = await ctx.newPage();
    const { articles } = await getJSON(page.request, '/api/v1/articles');
    url = articles[3].url;
    await goto(page, url);
    await page.fill('#c-name', 'قارئ ينتظر');
    await page.fill('#c-email', `moderated.${Date.now()}@example.com`);
    await page.fill('#c-comment', body);
    await page.waitForTimeout(3300);
    await submitForm(page);
    assert.match(page.url(), /comment=pending/);
  });
  await withContext({ viewport: DESKTOP }, async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'e2e_moderator');
    assert.ok(await page.locator('nav .badge').count() > 0, 'pending count in the navigation');
    await goto(page, '/admin/comments');
    const row = page.locator('tr', { hasText: body });
    assert.equal(await row.count(), 1, 'the comment is in the queue');
    await shot(page, 'moderation-queue');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
      row.locator('button[value^="approve:"]').click()]);
    assert.match(page.url(), /done=1/);
    assert.equal(await page.locator('tr', { hasText: body }).count(), 0, 'left the pending queue');
    await goto(page, url);
    assert.equal(await page.locator('.comment-body', { hasText: body }).count(), 1, 'shown at once');
  });
}

// Order matters a little: later tests reuse what earlier ones found, and the
// request check runs after every page-loading test.
const TESTS = [
  ['home', home],
  ['lead article', leadArticle],
  ['attribution', attribution],
  ['section and tag pages', sectionAndTag],
  ['dark mode', darkMode],
  ['404 page', notFound],
  ['comment flow (no JS)', commentFlow],
  ['hostile comments stay text', commentXss],
  ['editor writes, previews, publishes; logout ends the session', editorWritesAndPublishes],
  ['an author cannot publish', authorCannotPublish],
  ['moderation: an editor approves a comment', moderationFlow],
  ['axe accessibility', axe],
  ['only 127.0.0.1 contacted', onlyLocalRequests],
];

async function runOne(name, fn) {
  const t0 = Date.now();
  let timer;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${TEST_TIMEOUT_MS} ms`)), TEST_TIMEOUT_MS);
      }),
    ]);
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${name} (${Date.now() - t0} ms)`);
    const msg = String((err && err.stack) || err).replace(/\x1b\[[0-9;]*m/g, '');
    console.log('  ' + msg.split('\n').filter((l) => l.trim()).slice(0, 6).join('\n  '));
  } finally {
    clearTimeout(timer);
  }
}

async function main() {
  const guard = setTimeout(() => {
    console.log(`e2e: whole run timed out after ${TOTAL_TIMEOUT_MS} ms`);
    failed += TESTS.length - passed - failed || 1;
    summary();
    process.exit(1);
  }, TOTAL_TIMEOUT_MS);

  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(BASE_URL)) {
    console.log(`e2e: BASE_URL must be http://127.0.0.1:PORT, got "${BASE_URL}"`);
    failed = TESTS.length;
    summary();
    process.exit(1);
  }
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 30_000,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        // belt and braces: no host name but 127.0.0.1 resolves
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
    });
  } catch (err) {
    console.log(`e2e: cannot launch ${CHROMIUM}: ${err.message.split('\n')[0]}`);
    failed = TESTS.length;
    summary();
    process.exit(1);
  }
  console.log(`e2e: ${CHROMIUM} ${browser.version()} against ${BASE_URL}; screenshots in ${SHOT_DIR}`);

  for (const [name, fn] of TESTS) await runOne(name, fn);

  await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10_000))]);
  clearTimeout(guard);
  summary();
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.log('e2e: ' + ((err && err.stack) || err));
  failed++;
  summary();
  process.exit(1);
});
