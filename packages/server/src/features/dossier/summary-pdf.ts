import type { Case, ReferralDto, TaskDto } from '@opennrm/domain';
import { type Align, BidiText, createPdf, type TextStyle } from './pdf-text.js';
import { DOCUMENT_TYPE_LABELS, ENUM_LABELS, type Locale, TEXT } from './summary-labels.js';

export interface SummaryDocument {
  n: number;
  title: string;
  type: string;
  date: string | null;
  version: number;
  fileName: string;
}

/** What the summary shows: only what the requester may see (the caller filters). */
export interface SummaryData {
  locale: Locale;
  generatedAt: Date;
  generatedBy: string;
  caseData: Case;
  referrals: ReferralDto[];
  tasks: TaskDto[];
  documents: SummaryDocument[];
}

const COLOURS = { text: '#111111', muted: '#555555', heading: '#0b3d63', rule: '#c8d1da', band: '#eef2f6' };

function fill(template: string, values: Record<string, string | number>) {
  return template.replace(/\{(\w+)\}/g, (_m, k: string) => String(values[k] ?? ''));
}

/** Dates as "22 Nov 2026" / "22 نوفمبر 2026" (Western digits in both, as the case file uses). */
export function formatDate(value: string | Date | null | undefined, locale: Locale): string {
  if (!value) return TEXT[locale].none;
  const date =
    typeof value === 'string' ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale === 'ar' ? 'ar-u-nu-latn' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

function countryName(code: string | null, locale: Locale): string {
  if (!code) return TEXT[locale].none;
  try {
    const name = new Intl.DisplayNames([locale], { type: 'region' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** A technical string (a file name) kept left to right inside Arabic text: a bidi isolate. */
const ltr = (value: string) => `\u2066${value}\u2069`;

const label = (group: string, value: string | null | undefined, locale: Locale) =>
  value ? (ENUM_LABELS[group]?.[locale]?.[value] ?? value) : TEXT[locale].none;

/** A page layout that flows top to bottom, mirrored for a right-to-left language. */
class Flow {
  readonly rtl: boolean;
  readonly left: number;
  readonly width: number;
  readonly bottom: number;
  y: number;

  constructor(
    readonly text: BidiText,
    readonly locale: Locale,
  ) {
    const doc = text.doc;
    this.rtl = locale === 'ar';
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    this.bottom = doc.page.height - doc.page.margins.bottom;
    this.y = doc.page.margins.top;
  }

  get start(): Align {
    return this.rtl ? 'right' : 'left';
  }

  lineHeight(style: TextStyle) {
    // Naskh has tall ascenders and deep descenders: Arabic lines need more room.
    return style.size * (this.rtl ? 1.75 : 1.45);
  }

  ensure(height: number) {
    if (this.y + height <= this.bottom) return;
    this.text.doc.addPage();
    this.y = this.text.doc.page.margins.top;
  }

  /** A block of text within [x, x + width] (the whole column by default). */
  paragraph(value: string, style: TextStyle, opts: { align?: Align; x?: number; width?: number } = {}) {
    const x = opts.x ?? this.left;
    const width = opts.width ?? this.width;
    const lh = this.lineHeight(style);
    for (const line of this.text.wrap(value, width, style, this.rtl)) {
      this.ensure(lh);
      this.text.drawLine(
        line,
        x,
        this.y + style.size * 1.1,
        width,
        opts.align ?? this.start,
        style,
        this.rtl,
      );
      this.y += lh;
    }
  }

  heading(value: string) {
    this.y += 10;
    this.ensure(100);
    this.paragraph(value, { size: 14, bold: true, color: COLOURS.heading });
    const doc = this.text.doc;
    doc
      .moveTo(this.left, this.y)
      .lineTo(this.left + this.width, this.y)
      .lineWidth(0.8)
      .strokeColor(COLOURS.rule)
      .stroke();
    this.y += 6;
  }

  /** Label and value side by side; the label on the reading side. */
  field(name: string, value: string) {
    const labelWidth = this.width * 0.32;
    const valueWidth = this.width - labelWidth - 12;
    const style = { size: 10.5 };
    const labelLines = this.text.wrap(name, labelWidth, { ...style, bold: true }, this.rtl);
    const valueLines = this.text.wrap(value || TEXT[this.locale].none, valueWidth, style, this.rtl);
    const lh = this.lineHeight(style);
    const rows = Math.max(labelLines.length, valueLines.length);
    this.ensure(rows * lh);
    const labelX = this.rtl ? this.left + this.width - labelWidth : this.left;
    const valueX = this.rtl ? this.left : this.left + labelWidth + 12;
    for (let i = 0; i < rows; i++) {
      const baseline = this.y + i * lh + style.size * 1.1;
      const l = labelLines[i];
      const v = valueLines[i];
      if (l) {
        this.text.drawLine(
          l,
          labelX,
          baseline,
          labelWidth,
          this.start,
          {
            ...style,
            bold: true,
            color: COLOURS.muted,
          },
          this.rtl,
        );
      }
      if (v) this.text.drawLine(v, valueX, baseline, valueWidth, this.start, style, this.rtl);
    }
    this.y += rows * lh;
  }

  /** A table, or a muted line saying there is none (`empty`) when it has no rows. */
  tableOr(columns: { title: string; weight: number }[], rows: string[][], empty: string) {
    if (rows.length) this.table(columns, rows);
    else this.paragraph(empty, { size: 10.5, color: COLOURS.muted });
  }

  /** A table; columns are given in reading order and laid out right to left in Arabic. */
  table(columns: { title: string; weight: number }[], rows: string[][]) {
    const doc = this.text.doc;
    const total = columns.reduce((s, c) => s + c.weight, 0);
    const gap = 6;
    const widths = columns.map((c) => (this.width * c.weight) / total);
    const xs: number[] = [];
    let acc = 0;
    for (const w of widths) {
      xs.push(this.rtl ? this.left + this.width - acc - w : this.left + acc);
      acc += w;
    }
    const style = { size: 9 };
    const lh = this.lineHeight(style);
    const drawRow = (cells: string[], header: boolean) => {
      const cellStyle = header ? { ...style, bold: true, color: COLOURS.heading } : style;
      const lines = cells.map((cell, i) =>
        this.text.wrap(cell || TEXT[this.locale].none, (widths[i] ?? 0) - gap, cellStyle, this.rtl),
      );
      const height = Math.max(1, ...lines.map((l) => l.length)) * lh + 4;
      this.ensure(height + (header ? lh * 2 : 0));
      if (header) doc.rect(this.left, this.y, this.width, height).fill(COLOURS.band);
      lines.forEach((cellLines, i) => {
        cellLines.forEach((line, k) => {
          this.text.drawLine(
            line,
            (xs[i] ?? 0) + gap / 2,
            this.y + 2 + k * lh + style.size * 1.1,
            (widths[i] ?? 0) - gap,
            this.start,
            cellStyle,
            this.rtl,
          );
        });
      });
      this.y += height;
      doc
        .moveTo(this.left, this.y)
        .lineTo(this.left + this.width, this.y)
        .lineWidth(0.4)
        .strokeColor(COLOURS.rule)
        .stroke();
    };
    drawRow(
      columns.map((c) => c.title),
      true,
    );
    for (const row of rows) drawRow(row, false);
    this.y += 4;
  }
}

/** The case summary as a PDF, in the requester's language (Arabic: right to left). */
export async function renderSummaryPdf(data: SummaryData): Promise<Buffer> {
  const { locale, caseData: c } = data;
  const t = TEXT[locale];
  const { doc, fontkit } = createPdf({ title: `${t.title} ${c.reference}`, lang: locale });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const text = new BidiText(doc, fontkit);
  const flow = new Flow(text, locale);

  flow.paragraph(`${t.title}: ${c.reference}`, { size: 20, bold: true, color: COLOURS.heading });
  flow.paragraph(fill(t.prepared, { date: formatDate(data.generatedAt, locale), name: data.generatedBy }), {
    size: 9.5,
    color: COLOURS.muted,
  });
  flow.paragraph(t.confidential, { size: 9.5, bold: true, color: '#8a1c1c' });

  flow.heading(t.caseSection);
  flow.field(t.reference, c.reference);
  // The screening's outcome is absent when the reader's access lacks the screening section.
  const outcome = c.risk !== undefined;
  if (outcome) {
    flow.field(t.category, c.category ? label('category', c.category, locale) : t.notCategorised);
    if (c.subtype) flow.field(t.subtype, label('subtype', c.subtype, locale));
  }
  flow.field(t.stage, label('stage', c.stage, locale));
  if (outcome) flow.field(t.risk, label('risk', c.risk, locale));
  flow.field(t.received, formatDate(c.receivedAt, locale));
  flow.field(t.opened, formatDate(c.createdAt, locale));

  flow.heading(t.person);
  if (c.person) {
    const p = c.person;
    flow.field(t.nameLatin, p.nameLatin ?? t.none);
    flow.field(t.nameArabic, p.nameArabic ?? t.none);
    if (p.aliases.length) flow.field(t.aliases, p.aliases.join(locale === 'ar' ? '، ' : ', '));
    flow.field(t.nationality, countryName(p.nationality, locale));
    flow.field(
      t.dateOfBirth,
      p.dateOfBirth
        ? formatDate(p.dateOfBirth, locale)
        : p.estimatedBirthYear
          ? `~${p.estimatedBirthYear}`
          : t.none,
    );
  } else {
    flow.paragraph(t.personHidden, { size: 10.5, color: COLOURS.muted });
  }

  flow.heading(t.referrals);
  flow.tableOr(
    [
      { title: t.organisation, weight: 3 },
      { title: t.purpose, weight: 2.2 },
      { title: t.status, weight: 2 },
      { title: t.sent, weight: 1.6 },
      { title: t.completed, weight: 1.6 },
    ],
    data.referrals.map((r) => [
      r.organisationName,
      label('referralPurpose', r.purpose, locale),
      label('referralStatus', r.status, locale),
      formatDate(r.sentAt, locale),
      formatDate(r.completedAt, locale),
    ]),
    t.noReferrals,
  );

  const title = (task: TaskDto) => (task.title as Record<string, string>)[locale] ?? task.title.en;
  const open = data.tasks.filter((task) => task.status === 'open');
  const done = data.tasks.filter((task) => task.status === 'done');
  flow.heading(t.openTasks);
  flow.tableOr(
    [
      { title: t.task, weight: 5 },
      { title: t.due, weight: 1.6 },
    ],
    open.map((task) => [title(task), formatDate(task.dueAt, locale)]),
    t.noTasks,
  );
  flow.heading(t.doneTasks);
  flow.tableOr(
    [
      { title: t.task, weight: 5 },
      { title: t.completed, weight: 1.6 },
    ],
    done.map((task) => [title(task), formatDate(task.completedAt, locale)]),
    t.noTasks,
  );

  flow.heading(t.documents);
  flow.tableOr(
    [
      { title: t.number, weight: 0.6 },
      { title: t.docTitle, weight: 3 },
      { title: t.type, weight: 1.8 },
      { title: t.date, weight: 1.5 },
      { title: t.version, weight: 1.1 },
      { title: t.file, weight: 2.6 },
    ],
    data.documents.map((d) => [
      String(d.n),
      d.title,
      DOCUMENT_TYPE_LABELS[locale][d.type] ?? d.type,
      formatDate(d.date, locale),
      String(d.version),
      ltr(d.fileName),
    ]),
    t.noDocuments,
  );

  // Footer on every page: the reference and "page n of N".
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    text.drawLine(
      `${c.reference} · ${fill(t.page, { n: i + 1, total: range.count })}`,
      flow.left,
      doc.page.height - 30,
      flow.width,
      'center',
      { size: 8, color: COLOURS.muted },
      flow.rtl,
    );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
