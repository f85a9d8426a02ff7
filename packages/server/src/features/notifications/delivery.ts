import type { Services } from '../../services.js';
import { digestEmail, type MailNotification, mailLocale, notificationEmail } from './email-text.js';
import { type Mailer, openMailer, publicBaseUrl } from './mailer.js';
import {
  claimPendingEmails,
  digestNotifications,
  emailRecipient,
  lockDueDigest,
  markDigestSent,
  skipQueuedEmails,
  updateEmails,
  usersDueADigest,
} from './notifications.repository.js';

/** Where delivery reports counts; never addresses or contents. */
export interface DeliveryLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Emails claimed per transaction: the rows stay locked while they are sent. */
const BATCH_SIZE = 20;
/** At most this many emails per run, so one run stays short; the rest go on the next run. */
const MAX_PER_RUN = 500;
/** After this many failed tries an email is given up ('failed'); before, it stays 'pending'. */
export const MAX_EMAIL_ATTEMPTS = 5;
/** A digest lists at most this many notifications; any left wait for the next day's. */
const DIGEST_MAX_ROWS = 1000;

/**
 * Whether a failed send was about this one email (a refused recipient or message) rather than
 * the mail server being unreachable or refusing us. When the server is the problem, the run
 * stops: the rest would fail the same way, each after a timeout, with their rows locked.
 */
function emailWasRefused(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EENVELOPE' || code === 'EMESSAGE';
}

const toMail = (r: {
  kind: string;
  reference: string | null;
  subject: Record<string, string> | null;
  link: string;
}): MailNotification => ({
  kind: r.kind,
  caseReference: r.reference,
  subject: r.subject ?? {},
  link: r.link,
});

/**
 * Sends the emails waiting to go ('pending'), each exactly once even with several server
 * instances: rows are claimed with FOR UPDATE SKIP LOCKED and marked in the same transaction.
 * A refused or unreachable send counts an attempt and is retried on a later run; after
 * MAX_EMAIL_ATTEMPTS it is 'failed'. Users without an address (or deactivated) are 'skipped',
 * and so is everything when SMTP_URL is unset: the notification stays in the app.
 */
export async function deliverPendingEmails(
  services: Services,
  log?: DeliveryLog,
): Promise<{ sent: number; failed: number }> {
  const { db, config } = services;
  const mailer = openMailer(config);
  if (!mailer) {
    const n = await skipQueuedEmails(db, 'pending');
    if (n > 0) log?.info({ skipped: n }, 'notification emails skipped: SMTP is not configured');
    return { sent: 0, failed: 0 };
  }
  try {
    return await deliverWith(services, mailer, log);
  } finally {
    mailer.close();
  }
}

async function deliverWith(
  services: Services,
  mailer: Mailer,
  log: DeliveryLog | undefined,
): Promise<{ sent: number; failed: number }> {
  const { db, config } = services;
  const baseUrl = publicBaseUrl(config);
  const tried: string[] = [];
  let sent = 0;
  let failed = 0;
  let retrying = 0;
  let skipped = 0;
  let serverDown = false;
  for (;;) {
    const claimed = await db.transaction().execute(async (trx) => {
      const rows = await claimPendingEmails(trx, tried, BATCH_SIZE);
      for (const row of rows) {
        if (serverDown) break;
        tried.push(row.id);
        if (!row.email || !row.active) {
          await updateEmails(trx, [row.id], { email_status: 'skipped' });
          skipped++;
          continue;
        }
        const locale = mailLocale(row.locale);
        try {
          await mailer.send({ to: row.email, locale, ...notificationEmail(locale, toMail(row), baseUrl) });
          await updateEmails(trx, [row.id], { email_status: 'sent', emailed_at: services.now() });
          sent++;
        } catch (error) {
          if (!emailWasRefused(error)) serverDown = true;
          const attempts = row.email_attempts + 1;
          const giveUp = attempts >= MAX_EMAIL_ATTEMPTS;
          await updateEmails(trx, [row.id], {
            email_attempts: attempts,
            email_status: giveUp ? 'failed' : 'pending',
          });
          if (giveUp) failed++;
          else retrying++;
        }
      }
      return rows.length;
    });
    if (claimed < BATCH_SIZE || tried.length >= MAX_PER_RUN || serverDown) break;
  }
  if (sent + failed + retrying + skipped > 0) {
    log?.info({ sent, failed, retrying, skipped }, 'notification emails delivered');
  }
  if (failed + retrying > 0) {
    log?.warn(
      { failed, retrying, serverUnavailable: serverDown },
      'some notification emails could not be sent',
    );
  }
  return { sent, failed };
}

