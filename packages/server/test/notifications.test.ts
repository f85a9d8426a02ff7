import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  deliverPendingEmails,
  MAX_EMAIL_ATTEMPTS,
  sendDailyDigests,
} from '../src/features/notifications/delivery.js';
import { type NotificationInput, notify } from '../src/features/notifications/notify.js';
import type { Services } from '../src/services.js';
import { createServices } from '../src/services.js';
import { type Client, createTestContext, type TestContext } from './harness.js';

// ---------------------------------------------------------------------------------------------
// A real SMTP server on loopback that keeps what it receives.

interface Received {
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`) in a header value. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const source = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < source.length; i++) {
    const hex = source.slice(i + 1, i + 3);
    if (source[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(source[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Enough of RFC 5322 and MIME for the single-part text emails the server sends. */
function parseMail(raw: string, to: string[]): Received {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return { to, subject: decodeWords(headers.subject ?? ''), text: text.replace(/\r\n/g, '\n'), headers };
}

const REJECTED = 'nobody@rejected.test';
const inbox: Received[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  disableReverseLookup: true,
  onRcptTo(address, _session, callback) {
    if (address.address === REJECTED) {
      callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      return;
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const to = session.envelope.rcptTo.map((r) => r.address);
      inbox.push(parseMail(Buffer.concat(chunks).toString('utf8'), to));
      callback();
    });
  },
});

const mailTo = (address: string) => inbox.filter((m) => m.to.includes(address));

// ---------------------------------------------------------------------------------------------

let ctx: TestContext;
let services: Services;
let manager: Client;
let focal: Client;
const ids: Record<string, string> = {};
const EMAIL = {
  casemanager: 'casemanager@nrm.test',
  focalpoint: 'focalpoint@inspection.test',
  officer: 'officer@police.test',
  shelter: REJECTED,
};

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  ctx = await createTestContext({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    PUBLIC_URL: 'https://nrm.example.org',
    MAIL_FROM: 'OpenNRM <no-reply@nrm.example.org>',
  });
  services = createServices({ config: ctx.config, db: ctx.db, now: ctx.clock.now, crypto: ctx.crypto });
  const users = await ctx.db.selectFrom('users').select(['id', 'username']).execute();
  for (const u of users) ids[u.username] = u.id;
  for (const [username, email] of Object.entries(EMAIL)) {
    await ctx.db.updateTable('users').set({ email }).where('username', '=', username).execute();
  }
  await ctx.db.updateTable('users').set({ locale: 'ar' }).where('username', '=', 'focalpoint').execute();
  manager = await ctx.signIn('casemanager');
  focal = await ctx.signIn('focalpoint');
});
afterAll(async () => {
  await ctx?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** Emails queued by other parts of the app (a new case may notify someone) are not counted here. */
const quiet = () =>
  ctx.db
    .updateTable('notifications')
    .set({ email_status: 'none' })
    .where('email_status', 'in', ['pending', 'digest'])
    .execute();
beforeEach(quiet);

const walkIn = {
  intakeKind: 'walk_in',
  channel: 'walk_in',
  person: {
    nameLatin: 'Maricel Dela Cruz',
    nameArabic: 'ماريسيل ديلا كروز',
    sex: 'female',
    dateOfBirth: '1994-03-12',
    nationality: 'PH',
    languages: ['tl', 'en'],
    workPermitType: 'domestic_worker',
    phone: '+973 3600 1122',
    documents: [{ type: 'passport', number: 'P1234567A', issuingCountry: 'PH', holder: 'employer' }],
  },
  narrative: 'Employer keeps her passport; salary unpaid for four months.',
};

async function newCase(): Promise<{ id: string; reference: string }> {
  const res = await manager.post('/api/cases', walkIn);
  expect(res.statusCode).toBe(201);
  await quiet();
  return { id: res.json().id, reference: res.json().reference };
}

const send = (usernames: string[], input: Partial<NotificationInput> & Pick<NotificationInput, 'kind'>) =>
  notify(
    ctx.db,
    [{ userIds: usernames.map((u) => ids[u]) }],
    { caseId: null, subject: {}, link: '/', ...input },
    ctx.clock.now(),
  );

const PERSONAL = ['Maricel', 'Dela Cruz', 'ماريسيل', 'P1234567A', '3600', 'passport', 'salary', '1994'];

describe('the in-app list', () => {
  it('lists my own notifications newest first, with the case reference, paged, with the unread count', async () => {
    const kase = await newCase();
    await ctx.db.deleteFrom('notifications').where('user_id', '=', ids.casemanager!).execute();
    for (const [i, kind] of (['task_assigned', 'overdue', 'escalation'] as const).entries()) {
      ctx.clock.advance(1000);
      await send(['casemanager'], {
        kind,
        caseId: kase.id,
        subject: { title: `Step ${i}` },
        link: `/cases/${kase.id}`,
      });
    }
    await send(['focalpoint'], { kind: 'referral_new', caseId: kase.id, link: '/inbox' });

    const count = await manager.get('/api/notifications/unread-count');
    expect(count.statusCode).toBe(200);
    expect(count.json()).toEqual({ unread: 3 });

    const first = await manager.get('/api/notifications?limit=2');
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.unread).toBe(3);
    expect(page.items.map((n: { kind: string }) => n.kind)).toEqual(['escalation', 'overdue']);
    expect(page.items[0]).toMatchObject({
      caseId: kase.id,
      caseReference: kase.reference,
      subject: { title: 'Step 2' },
      link: `/cases/${kase.id}`,
      readAt: null,
    });
    expect(page.nextCursor).toEqual(expect.any(String));
    const second = (await manager.get(`/api/notifications?limit=2&cursor=${page.nextCursor}`)).json();
    expect(second.items.map((n: { kind: string }) => n.kind)).toEqual(['task_assigned']);
    expect(second.nextCursor).toBeNull();

    const bad = await manager.get('/api/notifications?cursor=bm9wZQ');
    expect(bad.statusCode).toBe(400);
  });

  it('marks one read (only my own: another user’s is not found) and all read; filters unread', async () => {
    const mine = (await manager.get('/api/notifications')).json().items as { id: string }[];
    const theirs = (await focal.get('/api/notifications')).json().items as { id: string }[];
    expect(theirs.length).toBeGreaterThan(0);
    expect(mine.map((n) => n.id)).not.toContain(theirs[0]!.id);

    const denied = await manager.post(`/api/notifications/${theirs[0]!.id}/read`);
    expect(denied.statusCode).toBe(404);
    const stillUnread = await ctx.db
      .selectFrom('notifications')
      .select('read_at')
      .where('id', '=', theirs[0]!.id)
      .executeTakeFirstOrThrow();
    expect(stillUnread.read_at).toBeNull();
    expect((await manager.post('/api/notifications/not-a-uuid/read')).statusCode).toBe(400);

    const read = await manager.post(`/api/notifications/${mine[0]!.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ unread: mine.length - 1 });
    const unreadOnly = (await manager.get('/api/notifications?unread=true')).json();
    expect(unreadOnly.items.map((n: { id: string }) => n.id)).not.toContain(mine[0]!.id);
    expect(unreadOnly.items).toHaveLength(mine.length - 1);
    const readOnly = (await manager.get('/api/notifications?unread=false')).json();
    expect(readOnly.items.map((n: { id: string }) => n.id)).toEqual([mine[0]!.id]);
    expect(readOnly.items[0].readAt).toEqual(expect.any(String));

    const all = await manager.post('/api/notifications/read-all');
    expect(all.json()).toEqual({ unread: 0 });
    expect((await manager.get('/api/notifications/unread-count')).json()).toEqual({ unread: 0 });
    // The other user's notifications are untouched.
    expect((await focal.get('/api/notifications/unread-count')).json().unread).toBeGreaterThan(0);
  });

  it('needs a signed-in user', async () => {
    expect((await ctx.client().get('/api/notifications')).statusCode).toBe(401);
    expect((await ctx.client().get('/api/notifications/unread-count')).statusCode).toBe(401);
  });
});

