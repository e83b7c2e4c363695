// walk.mjs: every page in both languages as each role, in a real Chromium,
// checked for internal codes and for words of the other language
// (words.mjs).  Each account signs in and follows every link of the site
// from its dashboard (GET only; downloads, the language switch and signing
// out excepted); pages that differ only by a unit of the same level, a
// year or a sort order are one page.  On the way it reaches what only a
// form leads to: plans uploaded for review (a yearly plan; lint-plan.txt,
// with lint findings, an indicator of its own and two targets that
// contradict each other) and a form saved with problems.  A link that answers an error fails too.
//
//   GEMIS=build/gemis node tests/e2e/walk.mjs BASE_URL
// The demonstration database, after tests/e2e/app.mjs, with the caseworker
// cw.binhlu and a case (tests/e2e/run makes them).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import { pageTexts, problems, properNames } from './words.mjs';

const [base] = process.argv.slice(2);
if (!base) {
  console.error('usage: GEMIS=build/gemis node tests/e2e/walk.mjs BASE_URL');
  process.exit(2);
}
const PASSWORD = 'gemis-demo-2026';
// the accounts of the demonstration (src/store/demo.c) and the caseworker
// the run adds; binhlu.truonghoc's form was returned, so it can be edited
const ROLES = [
  { name: 'binhlu.truonghoc', role: 'reporter', fill: '/entry/03390/truonghoc/2026' },
  { name: 'binhlu', role: 'focal', upload: '/plan/03390' },
  { name: 'binhlu.viewer', role: 'viewer' },
  { name: 'laichau', role: 'province' },
  { name: 'admin', role: 'admin' },
  { name: 'bo.noivu', role: 'ministry' },
  { name: 'binhlu.mttq', role: 'supervisor' },
  { name: 'cw.binhlu', role: 'caseworker', seeds: ['/cases'] },
];
// names that are data, in any language: the accounts and their full names
// (demo.c), the uploaded file
const ACCOUNT_NAMES = ['Quản trị hệ thống', 'Sở Nội vụ Lai Châu', 'Phòng Văn hóa - Xã hội Bình Lư',
  'Cán bộ Văn hóa - Xã hội', 'Trạm Y tế xã Bình Lư', 'Các trường học xã Bình Lư', 'Phòng Kinh tế xã Bình Lư',
  'Người xem', 'Bộ Nội vụ', 'Ủy ban MTTQ Việt Nam xã Bình Lư'];
const DATA_WORDS = new Set(['admin', 'laichau', 'binhlu', 'binhlu.vhxh', 'binhlu.yte', 'binhlu.truonghoc', 'binhlu.kinhte',
  'binhlu.viewer', 'cw.binhlu', 'bo.noivu', 'binhlu.mttq']);
// plans the focal point uploads for review: their review pages hold the
// lint findings, the problems that stop a plan and the targets table
const PLANS = ['yearly-plan.txt', 'lint-plan.txt'].map((f) => ({
  name: f, buffer: fs.readFileSync(new URL('./' + f, import.meta.url)) }));
const names = properNames(process.env.GEMIS || 'build/gemis', ACCOUNT_NAMES);

let failures = 0;
const seen = new Map(); // "lang word text" -> first page
let pagesChecked = 0;
// the pages read, per language (indicator pages once for all roles)
const langKeys = { vi: new Set(), en: new Set() };

// A page's key: its path with unit codes as their level (VN, province,
// commune) and the level of its unit parameter; the year, the sort order
// and the filters make no other page.  An indicator's page is the same page
// for every role.
const level = (c) => (c === 'VN' ? 'VN' : /^\d{2}$/.test(c) ? 'P' : /^\d{5}$/.test(c) ? 'C' : c);
function keyOf(u, role) {
  const p = u.pathname.split('/').map((s) => (/^(\d{2}|\d{5}|VN)$/.test(s) ? level(s) : /^\d{4}$/.test(s) ? 'Y' : s));
  const unit = u.searchParams.get('unit');
  const who = u.pathname.startsWith('/indicator/') ? '' : role + ' ';
  return who + p.join('/') + (unit ? '?unit=' + level(unit) : '');
}
// Every indicator's page is read for a commune; for a province and the
// nation, which show the same words around other numbers, a few.
const CAPS = [[/^\/indicator\/[^?]+\?unit=(P|VN)$/, 4]];
function capped(key, keys) {
  for (const [re, max] of CAPS) {
    if (!re.test(key))
      continue;
    const fam = key.replace(/^\/indicator\/[^?]+/, '');
    const n = [...keys].filter((k) => re.test(k) && k.endsWith(fam)).length;
    if (n >= max)
      return true;
  }
  return false;
}

