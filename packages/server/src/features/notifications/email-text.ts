import {
  type Labels,
  labelOf,
  NOTIFICATION_KIND_LABELS,
  REFERRAL_PURPOSE_LABELS,
  REFERRAL_STATUS_LABELS,
} from '@opennrm/domain';

/**
 * The words of notification emails, in the recipient's language. An email names the kind of
 * event, the case reference, the non-personal subject fields (a task title, an organisation)
 * and a link into the app: never a person's name, narrative or any other case field, because
 * email leaves the system and is often forwarded, synced to phones and kept for years.
 * The words for the kinds, purposes and statuses are the domain's vocabulary, as in the app.
 */
export type MailLocale = 'en' | 'ar';

interface Words {
  fields: Record<SubjectField, string>;
  /** Words for the closure decision (the other coded fields use the domain's vocabulary). */
  decisions: Record<'approved' | 'rejected', string>;
  caseLabel: string;
  openLabel: string;
  digestSubject: (count: number) => string;
  digestIntro: string;
  digestCounts: string;
  digestItems: string;
  digestMore: (count: number) => string;
  seeAll: string;
  footer: string;
  preferences: string;
}

const en: Words = {
  fields: {
    task: 'Task',
    purpose: 'Purpose',
    organisation: 'Organisation',
    status: 'Status',
    decision: 'Decision',
  },
  decisions: { approved: 'Closure approved', rejected: 'Closure not approved' },
  caseLabel: 'Case',
  openLabel: 'Open in OpenNRM',
  digestSubject: (count) => `Daily summary of notifications (${count})`,
  digestIntro: 'Your notifications since the last summary:',
  digestCounts: 'By kind',
  digestItems: 'Notifications',
  digestMore: (count) => `… and ${count} more.`,
  seeAll: 'See all your notifications',
  footer:
    'You receive this email because of your notification preferences in OpenNRM. It holds no personal data: open the link to see the case.',
  preferences: 'Change your preferences',
};

const ar: Words = {
  fields: {
    task: 'المهمة',
    purpose: 'الغرض',
    organisation: 'الجهة',
    status: 'وضع الإحالة',
    decision: 'القرار',
  },
  decisions: { approved: 'اعتُمد الإغلاق', rejected: 'لم يُعتمد الإغلاق' },
  caseLabel: 'الحالة',
  openLabel: 'افتح في OpenNRM',
  digestSubject: (count) => `الملخص اليومي للإشعارات (${count})`,
  digestIntro: 'إشعاراتك منذ الملخص السابق:',
  digestCounts: 'حسب النوع',
  digestItems: 'الإشعارات',
  digestMore: (count) => `… وعدد آخر: ${count}.`,
  seeAll: 'اعرض جميع إشعاراتك',
  footer:
    'تصلك هذه الرسالة وفق تفضيلات الإشعارات في حسابك على OpenNRM. لا تحتوي على أي بيانات شخصية: افتح الرابط للاطلاع على الحالة.',
  preferences: 'غيّر تفضيلاتك',
};

const WORDS: Record<MailLocale, Words> = { en, ar };

/** Left-to-right isolate: a reference or a link stays in order inside Arabic text. */
const ltr = (locale: MailLocale, text: string) => (locale === 'ar' ? `\u2066${text}\u2069` : text);

export function mailLocale(value: string | null | undefined): MailLocale {
  return value === 'ar' ? 'ar' : 'en';
}

export interface MailNotification {
  kind: string;
  caseReference: string | null;
  subject: Record<string, string>;
  link: string;
}

export interface MailText {
  subject: string;
  text: string;
}

/** An absolute address for a link into the app. */
export function absoluteLink(baseUrl: string, link: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return `${base}${link.startsWith('/') ? link : `/${link}`}`;
}

function kindText(locale: MailLocale, kind: string): string {
  return labelOf(NOTIFICATION_KIND_LABELS, kind, locale);
}

