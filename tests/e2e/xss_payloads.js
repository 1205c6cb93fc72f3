'use strict';
// XSS payloads for tests/e2e/xss.test.js, generated here from building
// blocks (written for midad; no third-party list is copied): tags and event
// handlers, javascript:/data: URLs, breakouts from attributes, <title>,
// <textarea>, <script> and comments, entity/percent/JS encodings, SVG and
// MathML, template injection, CSS expressions, Unicode and right-to-left
// tricks, NUL bytes, and Markdown-specific forms.
//
// Every payload that could run calls __pwned(N) (or alert(N)) with its own
// number N, so the test's trap says which one ran. payloads() returns
// [{ n, text }] with at least 500 distinct entries, always in the same order.

// The code a payload runs: several spellings of "call the trap".
const ACTIONS = [
  (n) => `__pwned(${n})`,
  (n) => `__pwned\`${n}\``,
  (n) => `window['__pw'+'ned'](${n})`,
  (n) => `alert(${n})`,
  (n) => `top.__pwned(${n})`,
  (n) => `(0,__pwned)(${n})`,
  (n) => `self[atob('X19wd25lZA==')](${n})`,
  (n) => `eval('__pw'+'ned(${n})')`,
];

// Markup that runs its action `a` when parsed, loaded, focused or shown.
const VECTORS = [
  (a) => `<script>${a}</script>`,
  (a) => `<ScRiPt >${a}</sCrIpT >`,
  (a) => `<script src="data:text/javascript,${a}"></script>`,
  (a) => `<script/x>${a}</script>`,
  (a) => `<img src=x onerror=${a}>`,
  (a) => `<img src="x" onerror="${a}">`,
  (a) => `<img/src/onerror=${a}>`,
  (a) => `<IMG SRC=x ONERROR='${a}'>`,
  (a) => `<svg onload=${a}>`,
  (a) => `<svg/onload=${a}//`,
  (a) => `<svg><script>${a}</script></svg>`,
  (a) => `<svg><animate onbegin=${a} attributeName=x dur=1s>`,
  (a) => `<svg><a xlink:href="javascript:${a}"><text y=20>x</text></a></svg>`,
  (a) => `<math><mtext><table><mglyph><style><img src=x onerror=${a}>`,
  (a) => `<math href="javascript:${a}">x</math>`,
  (a) => `<body onload=${a}>`,
  (a) => `<iframe srcdoc="<script>parent.${a}</script>"></iframe>`,
  (a) => `<iframe src="javascript:parent.${a}"></iframe>`,
  (a) => `<a href="javascript:${a}">x</a>`,
  (a) => `<details open ontoggle=${a}>`,
  (a) => `<input autofocus onfocus=${a}>`,
  (a) => `<textarea autofocus onfocus=${a}>`,
  (a) => `<select autofocus onfocus=${a}></select>`,
  (a) => `<video><source onerror=${a}></video>`,
  (a) => `<audio src=x onerror=${a}>`,
  (a) => `<object data="data:text/html,<script>parent.${a}</script>"></object>`,
  (a) => `<embed src="javascript:${a}">`,
  (a) => `<form><button formaction="javascript:${a}">x</button></form>`,
  (a) => `<meta http-equiv="refresh" content="0;url=javascript:${a}">`,
  (a) => `<base href="javascript:${a}//">`,
  (a) => `<div style="width:expression(${a})">x</div>`,
  (a) => `<style>*{background:url("javascript:${a}")}</style>`,
  (a) => `<marquee onstart=${a}>x</marquee>`,
  (a) => `<noscript><p title="</noscript><img src=x onerror=${a}>">`,
  (a) => `<xss onpointerover=${a} style=display:block;position:fixed;inset:0>x</xss>`,
  (a) => `<<script>${a}//<</script>`,
  (a) => `<scr<script>ipt>${a}</scr</script>ipt>`,
  (a) => `<img src=x onerror=${a}//`,
  (a) => `<link rel=import href="data:text/html,<script>${a}</script>">`,
  (a) => `<table background="javascript:${a}">`,
  (a) => `<isindex type=image src=1 onerror=${a}>`,
  (a) => `<template><img src=x onerror=${a}></template><img src=x onerror=${a}>`,
];

// What may come before a payload to break out of where it lands.
const PREFIXES = ['', '">', "'>", '</title>', '</textarea>', '</script>', '-->', '</style>',
  ']]>', '</noscript>', '"/>', '`>', '</a>', '</option></select>', '</p></div>'];

// Attribute injections: no tag, just a way out of a quoted attribute.
const ATTRS = [
  (a) => `" autofocus onfocus="${a}" x="`,
  (a) => `' autofocus onfocus='${a}' x='`,
  (a) => `" onmouseover="${a}`,
  (a) => `" onerror="${a}" src="x`,
  (a) => ` onload=${a} `,
  (a) => `"onfocus=${a} autofocus x="`,
  (a) => `\` onfocus=${a} autofocus \``,
  (a) => `" style="background:url(javascript:${a})`,
];