// Downloads (a report's file, an answer's, an evidence photo) are not pages.
function skip(u) {
  return u.origin !== new URL(base).origin || /^\/(static|lang|logout)\b/.test(u.pathname) ||
    u.pathname === '/report' || /^\/cases\/export/.test(u.pathname) || u.pathname === '/budget/export' ||
    /\/(file|evidence)\/\d+$/.test(u.pathname);
}

async function check(page, lang, label) {
  const texts = await pageTexts(page);
  const found = problems(texts, lang, names, DATA_WORDS);
  pagesChecked++;
  for (const f of found) {
    const k = `${lang} ${f.word} ${f.text}`;
    if (seen.has(k))
      continue;
    seen.set(k, label);
    failures++;
    console.error(`FAILED ${lang} ${label}: ${f.kind} "${f.word}" in <${f.where}> "${f.text.slice(0, 140)}"`);
  }
}

async function walk(browser, acct, lang) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await ctx.newPage();
  await page.goto(`${base}/lang/${lang}?next=/login`);
  await page.fill('input[name=name]', acct.name);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type=submit]')]);
  if (new URL(page.url()).pathname !== '/') {
    failures++;
    console.error(`FAILED: ${acct.name} could not sign in (${page.url()})`);
    await ctx.close();
    return;
  }
  const keys = langKeys[lang];
  const queue = ['/', ...(acct.seeds || [])].map((p) => new URL(p, base).href);
  let n = 0;
  while (queue.length && n < 400) {
    const href = queue.shift();
    const u = new URL(href);
    const key = keyOf(u, acct.role);
    if (keys.has(key) || capped(key, keys))
      continue;
    keys.add(key);
    n++;
    const resp = await page.goto(href, { waitUntil: 'load' });
    if (!resp || resp.status() >= 400) {
      failures++;
      console.error(`FAILED ${lang} ${acct.name}: ${u.pathname}${u.search} answers ${resp ? resp.status() : 'nothing'}`);
      continue;
    }
    if (process.env.WALK_DEBUG)
      console.log(`  ${lang} ${acct.name} ${key} ${u.pathname}${u.search}`);
    await check(page, lang, `${acct.name} ${u.pathname}${u.search}`);
    // an SVG link (the province page's map) has no string href: resolve its attribute
    const links = await page.evaluate(() => [...document.querySelectorAll('a[href]:not([download])')]
      .map((a) => new URL(a.getAttribute('href'), document.baseURI).href));
    for (const l of links) {
      const v = new URL(l);
      v.hash = '';
      if (!skip(v) && !keys.has(keyOf(v, acct.role)))
        queue.push(v.href);
    }
  }
  // what only a form leads to
  for (const plan of acct.upload ? PLANS : []) {
    await page.goto(base + acct.upload);
    await page.setInputFiles('input[name=file]', { name: 'ke-hoach-2026.txt', mimeType: 'text/plain', buffer: plan.buffer });
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/upload"] button[type=submit]')]);
    await check(page, lang, `${acct.name} plan review of ${plan.name} ${new URL(page.url()).pathname}`);
    n++;
  }
  if (acct.fill) {
    await page.goto(base + acct.fill);
    const boxes = page.locator('input[name^="v_"]');
    if (await boxes.count() >= 4) {
      // every box of the form counts people or things: a fraction is
      // refused with words for the part, not its code
      await boxes.nth(0).fill('abc');
      await boxes.nth(1).fill('-3');
      await boxes.nth(2).fill('999999');
      await boxes.nth(3).fill(lang === 'vi' ? '1,5' : '1.5');
      await Promise.all([page.waitForNavigation(), page.click('button[value=save]')]);
      const frac = await page.locator('input[name^="v_"]').nth(3).getAttribute('id');
      const msg = (await page.textContent(`#m_${frac.slice(2)}`)) || '';
      if (!/1[.,]5/.test(msg)) {
        failures++;
        console.error(`FAILED ${lang}: the fraction in a count box has no message ("${msg}")`);
      }
      await check(page, lang, `${acct.name} form with problems`);
      n++;
    } else {
      failures++;
      console.error(`FAILED: ${acct.fill} has no boxes to fill for ${acct.name}`);
    }
  }
  console.log(`${lang} ${acct.name}: ${n} pages`);
  await ctx.close();
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync'],
});
try {
  for (const lang of (process.env.WALK_LANGS || "vi en").split(" "))
    for (const acct of ROLES.filter((a) => !process.env.WALK_ROLES || process.env.WALK_ROLES.split(" ").includes(a.name)))
      await walk(browser, acct, lang);
} catch (e) {
  failures++;
  console.error('FAILED: ' + (e.stack || e));
} finally {
  await browser.close();
}
console.log(`walk: ${pagesChecked} pages checked in two languages, ${failures} problems`);
process.exit(failures ? 1 : 0);