/** The installation's calendar day and hour now (UTC + UTC_OFFSET_MINUTES). */
export function localDayAndHour(now: Date, utcOffsetMinutes: number): { day: string; hour: number } {
  const local = new Date(now.getTime() + utcOffsetMinutes * 60_000);
  return { day: local.toISOString().slice(0, 10), hour: local.getUTCHours() };
}

/**
 * Once per local day, at or after DIGEST_HOUR, sends each user who chose the daily digest one
 * email listing what they were notified of since the last one ('digest' rows: counts per kind,
 * references and links). Safe with several instances: the preference row is locked with FOR
 * UPDATE SKIP LOCKED and `last_digest_on` is set in the same transaction. Returns how many
 * digests were sent.
 */
export async function sendDailyDigests(services: Services, log?: DeliveryLog): Promise<number> {
  const { db, config } = services;
  const { day, hour } = localDayAndHour(services.now(), config.utcOffsetMinutes);
  const mailer = openMailer(config);
  if (!mailer) {
    await skipQueuedEmails(db, 'digest');
    return 0;
  }
  try {
    return hour < config.scheduler.digestHour ? 0 : await digestsWith(services, mailer, day, log);
  } finally {
    mailer.close();
  }
}

async function digestsWith(
  services: Services,
  mailer: Mailer,
  day: string,
  log: DeliveryLog | undefined,
): Promise<number> {
  const { db, config } = services;
  const due = await usersDueADigest(db, day);
  const baseUrl = publicBaseUrl(config);
  let digests = 0;
  let failures = 0;
  let serverDown = false;
  for (const userId of due) {
    const outcome = await db.transaction().execute(async (trx) => {
      // Another instance holds it, or has just sent today's digest.
      if (!(await lockDueDigest(trx, userId, day))) return 'none' as const;
      const user = await emailRecipient(trx, userId);
      const rows = await digestNotifications(trx, userId, DIGEST_MAX_ROWS);
      const ids = rows.map((r) => r.id);
      const done = () => markDigestSent(trx, userId, day);
      if (rows.length === 0) {
        await done();
        return 'none' as const;
      }
      if (!user.email || !user.active) {
        await updateEmails(trx, ids, { email_status: 'skipped' });
        await done();
        return 'none' as const;
      }
      const locale = mailLocale(user.locale);
      try {
        await mailer.send({ to: user.email, locale, ...digestEmail(locale, rows.map(toMail), baseUrl) });
      } catch (error) {
        if (!emailWasRefused(error)) serverDown = true;
        // Counted on the rows; the digest is tried again on the next run until it is given up.
        const attempts = Math.max(...rows.map((r) => r.email_attempts)) + 1;
        const giveUp = attempts >= MAX_EMAIL_ATTEMPTS;
        await updateEmails(trx, ids, {
          email_attempts: attempts,
          ...(giveUp ? { email_status: 'failed' } : {}),
        });
        if (giveUp) await done();
        return 'failed' as const;
      }
      await updateEmails(trx, ids, { email_status: 'sent', emailed_at: services.now() });
      await done();
      return 'sent' as const;
    });
    if (outcome === 'sent') digests++;
    if (outcome === 'failed') failures++;
    if (serverDown) break;
  }
  if (digests > 0) log?.info({ digests }, 'daily notification digests sent');
  if (failures > 0) log?.warn({ failures }, 'some daily notification digests could not be sent');
  return digests;
}