describe('preferences', () => {
  it('default to every email kind, immediately; saving is audited', async () => {
    const before = await manager.get('/api/profile/notification-preferences');
    expect(before.json()).toEqual({
      email: [
        'referral_new',
        'task_assigned',
        'overdue',
        'escalation',
        'approval_requested',
        'urgent_intake',
      ],
      dailyDigest: false,
    });
    const saved = await manager.request('PUT', '/api/profile/notification-preferences', {
      email: ['overdue', 'task_assigned'],
      dailyDigest: false,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ email: ['task_assigned', 'overdue'], dailyDigest: false });
    expect((await manager.get('/api/profile/notification-preferences')).json()).toEqual(saved.json());
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'notification.preferences_updated')
      .where('target_id', '=', ids.casemanager!)
      .execute();
    expect(audit).toHaveLength(1);
    const bad = await manager.request('PUT', '/api/profile/notification-preferences', {
      email: ['closure_decided'],
      dailyDigest: false,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('an opted-out kind sends no email; an opted-in one does', async () => {
    const kase = await newCase();
    const before = mailTo(EMAIL.casemanager).length;
    await send(['casemanager'], { kind: 'referral_new', caseId: kase.id, link: '/inbox' });
    await send(['casemanager'], { kind: 'task_assigned', caseId: kase.id, link: `/cases/${kase.id}` });
    const result = await deliverPendingEmails(services);
    expect(result).toEqual({ sent: 1, failed: 0 });
    const got = mailTo(EMAIL.casemanager).slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]!.subject).toBe(`[OpenNRM] A task was assigned to you — ${kase.reference}`);
    const rows = await ctx.db
      .selectFrom('notifications')
      .select(['kind', 'email_status'])
      .where('user_id', '=', ids.casemanager!)
      .where('case_id', '=', kase.id)
      .orderBy('kind')
      .execute();
    expect(rows).toEqual([
      { kind: 'referral_new', email_status: 'none' },
      { kind: 'task_assigned', email_status: 'sent' },
    ]);
    // Back to everything, for the tests below.
    await manager.request('PUT', '/api/profile/notification-preferences', {
      email: [
        'referral_new',
        'task_assigned',
        'overdue',
        'escalation',
        'approval_requested',
        'urgent_intake',
      ],
      dailyDigest: false,
    });
  });
});

describe('email delivery', () => {
  it('sends the kind, the case reference and an absolute link, never the person’s data', async () => {
    const kase = await newCase();
    await send(['casemanager'], {
      kind: 'escalation',
      caseId: kase.id,
      // Only known, non-personal subject fields reach an email; anything else is left out.
      subject: { task: 'Initial assessment', taskAr: 'التقييم الأولي', note: 'Maricel Dela Cruz' },
      link: `/cases/${kase.id}`,
    });
    const before = mailTo(EMAIL.casemanager).length;
    expect(await deliverPendingEmails(services)).toEqual({ sent: 1, failed: 0 });
    const [mail] = mailTo(EMAIL.casemanager).slice(before);
    expect(mail!.subject).toBe(`[OpenNRM] Overdue work escalated to you — ${kase.reference}`);
    expect(mail!.text).toContain(`Case: ${kase.reference}`);
    expect(mail!.text).toContain('Task: Initial assessment');
    expect(mail!.text).toContain(`https://nrm.example.org/cases/${kase.id}`);
    expect(mail!.headers.from).toContain('no-reply@nrm.example.org');
    expect(mail!.headers['content-language']).toBe('en');
    expect(mail!.text).not.toContain('التقييم');
    for (const word of [...PERSONAL, 'Maryam Saleh']) {
      expect(mail!.subject).not.toContain(word);
      expect(mail!.text).not.toContain(word);
    }
    const row = await ctx.db
      .selectFrom('notifications')
      .select(['email_status', 'emailed_at'])
      .where('user_id', '=', ids.casemanager!)
      .where('kind', '=', 'escalation')
      .where('case_id', '=', kase.id)
      .executeTakeFirstOrThrow();
    expect(row.email_status).toBe('sent');
    expect(row.emailed_at).toBeInstanceOf(Date);
    // Sent once: a second run finds nothing to do.
    expect(await deliverPendingEmails(services)).toEqual({ sent: 0, failed: 0 });
    expect(mailTo(EMAIL.casemanager).length).toBe(before + 1);
    // Logs carry counts, never the address or the contents.
    const logs = ctx.logs.join('\n');
    expect(logs).not.toContain(EMAIL.casemanager);
    expect(logs).not.toContain(kase.reference);
  });

  it('writes in the recipient’s language: Arabic for an Arabic-speaking user', async () => {
    const kase = await newCase();
    await send(['focalpoint'], {
      kind: 'referral_new',
      caseId: kase.id,
      subject: { reference: kase.reference, purpose: 'inspection', task: 'Assess', taskAr: 'تقييم' },
      link: '/inbox',
    });
    await deliverPendingEmails(services);
    const mail = mailTo(EMAIL.focalpoint).at(-1)!;
    expect(mail.subject).toContain('إحالة جديدة إلى جهتك');
    expect(mail.subject).toContain(kase.reference);
    expect(mail.text).toContain('الحالة:');
    expect(mail.text).toContain('الغرض: التفتيش العمالي');
    expect(mail.text).toContain('المهمة: تقييم');
    expect(mail.text).toContain('https://nrm.example.org/inbox');
    expect(mail.headers['content-language']).toBe('ar');
    for (const word of PERSONAL) expect(mail.text).not.toContain(word);
  });

  it('skips users without an address, and everything when SMTP is not configured', async () => {
    await send(['supervisor'], { kind: 'approval_requested', link: '/' });
    expect(await deliverPendingEmails(services)).toEqual({ sent: 0, failed: 0 });
    const row = await ctx.db
      .selectFrom('notifications')
      .select('email_status')
      .where('user_id', '=', ids.supervisor!)
      .where('kind', '=', 'approval_requested')
      .executeTakeFirstOrThrow();
    expect(row.email_status).toBe('skipped');

    await send(['casemanager'], { kind: 'overdue', link: '/', dedupeKey: 'no-smtp' });
    const withoutSmtp = {
      ...services,
      config: { ...ctx.config, mail: { ...ctx.config.mail, smtpUrl: undefined } },
    };
    const before = inbox.length;
    expect(await deliverPendingEmails(withoutSmtp)).toEqual({ sent: 0, failed: 0 });
    expect(inbox.length).toBe(before);
    const skipped = await ctx.db
      .selectFrom('notifications')
      .select('email_status')
      .where('dedupe_key', '=', 'no-smtp')
      .executeTakeFirstOrThrow();
    expect(skipped.email_status).toBe('skipped');
  });

  it('retries a refused email, and gives up after the last attempt', async () => {
    await send(['shelter'], { kind: 'task_assigned', link: '/', dedupeKey: 'refused' });
    const status = () =>
      ctx.db
        .selectFrom('notifications')
        .select(['email_status', 'email_attempts'])
        .where('dedupe_key', '=', 'refused')
        .executeTakeFirstOrThrow();
    for (let i = 1; i < MAX_EMAIL_ATTEMPTS; i++) {
      expect(await deliverPendingEmails(services)).toEqual({ sent: 0, failed: 0 });
      expect(await status()).toEqual({ email_status: 'pending', email_attempts: i });
    }
    expect(await deliverPendingEmails(services)).toEqual({ sent: 0, failed: 1 });
    expect(await status()).toEqual({ email_status: 'failed', email_attempts: MAX_EMAIL_ATTEMPTS });
    expect(await deliverPendingEmails(services)).toEqual({ sent: 0, failed: 0 });
    expect(ctx.logs.join('\n')).not.toContain(REJECTED);
  });

  it('stops the run when the mail server cannot be reached, leaving the rest for the next run', async () => {
    for (let i = 0; i < 3; i++) {
      await send(['casemanager'], { kind: 'overdue', link: '/', dedupeKey: `unreachable:${i}` });
    }
    const unreachable = {
      ...services,
      config: { ...ctx.config, mail: { ...ctx.config.mail, smtpUrl: 'smtp://127.0.0.1:1' } },
    };
    expect(await deliverPendingEmails(unreachable)).toEqual({ sent: 0, failed: 0 });
    const rows = await ctx.db
      .selectFrom('notifications')
      .select(['email_status', 'email_attempts'])
      .where('dedupe_key', 'like', 'unreachable:%')
      .execute();
    expect(rows.every((r) => r.email_status === 'pending')).toBe(true);
    expect(rows.map((r) => r.email_attempts).sort()).toEqual([0, 0, 1]);
    // Once the server is back, everything goes.
    expect(await deliverPendingEmails(services)).toEqual({ sent: 3, failed: 0 });
  });

  it('sends each email once when two deliveries run at the same time', async () => {
    const total = 45;
    for (let i = 0; i < total; i++) {
      await send(['casemanager'], {
        kind: 'overdue',
        link: `/tasks/${i}`,
        dedupeKey: `overdue:concurrent:${i}`,
      });
    }
    const before = mailTo(EMAIL.casemanager).length;
    const [a, b] = await Promise.all([deliverPendingEmails(services), deliverPendingEmails(services)]);
    expect(a.sent + b.sent).toBe(total);
    const got = mailTo(EMAIL.casemanager).slice(before);
    expect(got).toHaveLength(total);
    const links = new Set(got.map((m) => /\/tasks\/(\d+)/.exec(m.text)?.[1]));
    expect(links.size).toBe(total);
  });
});

describe('the address', () => {
  it('is recorded by an administrator on the user (validated), and used for the next email', async () => {
    const admin = await ctx.signIn('admin');
    const bad = await admin.patch(`/api/users/${ids.analyst}`, { email: 'not an address' });
    expect(bad.statusCode).toBe(400);
    const res = await admin.patch(`/api/users/${ids.analyst}`, { email: ' Analyst@NRM.test ' });
    expect(res.statusCode).toBe(200);
    expect(res.json().email).toBe('analyst@nrm.test');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'user.updated')
      .where('target_id', '=', ids.analyst!)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.details)).not.toContain('analyst@nrm.test');
    await send(['analyst'], { kind: 'approval_requested', link: '/' });
    expect(await deliverPendingEmails(services)).toEqual({ sent: 1, failed: 0 });
    expect(mailTo('analyst@nrm.test')).toHaveLength(1);
    const cleared = await admin.patch(`/api/users/${ids.analyst}`, { email: null });
    expect(cleared.json().email).toBeNull();
  });
});

