// words.mjs: what a page says, checked for the words of the other language
// and for internal codes (issue 20: "no internal code or English word in
// the Vietnamese interface").
//
// pageTexts(page) collects every text a person can meet on the page: the
// text of the document (hidden parts too: a closed <details>, a tooltip's
// title, an aria-label a screen reader speaks, the options of a list) with
// the language of the element it stands in.  problems(texts, lang, names)
// returns what does not belong:
//   - in every language, an internal code: an identifier written with
//     underscores (no_measurable_target, gender_in_curriculum, v_0);
//   - in a Vietnamese page, a word of Latin letters without diacritics that
//     cannot be a Vietnamese syllable (Women, form, demo, F/M, R) or is a
//     common English word that happens to look like one (the, in, to, not),
//     unless it is on the list of terms Vietnamese officers write as they
//     are (PDF, Excel, UBND ...);
//   - in an English page, a word with Vietnamese letters, unless it is part
//     of a proper name: an administrative unit's name (units.tsv), an
//     account's full name, or text the page marks as Vietnamese with
//     lang="vi" (a quotation from a signed plan).
// Text inside an element marked with the other language's lang= (the
// language switch "English" on a Vietnamese page) is that language's; an
// element marked translate="no" holds a literal of a file format (the
// column names a CSV file must have), which no language changes; a value
// quoted in '...' is what the person typed.
import fs from 'node:fs';
import path from 'node:path';

// Onset, vowels and final consonant of a Vietnamese syllable written without
// diacritics ("ngh" + "ie" + "ng").  Every real syllable matches; most
// English words do not (w, f, j, z, consonant clusters, final s/r/l/d).
const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?';
const SYLLABLE = new RegExp(`^${ONSET}[aeiouy]{1,3}(?:ch|nh|ng|[cmnpt])?$`, 'i');
// English words that also spell a Vietnamese syllable but are not one in
// gemis's Vietnamese texts (which write "tin", "an", "do", "con" with
// their own meaning: those are not here).
const ENGLISH_LOOKALIKES = new Set(['the', 'to', 'on', 'at', 'it', 'by', 'not', 'no', 'men', 'man', 'up', 'me',
  'he', 'then', 'ten', 'yet', 'get', 'set', 'put', 'cut', 'bit', 'hit', 'top', 'tip', 'map', 'cap', 'tap', 'gap',
  'sent', 'may', 'pay', 'say', 'see', 'too', 'took', 'toy', 'boy', 'key', 'in', 'out',
  // the parts of a ratio as files write them, never Vietnamese words
  'num', 'den']);
// Terms Vietnamese interfaces write as they are: formats, programs,
// acronyms of Vietnamese bodies, the product's name, units of file size,
// Zalo (the Vietnamese messaging service communes post on), and "x" for a
// figure hidden to protect people (the statistical convention).
const VI_TERMS = new Set(['gemis', 'x', 'pdf', 'docx', 'xlsx', 'csv', 'html', 'json', 'txt', 'word', 'excel', 'adx',
  'dhis2', 'sdmx', 'api', 'ubnd', 'mttq', 'tncs', 'kh', 'cp', 'url', 'utc', 'email', 'id', 'vn', 'jpeg', 'png', 'kb', 'mb',
  'zalo']);
// Abbreviations in the numbers of Vietnamese legal documents, which English
// cites as they are (Decree 30/2020/NĐ-CP).
const EN_TERMS = new Set(['NĐ', 'QĐ', 'TT', 'CP', 'UBND', 'KH']);
const VI_LETTERS = /[àáâãèéêìíòóôõùúýăđĩũơưạ-ỹ]/i;
const CODE = /[a-z0-9]+(?:_[a-z0-9]+)+/i;

