import { skeletonSimilarity, subCost } from './distance.js';
import {
  isAbdCompound,
  joinSkeletons,
  type NameToken,
  significantTokens,
  tokeniseName,
  tokenWeight,
} from './tokens.js';

/** Parts compared per name at most; more are rare and only cost time. */
const MAX_PARTS = 6;
/** Token similarity below this counts as no match at all… */
const TOKEN_FLOOR = 0.5;
/** …and at or above this as a full match. */
const TOKEN_SURE = 0.95;
/** A joined part must match at least this well to count. */
const JOINED_FLOOR = 0.85;
/** Weight of an initial, and the similarity it earns against a part it may stand for. */
const INITIAL_WEIGHT = 0.3;
const INITIAL_MATCH = 0.8;

/** One part of a name as similarity sees it. */
export interface Part {
  /** The skeleton first, then other readings. */
  forms: string[];
  weight: number;
  /** Two neighbouring parts written as one (Nasir ud Din → nasirdin): only a close match counts. */
  joined?: boolean;
  /** A lone initial: matches a part starting with that letter, for partial credit. */
  initial?: boolean;
}

function part(t: NameToken): Part {
  if (t.initial) return { forms: [t.skel], weight: INITIAL_WEIGHT, initial: true };
  return { forms: [t.skel, ...t.alts], weight: tokenWeight(t) };
}

const cache = new Map<string, Part[]>();
const CACHE_SIZE = 5000;

/** The parts of a name worth matching (significant tokens and initials), memoised. */
export function partsOf(name: string): Part[] {
  const hit = cache.get(name);
  if (hit) return hit;
  const tokens = tokeniseName(name);
  const sig = significantTokens(tokens);
  const parts = tokens
    .filter((t) => sig.includes(t) || t.initial)
    .slice(0, MAX_PARTS)
    .map(part);
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(name, parts);
  return parts;
}

/** Two neighbouring parts as one word, or null when one of them is an initial. */
export function joinParts(x: Part, y: Part): Part | null {
  if (x.initial || y.initial) return null;
  return {
    forms: [joinSkeletons(x.forms[0]!, y.forms[0]!)],
    weight: Math.max(x.weight, y.weight),
    joined: true,
  };
}

function initialSimilarity(a: Part, b: Part): number {
  const x = a.forms[0]?.[0] ?? '';
  const y = b.forms[0]?.[0] ?? '';
  return x !== '' && y !== '' && subCost(x, y) <= 0.5 ? INITIAL_MATCH : 0;
}

/**
 * Two `abd …` compounds are told apart by what follows `abd`: Abdul Rahman and Abdul
 * Rahim share a long prefix that says nothing.
 */
function formSimilarity(x: string, y: string): number {
  if (!x.startsWith('abd') || !y.startsWith('abd')) return skeletonSimilarity(x, y);
  const rx = x.slice(x[3] === 'l' ? 4 : 3);
  const ry = y.slice(y[3] === 'l' ? 4 : 3);
  return rx.length >= 2 && ry.length >= 2 ? skeletonSimilarity(rx, ry) : skeletonSimilarity(x, y);
}

/**
 * 0..1 similarity of two parts. Raw skeleton similarity of spelling variants is about
 * 0.85 or more, of different names of similar shape 0.5–0.75: the scale is stretched so
 * that 0.5 counts as nothing and 0.95 as a full match.
 */
export function partSimilarity(a: Part, b: Part): number {
  if (a.initial || b.initial) return initialSimilarity(a, b);
  const [x0, y0] = [a.forms[0] ?? '', b.forms[0] ?? ''];
  // two abd compounds: only what follows abd tells them apart
  const bothAbd = isAbdCompound(x0) && isAbdCompound(y0);
  let best = bothAbd ? formSimilarity(x0, y0) : 0;
  if (!bothAbd) for (const x of a.forms) for (const y of b.forms) best = Math.max(best, formSimilarity(x, y));
  const floor = a.joined || b.joined ? JOINED_FLOOR : TOKEN_FLOOR;
  if (best < floor) return 0;
  return best >= TOKEN_SURE ? 1 : (best - TOKEN_FLOOR) / (TOKEN_SURE - TOKEN_FLOOR);
}
