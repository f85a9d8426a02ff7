import { arabicTokenToLatin, cleanArabic, hasArabic } from './arabic.js';
import { finishSkeleton, foldLatin, latinTokenToPre } from './latin.js';

/** One part of a name, reduced to the matching skeleton. */
export interface NameToken {
  /** Matching skeleton (see latin.ts for the alphabet). */
  skel: string;
  /**
   * Other readings: without a glued article or particle (Alhashimi → hashimi), or an
   * `abd …` compound without `abd` (Abdul Latheef → latheef, as the name is often shortened).
   */
  alts: string[];
  /** Article, bin/bint, honorific or lone initial: kept in the text, not keyed. */
  particle: boolean;
  /** A lone Latin letter standing for a name (W. Pradeep, Suresh B. Nair): matched weakly. */
  initial: boolean;
}

const words = (list: string) => new Set(list.split(' '));

const LATIN_ARTICLES = words('al el ul ar as ad ash an az at ud ur us uz');
const LATIN_BIN = words('bin ibn ben bn walad ould');
const LATIN_BINT = words('bint binti binte bte bt bnt');
const LATIN_OTHER = words('de del dela delos della da dos van von der la le');
const HONORIFICS = words(
  'mr mrs ms miss dr mst most mosammat mosamat mossammat smt shri shree haji hajji hj hjh jr sr ii iii',
);
/**
 * Latin first halves of `abd …` compounds, written apart or joined. Abdi, Abdo and Abdu
 * are names of their own (Somali, Egyptian and Yemeni short forms).
 */
const LATIN_ABD = words('abd abdul abdel abdal abdool abdur abdus abdoul');
const LATIN_ABU = words('abu abou abo abul abol');
/** Arabic words that begin with ال but are not the article. */
const ARABIC_AL_WORDS = new Set(['الله', 'الهام', 'الياس', 'الفت', 'الماس', 'الطاف', 'الهي']);
const GLUED_LATIN: [RegExp, number][] = [
  [/^(?:al|el|dela|delos|della)/, 4],
  [/^(?:ben|bin)/, 3],
  // article assimilated to a sun letter: Ezzahra, Eddine, Uddin, Arrashid, Ennour
  [/^[aeu](?=([tdrzsln])\1)./, 3],
];

/** Coarser than the skeleton, so that spellings a retrieval key must not tell apart meet. */
export function foldKey(skel: string): string {
  return skel
    .replace(/c/g, 's')
    .replace(/x/g, 's')
    .replace(/z/g, 'd')
    .replace(/g/g, 'k')
    .replace(/p/g, 'b')
    .replace(/v/g, 'f');
}

/**
 * Two neighbouring parts as they read when written as one word (Nur Hayati → Nurhayati,
 * Nasir Uddin → Nasiruddin, Sri Wahyuni → Sriwahyuni): the second part's initial vowel
 * or glide is medial once joined, and medial vowels and glides are not in the skeleton.
 */
export function joinSkeletons(x: string, y: string): string {
  return x + y.replace(/^[awy]/, '');
}

/**
 * Name parts (as folded keys) that carry little evidence because so many people bear
 * them: Muhammad, Ahmad, Ali, Hassan/Hussain, Khan, Kumar/Kumari, Devi, Begum, Khatun,
 * Bibi, Siti, Nur, Singh, Sheikh, Syed/Said.
 */
const COMMON = words('mhmd ahmd al hsn kn kmr df bkm ktn bb st nr snk sk sd');

export function tokenWeight(t: NameToken): number {
  return COMMON.has(foldKey(t.skel)) ? 0.6 : 1;
}

function normaliseArabicWord(t: string): string {
  return cleanArabic(t)
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/[ىی]/g, 'ي');
}

function isArticle(raw: string): boolean {
  return hasArabic(raw) ? normaliseArabicWord(raw) === 'ال' : LATIN_ARTICLES.has(foldLatin(raw));
}

function isMergePrefix(raw: string): boolean {
  if (hasArabic(raw)) {
    const a = normaliseArabicWord(raw);
    return a === 'عبد' || a === 'ابو';
  }
  const f = foldLatin(raw);
  return LATIN_ABD.has(f) || LATIN_ABU.has(f);
}

