import { createRequire } from 'node:module';
import bidiFactory from 'bidi-js';
import PDFDocument from 'pdfkit';

/**
 * Bidirectional text for PDFKit. PDFKit (through fontkit) shapes Arabic (joining forms,
 * lam-alef ligatures) and lays out a run of Arabic script right to left, but it knows nothing
 * of the Unicode Bidirectional Algorithm: a line mixing Arabic with Latin names, digits or
 * dates would come out in the wrong order, and its line wrapping is left-to-right only.
 *
 * So each line is resolved here: bidi-js gives every character its embedding level; the
 * line is cut into runs of one level, one font (Arabic letters in Noto Naskh Arabic, Latin
 * in Noto Sans) and one word (or one stretch of spaces); the runs are put in visual order (UAX #9, rule L2); each run is
 * drawn at an x we compute, so alignment (right for Arabic) is ours too. Text wrapping is
 * done on the logical text, a word at a time, before the reordering of each line.
 *
 * The fonts come from npm packages (@fontsource), so nothing is needed from the system.
 */

const require = createRequire(import.meta.url);
const bidi = bidiFactory();

const FONT_FILES = {
  ar: '@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff',
  'ar-bold': '@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-700-normal.woff',
  la: '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff',
  'la-bold': '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff',
  lx: '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff',
  'lx-bold': '@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff',
} as const;
type FontName = keyof typeof FONT_FILES;
type Family = 'ar' | 'la' | 'lx';

/** The part of fontkit's font object we use (PDFKit keeps it as `_font.font`). */
interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string): { direction?: string };
}

/** Characters that steer the bidi algorithm but have no glyph: dropped once levels are known. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;

export interface Run {
  text: string;
  font: FontName;
  level: number;
}

export type Align = 'left' | 'right' | 'center';

export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
}

export function createPdf(info: { title: string; lang: string }) {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: { Title: info.title, Creator: 'OpenNRM', Producer: 'OpenNRM' },
    lang: info.lang,
    bufferPages: true,
  });
  const fontkit = new Map<FontName, FontkitFont>();
  for (const [name, file] of Object.entries(FONT_FILES) as [FontName, string][]) {
    doc.registerFont(name, require.resolve(file));
    doc.font(name);
    fontkit.set(name, (doc as unknown as { _font: { font: FontkitFont } })._font.font);
  }
  return { doc, fontkit };
}

export class BidiText {
  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly fontkit: Map<FontName, FontkitFont>,
  ) {}

  #has(family: Family, codePoint: number) {
    return this.fontkit.get(family)?.hasGlyphForCodePoint(codePoint) ?? false;
  }

  #familyOf(ch: string, previous: Family | undefined): Family {
    const cp = ch.codePointAt(0) ?? 0x20;
    if (ARABIC_LETTER.test(ch)) return 'ar';
    // Spaces, digits and punctuation stay in the font around them when it has them.
    if (previous && !/\p{L}/u.test(ch) && this.#has(previous, cp)) return previous;
    for (const family of ['la', 'lx', 'ar'] as const) if (this.#has(family, cp)) return family;
    return previous ?? 'la';
  }

  /** The runs of one line, in visual order (left to right), ready to draw. */
  visualRuns(line: string, rtl: boolean, bold = false): Run[] {
    if (!line) return [];
    const { levels } = bidi.getEmbeddingLevels(line, rtl ? 'rtl' : 'ltr');
    const runs: Run[] = [];
    let previous: Family | undefined;
    let index = 0;
    for (const ch of line) {
      const level = levels[index] ?? (rtl ? 1 : 0);
      index += ch.length;
      if (INVISIBLE.test(ch)) continue;
      const family = this.#familyOf(ch, previous);
      previous = family;
      const font = (bold ? `${family}-bold` : family) as FontName;
      const last = runs.at(-1);
      // Runs end at spaces too: PDFKit lays out a string word by word and puts the words
      // left to right, so a right-to-left run must hold one word for the order to be ours.
      const space = /\s/.test(ch);
      if (last && last.font === font && last.level === level && space === /\s/.test(last.text))
        last.text += ch;
      else runs.push({ text: ch, font, level });
    }
    // Rule L2: from the highest level down to the lowest odd one, reverse every sequence of runs at that level or higher.
    const max = Math.max(0, ...runs.map((r) => r.level));
    const lowestOdd = Math.min(...runs.map((r) => (r.level % 2 === 1 ? r.level : Number.POSITIVE_INFINITY)));
    for (let level = max; level >= lowestOdd && Number.isFinite(lowestOdd); level--) {
      for (let i = 0; i < runs.length; ) {
        if ((runs[i]?.level ?? 0) < level) {
          i++;
          continue;
        }
        let j = i;
        while (j < runs.length && (runs[j]?.level ?? 0) >= level) j++;
        const reversed = runs.slice(i, j).reverse();
        runs.splice(i, j - i, ...reversed);
        i = j;
      }
    }
    // Within a run: fontkit already lays out Arabic script right to left. Any other run that
    // must read right to left (neutrals between Arabic words) is reversed here, mirrored.
    for (const run of runs) {
      const wantRtl = run.level % 2 === 1;
      const chars = [...run.text];
      const mirrored = wantRtl ? chars.map((c) => bidi.getMirroredCharacter(c) ?? c) : chars;
      const fontkitRtl = this.fontkit.get(run.font)?.layout(run.text).direction === 'rtl';
      run.text = (wantRtl !== fontkitRtl ? mirrored.reverse() : mirrored).join('');
    }
    return runs;
  }

  widthOf(runs: Run[], size: number): number {
    let width = 0;
    for (const run of runs) width += this.doc.font(run.font).fontSize(size).widthOfString(run.text);
    return width;
  }

  /** Width of a logical (unordered) string. */
  measure(text: string, style: TextStyle, rtl: boolean): number {
    return this.widthOf(this.visualRuns(text, rtl, style.bold), style.size);
  }

  /** Wraps logical text to lines no wider than `width` (a word longer than that is cut). */
  wrap(text: string, width: number, style: TextStyle, rtl: boolean): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split(/\r?\n/)) {
      const words = paragraph.split(/[ \t]+/).filter(Boolean);
      let line = '';
      for (const word of words) {
        const candidate = line ? `${line} ${word}` : word;
        if (!line || this.measure(candidate, style, rtl) <= width) {
          line = candidate;
          if (this.measure(line, style, rtl) > width) {
            // One word too long for the line: cut it where it fits.
            let cut = '';
            for (const ch of line) {
              if (cut && this.measure(cut + ch, style, rtl) > width) {
                lines.push(cut);
                cut = '';
              }
              cut += ch;
            }
            line = cut;
          }
          continue;
        }
        lines.push(line);
        line = word;
      }
      lines.push(line);
    }
    return lines;
  }

  /** Draws one line with its baseline at `baseline`, aligned within [x, x + width]. */
  drawLine(
    text: string,
    x: number,
    baseline: number,
    width: number,
    align: Align,
    style: TextStyle,
    rtl: boolean,
  ) {
    const runs = this.visualRuns(text, rtl, style.bold);
    const total = this.widthOf(runs, style.size);
    let cx = align === 'left' ? x : align === 'right' ? x + width - total : x + (width - total) / 2;
    this.doc.fillColor(style.color ?? '#111111');
    for (const run of runs) {
      this.doc.font(run.font).fontSize(style.size);
      this.doc.text(run.text, cx, baseline, { lineBreak: false, baseline: 'alphabetic' });
      cx += this.doc.widthOfString(run.text);
    }
  }
}
