/**
 * Arabic-script (Arabic, Persian, Urdu letters) to the Latin matching alphabet.
 *
 * The output is not a readable transliteration: it is the letter string the Latin side
 * reduces to, so both scripts meet in one skeleton. A token-initial vowel letter, `ع` or
 * hamza becomes `a` (the single initial-vowel class); medial vowel letters (ا و ي) become
 * the placeholder `•`; a medial `ع` or hamza is dropped. Internal symbols: `x` = sh/ch
 * (ش چ), `c` = th (ث), `z` = the z/dh family (ذ ز ظ).
 */

const ARABIC_RANGE = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/;

/** Harakat, Quranic marks, superscript alef and tatweel: dropped before anything else. */
const MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;

/** Urdu aspirates written with do-chashmi heh, mapped like their Latin digraphs. */
const ASPIRATES: Record<string, string> = {
  بھ: 'b',
  پھ: 'f',
  تھ: 'c',
  ٹھ: 'c',
  جھ: 'j',
  چھ: 'x',
  دھ: 'z',
  ڈھ: 'z',
  کھ: 'k',
  كھ: 'k',
  گھ: 'g',
};

const LETTERS: Record<string, string> = {
  ا: '•',
  أ: '•',
  إ: '•',
  آ: '•',
  ٱ: '•',
  ى: '•',
  ي: 'y',
  ی: 'y',
  ے: 'y',
  ئ: "'",
  ؤ: "'",
  ء: "'",
  ع: "'",
  و: 'w',
  ب: 'b',
  پ: 'p',
  ت: 't',
  ط: 't',
  ٹ: 't',
  ث: 'c',
  ج: 'j',
  چ: 'x',
  ح: 'h',
  خ: 'k',
  د: 'd',
  ڈ: 'd',
  ذ: 'z',
  ر: 'r',
  ڑ: 'r',
  ز: 'z',
  ژ: 'z',
  س: 's',
  ش: 'x',
  ص: 's',
  ض: 'd',
  ظ: 'z',
  غ: 'g',
  ف: 'f',
  ڤ: 'v',
  ق: 'k',
  ك: 'k',
  ک: 'k',
  گ: 'g',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ں: 'n',
  ه: 'h',
  ھ: 'h',
  ہ: 'h',
  ة: 'h',
  ۃ: 'h',
};

export function hasArabic(text: string): boolean {
  return ARABIC_RANGE.test(text);
}

/** Strips harakat, Quranic marks and tatweel. */
export function cleanArabic(text: string): string {
  return text.replace(MARKS, '');
}

/**
 * One Arabic-script token to the pre-skeleton alphabet. `و`/`ي` stay consonants (w, y)
 * only at the start of the token; elsewhere they are long vowels. A final ة is dropped.
 */
export function arabicTokenToLatin(token: string): string {
  const t = cleanArabic(token).replace(/[ةۃ]$/, '');
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const pair = t.slice(i, i + 2);
    const aspirate = ASPIRATES[pair];
    if (aspirate !== undefined) {
      out += aspirate;
      i++;
      continue;
    }
    const ch = t[i] ?? '';
    let mapped = LETTERS[ch];
    if (mapped === undefined) continue;
    if (out === '' && (mapped === '•' || mapped === "'")) mapped = 'a';
    else if ((mapped === 'w' || mapped === 'y') && out !== '') mapped = '•';
    else if (mapped === "'") continue;
    out += mapped;
  }
  return out;
}