/** The vocabularies of the subject fields that hold a code rather than text. */
const CODED: Record<'purpose' | 'status', Labels<string>> = {
  purpose: REFERRAL_PURPOSE_LABELS,
  status: REFERRAL_STATUS_LABELS,
};

function codedText(locale: MailLocale, words: Words, field: 'purpose' | 'status' | 'decision', raw: string) {
  if (field === 'decision') return (words.decisions as Record<string, string>)[raw] ?? raw;
  return labelOf(CODED[field], raw, locale);
}

/**
 * The subject fields an email shows, in this order; any other field is left out, so nothing
 * but these non-personal words (and the case reference) can reach an email.
 */
const SUBJECT_FIELDS = ['task', 'organisation', 'purpose', 'status', 'decision'] as const;
type SubjectField = (typeof SUBJECT_FIELDS)[number];

function subjectLines(locale: MailLocale, words: Words, subject: Record<string, string>): string[] {
  const lines: string[] = [];
  for (const field of SUBJECT_FIELDS) {
    // A task title may come in Arabic too (`taskAr`).
    const raw = field === 'task' && locale === 'ar' ? (subject.taskAr ?? subject.task) : subject[field];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const coded = field === 'purpose' || field === 'status' || field === 'decision';
    const value = coded ? codedText(locale, words, field, raw) : raw.replace(/\s+/g, ' ').slice(0, 200);
    lines.push(`${words.fields[field]}: ${value}`);
  }
  return lines;
}

/** The case reference: from the case, or as the notification recorded it. */
function referenceOf(n: MailNotification): string | null {
  return n.caseReference ?? n.subject.reference ?? null;
}

const PREFIX = '[OpenNRM]';

export function notificationEmail(locale: MailLocale, n: MailNotification, baseUrl: string): MailText {
  const words = WORDS[locale];
  const title = kindText(locale, n.kind);
  const caseReference = referenceOf(n);
  const reference = caseReference ? ` — ${ltr(locale, caseReference)}` : '';
  const lines = [title, ''];
  if (caseReference) lines.push(`${words.caseLabel}: ${ltr(locale, caseReference)}`);
  lines.push(...subjectLines(locale, words, n.subject));
  lines.push(`${words.openLabel}: ${absoluteLink(baseUrl, n.link)}`, '', '--', words.footer);
  lines.push(`${words.preferences}: ${absoluteLink(baseUrl, '/profile')}`);
  return { subject: `${PREFIX} ${title}${reference}`, text: `${lines.join('\n')}\n` };
}

/** How many items a digest lists one by one; the counts per kind cover all of them. */
export const DIGEST_LIST_LIMIT = 50;

export function digestEmail(
  locale: MailLocale,
  items: readonly MailNotification[],
  baseUrl: string,
): MailText {
  const words = WORDS[locale];
  const total = items.length;
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  const lines = [words.digestIntro, '', `${words.digestCounts}:`];
  for (const [kind, count] of counts) lines.push(`- ${kindText(locale, kind)}: ${count}`);
  lines.push('', `${words.digestItems}:`);
  for (const item of items.slice(0, DIGEST_LIST_LIMIT)) {
    const caseReference = referenceOf(item);
    const reference = caseReference ? ` — ${ltr(locale, caseReference)}` : '';
    lines.push(`- ${kindText(locale, item.kind)}${reference}`, `  ${absoluteLink(baseUrl, item.link)}`);
  }
  if (total > DIGEST_LIST_LIMIT) lines.push(words.digestMore(total - DIGEST_LIST_LIMIT));
  lines.push('', `${words.seeAll}: ${absoluteLink(baseUrl, '/notifications')}`, '', '--', words.footer);
  lines.push(`${words.preferences}: ${absoluteLink(baseUrl, '/profile')}`);
  return { subject: `${PREFIX} ${words.digestSubject(total)}`, text: `${lines.join('\n')}\n` };
}