// Every text node of the document and the texts of attributes people meet,
// each with the language of its element.
export async function pageTexts(page) {
  return page.evaluate(() => {
    const out = [];
    const langOf = (el) => {
      const l = el && el.closest('[lang]');
      return l ? l.getAttribute('lang') : '';
    };
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('script, style, noscript, [translate=no]'))
        continue;
      const t = n.nodeValue.replace(/\s+/g, ' ').trim();
      if (t)
        out.push({ text: t, lang: langOf(el), where: el.tagName.toLowerCase() });
    }
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt], input[type=submit][value], input[type=button][value]')) {
      for (const a of ['title', 'aria-label', 'placeholder', 'alt', 'value']) {
        if (a === 'value' && el.tagName !== 'INPUT')
          continue;
        const v = el.getAttribute(a);
        if (v && v.trim())
          out.push({ text: v.trim(), lang: langOf(el), where: `${el.tagName.toLowerCase()}[${a}]` });
      }
    }
    return out;
  });
}

// The names a page may show in Vietnamese whatever its language: units
// (build/gen/units.tsv next to the binary), and the given extra names
// (account names).  Returned as one regular expression, longest first.
export function properNames(gemisBinary, extra) {
  const names = new Set(extra);
  const candidates = [path.join(path.dirname(gemisBinary), 'gen/units.tsv'), 'build/gen/units.tsv'];
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file)
    throw new Error('words.mjs: no units.tsv next to ' + gemisBinary);
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length >= 5) {
      names.add(f[3]);
      names.add(f[4]);
    }
  }
  // every name, with or without Vietnamese letters: a commune may be
  // written in plain Latin letters ("Khoen On") and is a name all the same
  const esc = [...names].filter((n) => n && n.length > 2).sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(esc.join('|'), 'gu');
}

// Words of a text: runs of letters, digits and the joiners of codes and
// file names (_ . - /), without the punctuation around them.
function tokens(text) {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}_.\-/]*/gu) || [];
}

// What in `texts` does not belong on a page in `lang` ("vi" or "en"):
// a list of {word, text, where}.  `allowedData` are words that are the
// data of the demonstration (account names such as binhlu.vhxh, file
// names) and may appear anywhere.
export function problems(texts, lang, names, allowedData = new Set()) {
  const found = [];
  const other = lang === 'vi' ? 'en' : 'vi';
  for (const t of texts) {
    if (t.lang && t.lang.startsWith(other))
      continue;
    let text = t.text;
    if (names)
      text = text.replace(names, ' ');
    // what the person typed, quoted back; a case's code (ABCD-EFGH-JKLM)
    text = text.replace(/'[^']*'/g, ' ').replace(/\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/g, ' ');
    // the points of a legal article, lettered as Vietnamese law letters
    // them ("Điều 21 khoản 2 điểm b", "điểm a, b và c")
    if (lang === 'vi')
      text = text.replace(/(?<!\p{L})điểm\s+[a-zđ](?:\s*(?:,|và)\s*[a-zđ])*(?!\p{L})/giu, ' ');
    for (let tok of tokens(text)) {
      tok = tok.replace(/[.\-/]+$/, '');
      if (!tok || allowedData.has(tok) || /^[\p{N}.,\-/:]+$/u.test(tok) || /\.(txt|docx|pdf|xlsx|csv|json)$/i.test(tok))
        continue;
      if (CODE.test(tok)) {
        found.push({ word: tok, text: t.text, where: t.where, kind: 'code' });
        continue;
      }
      for (const w of tok.split(/[.\-/]+/)) {
        if (!w || /\p{N}/u.test(w) && !/\p{L}/u.test(w))
          continue;
        if (lang === 'vi') {
          // Roman numerals number quarters and sections in Vietnamese
          // too ("quý IV", "Phần II")
          if (VI_LETTERS.test(w) || /[^\x00-\x7f]/.test(w) || /^[IVX]+$/.test(w))
            continue;
          const lw = w.toLowerCase();
          if (VI_TERMS.has(lw) || /\d/.test(w) && VI_TERMS.has(lw.replace(/\d+$/, '')))
            continue;
          if (!SYLLABLE.test(w) || ENGLISH_LOOKALIKES.has(lw))
            found.push({ word: w, text: t.text, where: t.where, kind: 'English' });
        } else if (VI_LETTERS.test(w) && !EN_TERMS.has(w)) {
          found.push({ word: w, text: t.text, where: t.where, kind: 'Vietnamese' });
        }
      }
    }
  }
  return found;
}
