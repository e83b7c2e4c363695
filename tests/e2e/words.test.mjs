// words.test.mjs: the checks of words.mjs on texts whose answer is known,
// so that the walk (walk.mjs) cannot pass by finding nothing.  Each case is
// a leftover issue 20 saw in the Vietnamese pages, or a text that is right
// and must pass.
//   node tests/e2e/words.test.mjs
import { problems } from './words.mjs';

const names = /Khoen On|Bình Lư|Lai Châu/gu;
const t = (text, lang = '', where = 'p') => ({ text, lang, where });
// [page language, text, the words that must be found (none: it passes)]
const CASES = [
  ['vi', 'Nội dung về giới gender_in_curriculum', ['gender_in_curriculum']],
  ['vi', "'1,5' không phải số nguyên: num là số đếm", ['num']],
  ['vi', 'numbering_gap (dòng 12)', ['numbering_gap']],
  ['vi', 'Nữ F / Nam M', ['F', 'M']],
  ['vi', 'Nguồn: (form) (demo)', ['form', 'demo']],
  ['vi', 'R = 0,99', ['R']],
  ['vi', 'last 2025: 7', ['last']],
  ['vi', 'Women · Men', ['Women', 'Men']],
  ['vi', 'In', ['In']],
  ['vi', 'Xã Khoen On đã báo cáo 3/6 biểu', []],
  ['vi', 'Tải tệp PDF, DOCX hoặc Excel của UBND xã', []],
  ['vi', 'Chỉ tiêu x: ẩn vì ít trường hợp', []],
  ['vi', "'abc' không phải là số", []],
  ['vi', 'Minh chứng (ảnh, JPEG, PNG; tối đa 8 MB) · trang mạng xã hội, Zalo', []],
  ['vi', 'fanpage, pano', ['fanpage', 'pano']],
  ['vi', 'không đạt ở quý II; quý IV chưa báo cáo', []],
  ['vi', 'Vivid IX', ['Vivid']],
  ['vi', 'Luật Bình đẳng giới 2006, Điều 21 khoản 2 điểm b; Điều 22', []],
  ['vi', 'Điều 21 khoản 2 điểm a, b và c', []],
  ['vi', 'điểm a, b and c', ['and', 'c']],
  ['vi', 'the b', ['the', 'b']],
  ['en', 'Women key leaders in Bình Lư', []],
  ['en', 'Decree 30/2020/NĐ-CP', []],
  ['en', 'Số trường có giảng dạy', ['Số', 'trường', 'có', 'giảng', 'dạy']],
];

let failures = 0;
for (const [lang, text, want] of CASES) {
  const got = problems([t(text)], lang, names).map((f) => f.word);
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    failures++;
    console.error(`FAILED words.mjs ${lang} "${text}": found ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  }
}
// text marked as the other language, or as a file format's literal, is
// not the page's
if (problems([t('English', 'en')], 'vi', names).length !== 0 ||
    problems([t('Kế hoạch số 12', 'vi')], 'en', names).length !== 0) {
  failures++;
  console.error('FAILED words.mjs: text in lang= of the other language is checked');
}
console.log(`words.test: ${CASES.length + 1} cases, ${failures} failed`);
process.exit(failures ? 1 : 0);
