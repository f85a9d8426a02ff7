/**
 * Latin-script tokens to the matching skeleton, and the skeleton finisher shared with
 * the Arabic side.
 *
 * Skeleton alphabet: consonants `b d f g h j k l m n p r s t v w y z`, plus `x` (sh/ch,
 * ش چ), `c` (th, ث) and a single `a` for a token-initial vowel. Other vowels are not
 * kept: Arabic script does not write short vowels, and Latin spellings disagree mostly
 * about vowels (Mohammed / Muhammad / Mohamad all become `mhmd`).
 */

/** Whole-token spelling families and abbreviations, applied before anything else. */
const FAMILIES: Record<string, string> = {
  md: 'muhammad',
  mohd: 'muhammad',
  muhd: 'muhammad',
  mhd: 'muhammad',
  mohmd: 'muhammad',
  mohamd: 'muhammad',
  mohummad: 'muhammad',
  maxamed: 'muhammad',
  maxammed: 'muhammad',
  maxamuud: 'mahmud',
  mahamud: 'mahmud',
  sk: 'sheikh',
  shk: 'sheikh',
  ma: 'maria',
  kr: 'kumar',
};

/** Latin letters, diacritics removed, apostrophes and ʿ dropped, lower case. */
export function foldLatin(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[ø]/g, 'o')
    .replace(/[ıİ]/g, 'i')
    .toLowerCase()
    .replace(/['’‘`ʿʾ´]/g, '');
}

export function latinFamily(token: string): string {
  return FAMILIES[token] ?? token;
}

const DIGRAPHS: [RegExp, string][] = [
  [/x/g, 'ks'],
  [/sch/g, 'x'],
  [/tch/g, 'x'],
  [/sya/g, 'xa'],
  [/sh/g, 'x'],
  [/ch/g, 'x'],
  [/ck/g, 'k'],
  [/c(?=[eiy])/g, 's'],
  [/c/g, 'k'],
  [/th/g, 'c'],
  [/dh/g, 'z'],
  [/kh/g, 'k'],
  [/gh/g, 'g'],
  [/ph/g, 'f'],
  [/bh/g, 'b'],
  [/jh/g, 'j'],
  [/zh/g, 'z'],
  [/dj/g, 'j'],
  [/q/g, 'k'],
];

/**
 * `abd` compounds spelt in Latin (Abdul Rahman, Abdur-Rahman, Abdelaziz, Abd Allah):
 * the article is written `l` whatever the sun-letter assimilation, as Arabic writes it.
 */
function canonicalAbd(token: string): string {
  const m = /^abd[aeiou]*/.exec(token);
  if (!m || token.length <= m[0].length + 1) return token;
  let rest = token.slice(m[0].length);
  if (rest[0] === rest[1]) rest = `l${rest.slice(1)}`;
  else if (rest[0] !== 'l') rest = `l${rest}`;
  return `abd${rest}`;
}

/** One Latin token (folded, letters only) to the pre-skeleton alphabet. */
export function latinTokenToPre(token: string): string {
  let t = canonicalAbd(latinFamily(token)).replace(/(.)\1+/g, '$1');
  for (const [re, to] of DIGRAPHS) t = t.replace(re, to);
  t = t.replace(/(.)\1+/g, '$1');
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t[i] ?? '';
    if ('aeiou'.includes(ch)) out += i === 0 ? 'a' : '•';
    else if ((ch === 'w' || ch === 'y') && i > 0) out += '•';
    else if (/[a-z]/.test(ch)) out += ch;
  }
  return out;
}

/**
 * Shared finisher: collapse adjacent repeats, drop vowel placeholders, drop a final h
 * (ة, Fatimah / Fatima, Abdullah / Abdulla) when something is left.
 */
export function finishSkeleton(pre: string): string {
  let s = pre.replace(/(.)\1+/g, '$1').replace(/•/g, '');
  if (s.length > 2 && s.endsWith('h')) s = s.slice(0, -1);
  return s;
}