describe('daily digest', () => {
  /** Moves the test clock forward to the next time the installation's clock shows `hour`:00. */
  function moveToLocalHour(hour: number) {
    const offset = ctx.config.utcOffsetMinutes * 60_000;
    const local = ctx.clock.now().getTime() + offset;
    let target = Math.floor(local / 86_400_000) * 86_400_000 + hour * 3_600_000;
    if (target <= local) target += 86_400_000;
    ctx.clock.advance(target - local);
  }

  it('sends one email a day with everything since the last one, at or after the digest hour', async () => {
    const officer = await ctx.signIn('officer');
    const saved = await officer.request('PUT', '/api/profile/notification-preferences', {
      email: ['referral_new', 'task_assigned', 'overdue'],
      dailyDigest: true,
    });
    expect(saved.statusCode).toBe(200);
    const cases = [await newCase(), await newCase()];
    await send(['officer'], { kind: 'referral_new', caseId: cases[0]!.id, link: '/inbox' });
    await send(['officer'], { kind: 'referral_new', caseId: cases[1]!.id, link: '/inbox' });
    await send(['officer'], { kind: 'task_assigned', caseId: cases[1]!.id, link: `/cases/${cases[1]!.id}` });
    await send(['officer'], { kind: 'escalation', caseId: cases[0]!.id, link: '/' }); // opted out
    const statuses = await ctx.db
      .selectFrom('notifications')
      .select('email_status')
      .where('user_id', '=', ids.officer!)
      .orderBy('email_status')
      .execute();
    expect(statuses.map((s) => s.email_status)).toEqual(['digest', 'digest', 'digest', 'none']);
    // Digest rows are not sent one by one.
    await deliverPendingEmails(services);
    expect(mailTo(EMAIL.officer)).toHaveLength(0);

    expect(ctx.config.scheduler.digestHour).toBe(7);
    moveToLocalHour(5);
    expect(await sendDailyDigests(services)).toBe(0);
    moveToLocalHour(7);
    expect(await sendDailyDigests(services)).toBe(1);
    const mails = mailTo(EMAIL.officer);
    expect(mails).toHaveLength(1);
    const digest = mails[0]!;
    expect(digest.subject).toBe('[OpenNRM] Daily summary of notifications (3)');
    expect(digest.text).toContain('- New referral for your organisation: 2');
    expect(digest.text).toContain('- A task was assigned to you: 1');
    expect(digest.text).not.toContain('escalated');
    for (const c of cases) expect(digest.text).toContain(c.reference);
    expect(digest.text).toContain('https://nrm.example.org/inbox');
    expect(digest.text).toContain('https://nrm.example.org/notifications');
    for (const word of [...PERSONAL, 'Noor Ahmed']) expect(digest.text).not.toContain(word);

    // Not twice the same day, even with two runs at once.
    const again = await Promise.all([sendDailyDigests(services), sendDailyDigests(services)]);
    expect(again).toEqual([0, 0]);
    expect(mailTo(EMAIL.officer)).toHaveLength(1);
    const after = await ctx.db
      .selectFrom('notifications')
      .select('email_status')
      .where('user_id', '=', ids.officer!)
      .where('email_status', '=', 'digest')
      .execute();
    expect(after).toHaveLength(0);

    // The next day: only what is new, and nothing when nothing is.
    await send(['officer'], { kind: 'overdue', caseId: cases[0]!.id, link: '/tasks' });
    moveToLocalHour(5);
    expect(await sendDailyDigests(services)).toBe(0);
    moveToLocalHour(8);
    expect(await sendDailyDigests(services)).toBe(1);
    expect(mailTo(EMAIL.officer)).toHaveLength(2);
    expect(mailTo(EMAIL.officer)[1]!.subject).toContain('(1)');
    moveToLocalHour(9);
    expect(await sendDailyDigests(services)).toBe(0);
    ctx.clock.advance(86_400_000);
    expect(await sendDailyDigests(services)).toBe(0);
    expect(mailTo(EMAIL.officer)).toHaveLength(2);
  });
});
