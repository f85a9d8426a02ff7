import type { Measure } from './map-shapes';

/** Fitting labels: text cut or wrapped to a width, and intervals packed into rows that do not collide. */

/** `text` cut with an ellipsis to fit `max` pixels. */
export function fitText(text: string, max: number, size: number, bold: boolean, measure: Measure): string {
  if (measure(text, size, bold) <= max) return text;
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(`${chars.slice(0, mid).join('').trimEnd()}…`, size, bold) <= max) low = mid;
    else high = mid - 1;
  }
  return low === 0 ? '…' : `${chars.slice(0, low).join('').trimEnd()}…`;
}

/** `text` in at most `lines` lines of `max` pixels, broken between words; the last cut if need be. */
export function wrapText(
  text: string,
  max: number,
  size: number,
  bold: boolean,
  measure: Measure,
  lines = 2,
): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const candidate = line ? `${line} ${words[i]}` : words[i]!;
    if (!line || measure(candidate, size, bold) <= max) {
      line = candidate;
      continue;
    }
    if (out.length === lines - 1) {
      line = `${line} ${words.slice(i).join(' ')}`;
      break;
    }
    out.push(line);
    line = words[i]!;
  }
  if (line) out.push(line);
  return out.map((l) => fitText(l, max, size, bold, measure));
}

/**
 * Assigns each interval (in the given order) the first row where it overlaps nothing;
 * returns the row of each. Greedy interval packing keeps labels from colliding.
 */
export function packRows(intervals: readonly { start: number; end: number }[], gap = 8): number[] {
  const rows: { start: number; end: number }[][] = [];
  return intervals.map((interval) => {
    let row = rows.findIndex((taken) =>
      taken.every((other) => interval.end + gap <= other.start || interval.start >= other.end + gap),
    );
    if (row === -1) {
      row = rows.length;
      rows.push([]);
    }
    rows[row]!.push(interval);
    return row;
  });
}