// URLs: for links, sources, websites and canonical addresses.
const URLS = [
  (a) => `javascript:${a}`,
  (a) => `JaVaScRiPt:${a}`,
  (a) => `java\tscript:${a}`,
  (a) => `java\nscript:${a}`,
  (a) => ` javascript:${a}`,
  (a) => `\x01javascript:${a}`,
  (a) => `java&#115;cript:${a}`,
  (a) => `&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${a}`,
  (a) => `%6A%61%76%61%73%63%72%69%70%74:${a}`,
  (a) => `javascript://%0a${a}`,
  (a) => `data:text/html,<script>${a}</script>`,
  (a) => `data:text/html;base64,${Buffer.from(`<script>${a}</script>`).toString('base64')}`,
  (a) => `data:image/svg+xml,<svg onload=${a}>`,
  (a) => `vbscript:msgbox(${JSON.stringify(a)})`,
  (a) => `http://x" onmouseover="${a}`,
  (a) => `https://example.com/"><script>${a}</script>`,
  (a) => `https://example.com/?q=<img src=x onerror=${a}>`,
  (a) => `https://example.com/'onfocus='${a}'autofocus='`,
  (a) => `http://example.com/#"><svg onload=${a}>`,
  (a) => `//example.com/%22%3E%3Cscript%3E${encodeURIComponent(a)}%3C/script%3E`,
  (a) => `http://javascript:${a}`,
  (a) => `https://example.com/?next=javascript:${a}&x=data:text/html,${a}`,
];

// Markdown forms (they are text everywhere else).
const MARKDOWN = [
  (a) => `[x](javascript:${a})`,
  (a) => `[x](JAVASCRIPT:${a} "t")`,
  (a) => `[x](<javascript:${a}>)`,
  (a) => `<javascript:${a}>`,
  (a) => `![x](x" onerror="${a})`,
  (a) => `![x](javascript:${a})`,
  (a) => `[x](data:text/html,<script>${a}</script>)`,
  (a) => `[x][r]\n\n[r]: javascript:${a}`,
  (a) => `<div>\n<script>${a}</script>\n</div>`,
  (a) => `[<img src=x onerror=${a}>](https://example.com)`,
  (a) => `[x](https://example.com "\\"><img src=x onerror=${a}>")`,
  (a) => `\`<script>${a}</script>\``,
];

// Template-engine and CSS injections, Unicode and RTL tricks, NUL bytes.
const MISC = [
  (a) => `{{constructor.constructor('${a}')()}}`,
  (a) => `{{{raw}}}<img src=x onerror=${a}>{{/x}}`,
  (a) => `{{#t}}<script>${a}</script>{{/t}}`,
  (a) => `{{>partials/head}}{{& x}}<svg onload=${a}>`,
  (a) => `\${${a}}`,
  (a) => `<%= ${a} %>`,
  (a) => `{% ${a} %}`,
  (a) => `#{${a}}`,
  (a) => `</style><style>@import 'javascript:${a}';</style>`,
  (a) => `x{background:expression(${a})}`,
  (a) => `\u202e<script>${a}</script>\u202c`,
  (a) => `\u2066<img src=x onerror=${a}>\u2069`,
  (a) => `<scr\u200bipt>${a}</scr\u200bipt>`,
  (a) => `\u200f"><img src=x onerror=${a}>`,
  (a) => `خبر عاجل <svg onload=${a}> نهاية`,
  (a) => `<img src=x onerror\u0000=${a}>`,
  (a) => `<scr\u0000ipt>${a}</script>`,
  (a) => `\u0000<script>${a}</script>`,
  (a) => `\ufeff<script>${a}</script>`,
  (a) => `＜script＞${a}＜/script＞`,
  (a) => `+ADw-script+AD4-${a}+ADw-/script+AD4-`,
  (a) => `\\x3cscript\\x3e${a}\\x3c/script\\x3e`,
  (a) => `\\u003cimg src=x onerror=${a}\\u003e`,
  (a) => `&lt;script&gt;${a}&lt;/script&gt;`,
  (a) => `&#60;img src=x onerror=${a}&#62;`,
  (a) => `&#x3c;svg onload=${a}&#x3e;`,
  (a) => `%3Cscript%3E${a}%3C%2Fscript%3E`,
  (a) => `%253Cscript%253E${a}`,
  (a) => `<!--<img src="--><img src=x onerror=${a}//">`,
  (a) => `<![CDATA[<script>${a}</script>]]>`,
];

// Whole-payload encodings, applied to some of the vectors.
const ENCODINGS = [
  (s) => s.replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  (s) => s.replace(/[<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
  (s) => encodeURIComponent(s),
  (s) => s.replace(/</g, '\\u003c'),
  (s) => s.toUpperCase(),
  (s) => s.replace(/ /g, '/'),
  (s) => s.replace(/</g, '<\u0000'),
  (s) => `\u202e${s}`,
];

function payloads() {
  const out = [];
  const seen = new Set();
  let n = 1;
  const add = (make) => {
    const id = n++;
    const text = make(ACTIONS[id % ACTIONS.length](id));
    if (!seen.has(text)) { seen.add(text); out.push({ n: id, text }); }
  };
  for (const p of PREFIXES) for (const v of VECTORS) {
    if (p && VECTORS.indexOf(v) % 2 !== PREFIXES.indexOf(p) % 2) continue; // half the pairs
    add((a) => p + v(a));
  }
  for (const v of ATTRS) for (const p of ['', 'نص ', "x'", 'x"']) add((a) => p + v(a));
  for (const u of URLS) for (let k = 0; k < 2; k++) add((a) => u(a));
  for (const m of MARKDOWN) add((a) => m(a));
  for (const m of MISC) for (let k = 0; k < 2; k++) add((a) => m(a));
  for (const e of ENCODINGS) for (const v of VECTORS.slice(0, 12)) add((a) => e(v(a)));
  return out;
}

module.exports = { payloads };

if (require.main === module) {
  const list = payloads();
  for (const p of list) console.log(JSON.stringify(p.text));
  console.error(`${list.length} payloads`);
}
