import { foldKey, joinSkeletons, significantTokens, tokeniseName } from './tokens.js';

/** At most this many retrieval keys per name. */
export const MAX_KEYS_PER_NAME = 8;

/**
 * Lower-case Latin matching skeleton of a name: one skeleton per part, in written order,
 * separated by spaces. Arabic script is transliterated, so محمد and Mohammed both give
 * `mhmd`; a partial name typed in either script gives a substring of the full name's
 * skeleton in most cases, which is what the case list's name search relies on.
 */
export function normaliseName(name: string): string {
  return tokeniseName(name)
    .map((t) => t.skel)
    .join(' ');
}

/**
 * Other readings of one skeleton: th as t (Anitha / Anita), g as j (Tigist / تيجيست),
 * z as s (Joseph / جوزيف).
 */
function alternates(skel: string): string[] {
  const out: string[] = [];
  if (skel.includes('c')) out.push(foldKey(skel.replace(/c/g, 't')));
  if (skel.includes('g')) out.push(foldKey(skel.replace(/g/g, 'j')));
  if (skel.includes('z')) out.push(foldKey(skel.replace(/z/g, 's')));
  return out;
}

/**
 * Phonetic retrieval keys of one name, for exact-match lookup in the database: one per
 * significant part (particles such as al, bin, abu, de are not keys), then a key for the
 * unordered pair of first and last parts, then neighbouring parts joined into one word
 * (Nur Hayati / Nurhayati), then alternative readings; at most eight.
 * Spellings of a name across scripts and transliterations share at least one key.
 */
export function nameKeys(name: string): string[] {
  const tokens = significantTokens(tokeniseName(name)).filter((t) => t.skel.length >= 2 && !t.particle);
  const primary = [...new Set(tokens.map((t) => foldKey(t.skel)))];
  const keys: string[] = primary.slice(0, 5);
  const first = primary[0];
  const last = primary[primary.length - 1];
  if (first !== undefined && last !== undefined && first !== last) {
    keys.push([first, last].sort().join('+'));
  }
  const joined = tokens.slice(1).map((t, i) => foldKey(joinSkeletons(tokens[i]!.skel, t.skel)));
  const extra = tokens.flatMap((t) => [...alternates(t.skel), ...t.alts.map(foldKey)]);
  for (const k of [...primary.slice(5), ...joined, ...extra]) {
    if (keys.length >= MAX_KEYS_PER_NAME) break;
    if (!keys.includes(k)) keys.push(k);
  }
  if (keys.length === 0) {
    // Names made only of one-consonant parts (Bui Thi Hoa, Ei Ei Phyo) would otherwise never
    // be retrieved: key them by all their parts' skeletons together.
    const whole = tokeniseName(name)
      .map((t) => t.skel)
      .join('');
    if (whole.length >= 2) keys.push(`~${foldKey(whole)}`);
  }
  return keys;
}