/** Joins `abd`/`abu` with the word they belong to (عبد الله → عبدالله, Abdul Rahman → abdulrahman). */
function mergeCompounds(raw: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i] ?? '';
    const next = raw[i + 1];
    if (next !== undefined && isMergePrefix(t)) {
      const after = raw[i + 2];
      if (isArticle(next) && after !== undefined) {
        out.push(t + next + after);
        i += 2;
      } else {
        out.push(t + next);
        i += 1;
      }
    } else {
      out.push(t);
    }
  }
  return out;
}

/** Whether a skeleton is an `abd …` compound (Abdul Rahman, عبدالله), not plain `abd`. */
export const isAbdCompound = (skel: string) => skel.startsWith('abd') && skel.length > 4;

function word(pre: string, alt: string | null = null): NameToken {
  const skel = finishSkeleton(pre);
  const candidates = alt === null ? [] : [finishSkeleton(alt)];
  // the article's l and a root l merge (عبداللطيف → abdltf), so keep both readings
  if (isAbdCompound(skel)) candidates.push(skel.slice(3), skel.replace(/^abdl/, ''));
  const alts = [...new Set(candidates)].filter((a) => a !== skel && a.length >= 2);
  return { skel, alts, particle: false, initial: false };
}

const particle = (skel: string): NameToken => ({ skel, alts: [], particle: true, initial: false });

function arabicTokens(raw: string): NameToken[] {
  const a = normaliseArabicWord(raw);
  if (a === '') return [];
  if (a === 'بن' || a === 'ابن') return [particle('bn')];
  if (a === 'بنت') return [particle('bnt')];
  if (a === 'ال') return [particle('al')];
  // The article is ال without hamza: ألمايهو (Alemayehu) is not al- + مايهو.
  const article = /^[اٱ]ل/.test(cleanArabic(raw));
  if (article && a.length >= 4 && !ARABIC_AL_WORDS.has(a)) {
    return [particle('al'), word(arabicTokenToLatin(a.slice(2)))];
  }
  const pre = arabicTokenToLatin(a);
  return pre === '' ? [] : [word(pre)];
}

function latinTokens(raw: string): NameToken[] {
  const f = foldLatin(raw).replace(/[^a-z]/g, '');
  if (f === '') return [];
  if (f.length === 1)
    return [{ skel: finishSkeleton(latinTokenToPre(f)), alts: [], particle: true, initial: true }];
  if (HONORIFICS.has(f) || LATIN_OTHER.has(f)) return [particle(f)];
  if (LATIN_ARTICLES.has(f)) return [particle('al')];
  if (LATIN_BIN.has(f)) return [particle('bn')];
  if (LATIN_BINT.has(f)) return [particle('bnt')];
  const rest = withoutGluedParticles(f);
  return [word(latinTokenToPre(f), rest === f ? null : latinTokenToPre(rest))];
}

/**
 * The token without a glued particle in front (Alhashimi, Benyoussef, Delacruz, Ezzahra)
 * or a glued article behind (Rafiqul Islam, Habibur Rahman, Nasirud Din).
 */
function withoutGluedParticles(f: string): string {
  let rest = f;
  for (const [re, minRest] of GLUED_LATIN) {
    const m = re.exec(f);
    if (m && f.length - m[0].length >= minRest) {
      rest = f.slice(m[0].length);
      break;
    }
  }
  if (rest.length >= 5 && /u[lrsdz]$/.test(rest)) rest = rest.slice(0, -2);
  return rest;
}

/** Splits a full name (any script, any order) into skeleton tokens, in written order. */
export function tokeniseName(name: string): NameToken[] {
  const cleaned = name.replace(/\b[sdwc]\s*\/\s*o\b/gi, ' ').replace(/['’‘`ʿʾ´]/g, '');
  const raw = cleaned.split(/[^\p{L}\p{M}]+/u).filter((t) => t !== '');
  return mergeCompounds(raw)
    .flatMap((t) => (hasArabic(t) ? arabicTokens(t) : latinTokens(t)))
    .filter((t) => t.skel !== '');
}

/** The tokens worth matching: not particles, or every token when the name is all particles. */
export function significantTokens(tokens: NameToken[]): NameToken[] {
  const sig = tokens.filter((t) => !t.particle);
  return sig.length > 0 ? sig : tokens;
}
