import { useTranslation } from 'react-i18next';

/**
 * Intl locale tags. Arabic uses Latin digits throughout, so a number never mixes digit
 * systems between formatted dates and interpolated counts (UX.md, "Dates").
 */
const INTL_TAGS: Record<string, string> = { en: 'en-GB', ar: 'ar-u-nu-latn' };

export function intlTag(language: string): string {
  return INTL_TAGS[language] ?? 'en-GB';
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

export function formatRelative(date: Date, language: string, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(intlTag(language), { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return format.format(0, 'second');
}

export function useFormatters() {
  const { i18n } = useTranslation();
  const tag = intlTag(i18n.language);
  return {
    dateTime: (iso: string) =>
      new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    date: (iso: string) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium' }).format(new Date(iso)),
    relative: (iso: string) => formatRelative(new Date(iso), i18n.language),
    number: (value: number) => new Intl.NumberFormat(tag).format(value),
  };
}
