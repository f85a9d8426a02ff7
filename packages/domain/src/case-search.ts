import { normaliseName } from './duplicates/keys.js';
import { normaliseDocumentNumber, normalisePhone } from './duplicates/score.js';

/**
 * What the case list's search box was given, decided from the text alone:
 * - `reference`: a case reference (NRM-2026-000123, or its beginning), matched by prefix;
 * - `identifier`: a document or phone number, matched exactly through the blind index of each
 *   normalised value (normalised as the writer normalised it: `normaliseDocumentNumber`,
 *   `normalisePhone`); digits alone may be either, so both are tried;
 * - `name`: name parts, each matched on its own (order does not matter), as typed or as its
 *   matching skeleton (`normaliseName`), so Hossain Mohammed finds Mohammed Hossain.
 */
export type CaseSearch =
  | { kind: 'reference'; prefix: string }
  | { kind: 'identifier'; documentNumbers: string[]; phones: string[] }
  | { kind: 'name'; parts: CaseSearchNamePart[] };

export interface CaseSearchNamePart {
  /** The part lower-cased, as the stored names are. */
  typed: string;
  /** Its matching skeleton, or null when it has none or it is the typed text. */
  skeleton: string | null;
}

/** Name parts searched at most; further words are ignored. */
export const MAX_SEARCH_NAME_PARTS = 5;

/** Arabic-Indic and Persian digits as ASCII digits (stored phones hold ASCII digits only). */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90));
}

/** Characters a phone number is written with (as the person contract accepts it). */
const PHONE_TEXT = /^[+\d\s().-]+$/;
/** Letters and digits with spaces, dashes, dots or slashes between: a document number. */
const DOCUMENT_TEXT = /^[A-Za-z0-9\s\-./\\]+$/;

export function classifyCaseSearch(q: string): CaseSearch {
  const text = q.trim();
  if (/^NRM-/i.test(text)) return { kind: 'reference', prefix: text.toUpperCase() };
  const ascii = asciiDigits(text);
  if (/\d/.test(ascii) && (PHONE_TEXT.test(ascii) || DOCUMENT_TEXT.test(ascii))) {
    const documentNumbers = DOCUMENT_TEXT.test(ascii) ? [normaliseDocumentNumber(ascii)] : [];
    const phones = PHONE_TEXT.test(ascii) ? [normalisePhone(ascii)] : [];
    return {
      kind: 'identifier',
      documentNumbers: documentNumbers.filter((n) => n !== ''),
      phones: phones.filter((p) => p !== ''),
    };
  }
  const words = text
    .split(/[\s,;]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w !== '');
  const parts: CaseSearchNamePart[] = [];
  for (const typed of new Set(words)) {
    if (parts.length >= MAX_SEARCH_NAME_PARTS) break;
    const skeleton = normaliseName(typed);
    parts.push({ typed, skeleton: skeleton && skeleton !== typed ? skeleton : null });
  }
  return { kind: 'name', parts };
}
