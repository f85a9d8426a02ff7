import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { purgeExpiredDossiers, waitForDossierJobs } from '../src/features/dossier/dossier.service.js';
import { type Client, createTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
let manager: Client;
let caseId: string;
let reference: string;

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
  const created = await manager.post('/api/cases', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: {
      nameLatin: 'Lalita Gurung',
      nameArabic: 'لاليتا غورونغ',
      nationality: 'NP',
      dateOfBirth: '1992-05-05',
    },
  });
  caseId = created.json().id;
  reference = created.json().reference;
});
afterAll(async () => {
  await waitForDossierJobs();
  await ctx.close();
});

function pdfWith(marker: string, size: number): Buffer {
  const buf = Buffer.alloc(size, 0x20);
  buf.write('%PDF-1.4\n', 0, 'latin1');
  buf.write(marker, 32, 'latin1');
  return buf;
}

async function upload(client: Client, file: Buffer, fileName: string, title: string) {
  const started = await client.post(`/api/cases/${caseId}/uploads`, {
    fileName,
    size: file.length,
    metadata: { type: 'police_report', title, date: '2026-11-20', language: 'en' },
  });
  expect(started.statusCode, started.body).toBe(201);
  const up = started.json();
  for (let index = 0; index < up.chunks; index++) {
    const chunk = file.subarray(index * up.chunkSize, (index + 1) * up.chunkSize);
    const sent = await client.request('PUT', `/api/uploads/${up.id}/chunks/${index}`, chunk, {
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(sent.statusCode, sent.body).toBe(200);
  }
  const done = await client.post(`/api/uploads/${up.id}/complete`);
  expect(done.statusCode, done.body).toBe(201);
  return done.json() as { id: string; current: { sha256: string } };
}

async function exportDossier(client: Client) {
  const started = await client.post(`/api/cases/${caseId}/dossier`);
  expect(started.statusCode, started.body).toBe(202);
  expect(started.json()).toMatchObject({ state: 'queued', progress: 0 });
  const id = started.json().id as string;
  await waitForDossierJobs();
  let status = (await client.get(`/api/dossiers/${id}`)).json();
  for (let i = 0; i < 50 && (status.state === 'queued' || status.state === 'running'); i++) {
    await new Promise((r) => setTimeout(r, 50));
    status = (await client.get(`/api/dossiers/${id}`)).json();
  }
  expect(status, JSON.stringify(status)).toMatchObject({
    state: 'done',
    downloadUrl: `/api/dossiers/${id}/download`,
  });
  expect(status.progress).toBe(status.total);
  const download = await client.get(status.downloadUrl);
  expect(download.statusCode, download.body).toBe(200);
  return { id, status, download, entries: await unzip(download.rawPayload) };
}

function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error);
      const entries = new Map<string, Buffer>();
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          const pieces: Buffer[] = [];
          stream.on('data', (p: Buffer) => pieces.push(p));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(pieces));
            file.readEntry();
          });
          stream.on('error', reject);
        });
      });
      file.on('end', () => resolve(entries));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

describe('dossier export', () => {
  const first = pdfWith('FIRST-DOCUMENT-SECRET', 70_000);
  const second = pdfWith('SECOND-DOCUMENT-SECRET', 200_000);
  let firstId: string;
  let secondId: string;

  it('builds an encrypted ZIP of the documents, an index and a summary, for its requester only', async () => {
    firstId = (await upload(manager, first, 'Police report.pdf', 'Police report')).id;
    secondId = (await upload(manager, second, 'عقد العمل.pdf', 'عقد العمل')).id;

    const { id, status, download, entries } = await exportDossier(manager);
    expect(status.total).toBe(2);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(download.headers['cache-control']).toBe('no-store');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="dossier-${reference}.zip"`);

    expect([...entries.keys()]).toEqual([
      'index.csv',
      'summary.pdf',
      'documents/01-Police report.pdf',
      'documents/02-عقد العمل.pdf',
    ]);
    expect(entries.get('documents/01-Police report.pdf')?.equals(first)).toBe(true);
    expect(entries.get('documents/02-عقد العمل.pdf')?.equals(second)).toBe(true);
    const index = entries.get('index.csv')?.toString('utf8') ?? '';
    expect(index).toContain('"Police report"');
    expect(index).toContain('"عقد العمل"');
    const { createHash } = await import('node:crypto');
    expect(index).toContain(createHash('sha256').update(first).digest('hex'));
    expect(index).toContain(createHash('sha256').update(second).digest('hex'));
    expect(entries.get('summary.pdf')?.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (process.env.DOSSIER_VISUAL_DIR) {
      await writeFile(
        path.join(process.env.DOSSIER_VISUAL_DIR, 'export-en.pdf'),
        entries.get('summary.pdf')!,
      );
    }

    // The stored object is encrypted: no document bytes, no ZIP structure, no PDF.
    const stored = await readFile(path.join(ctx.filesDir, 'dossiers', id));
    expect(stored.includes(Buffer.from('FIRST-DOCUMENT-SECRET'))).toBe(false);
    expect(stored.includes(Buffer.from('SECOND-DOCUMENT-SECRET'))).toBe(false);
    expect(stored.includes(Buffer.from('PK\x03\x04', 'latin1'))).toBe(false);
    expect(stored.includes(Buffer.from('Police report'))).toBe(false);

    // Nobody else can see the job or download it, not even a supervisor.
    const supervisor = await ctx.signIn('supervisor');
    expect((await supervisor.get(`/api/dossiers/${id}`)).statusCode).toBe(404);
    expect((await supervisor.get(`/api/dossiers/${id}/download`)).statusCode).toBe(404);

    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_id', '=', caseId)
      .where('action', 'in', ['dossier.requested', 'dossier.downloaded'])
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['dossier.requested', 'dossier.downloaded']);
    expect(audit[0]?.details).toMatchObject({ exportId: id, documents: [firstId, secondId] });
  });

  it('writes the summary in the requester’s language', async () => {
    await ctx.db.updateTable('users').set({ locale: 'ar' }).where('username', '=', 'casemanager').execute();
    const { entries } = await exportDossier(manager);
    const pdf = entries.get('summary.pdf')!;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The Arabic font is embedded (a subset of Noto Naskh Arabic).
    expect(pdf.includes(Buffer.from('NotoNaskhArabic'))).toBe(true);
    const index = entries.get('index.csv')?.toString('utf8') ?? '';
    expect(index.startsWith('\ufeff"الرقم"')).toBe(true);
    if (process.env.DOSSIER_VISUAL_DIR) {
      await writeFile(path.join(process.env.DOSSIER_VISUAL_DIR, 'export-ar.pdf'), pdf);
    }
    await ctx.db.updateTable('users').set({ locale: 'en' }).where('username', '=', 'casemanager').execute();
  });

  it('gives an agency only the documents shared with it', async () => {
    const police = await ctx.signIn('officer');
    expect((await police.post(`/api/cases/${caseId}/dossier`)).statusCode).toBe(404);
    await manager.post(`/api/cases/${caseId}/consents`, {
      purpose: 'share_with_organisation_kind',
      organisationKind: 'police',
      status: 'given',
      method: 'verbal',
    });
    const policeOrg = (
      await ctx.db
        .selectFrom('organisations')
        .select('id')
        .where('kind', '=', 'police')
        .executeTakeFirstOrThrow()
    ).id;
    await ctx.db
      .updateTable('cases')
      .set({ category: 'abuse', subtype: null })
      .where('id', '=', caseId)
      .execute();
    expect((await manager.post(`/api/cases/${caseId}/workflow/start`)).statusCode).toBe(200);
    const referral = await manager.post(`/api/cases/${caseId}/referrals`, {
      organisationId: policeOrg,
      purpose: 'investigation',
      sharedSections: ['person'],
    });
    expect(referral.statusCode, referral.body).toBe(201);
    const etag = (await manager.get(`/api/documents/${secondId}`)).headers.etag as string;
    const share = await manager.patch(
      `/api/documents/${secondId}`,
      { sharedWith: [policeOrg] },
      { headers: { 'if-match': etag } },
    );
    expect(share.statusCode, share.body).toBe(200);

    const { status, entries } = await exportDossier(police);
    expect(status.total).toBe(1);
    expect([...entries.keys()]).toEqual(['index.csv', 'summary.pdf', 'documents/01-عقد العمل.pdf']);
    expect(entries.get('documents/01-عقد العمل.pdf')?.equals(second)).toBe(true);
    const index = entries.get('index.csv')?.toString('utf8') ?? '';
    expect(index).not.toContain('Police report.pdf');
    expect(index.trim().split('\r\n')).toHaveLength(2);
  });

  it('refuses the download and the status once the agency no longer has access to the case', async () => {
    const police = await ctx.signIn('officer');
    const { id } = await exportDossier(police);
    const referral = await ctx.db
      .selectFrom('referrals')
      .select(['id', 'version'])
      .where('case_id', '=', caseId)
      .where('status', '=', 'sent')
      .executeTakeFirstOrThrow();
    const revoked = await manager.post(
      `/api/referrals/${referral.id}/transitions`,
      { status: 'revoked', reason: 'No longer needed' },
      { headers: { 'if-match': `"v${referral.version}"` } },
    );
    expect(revoked.statusCode, revoked.body).toBe(200);
    // Same answer as for a case the agency never saw: the export is as if it did not exist.
    const download = await police.get(`/api/dossiers/${id}/download`);
    expect(download.statusCode).toBe(404);
    expect(download.json().code).toBe('NOT_FOUND');
    expect((await police.get(`/api/dossiers/${id}`)).statusCode).toBe(404);
  });

  it('expires: the download is gone after 24 hours and the purge removes the object', async () => {
    const { id } = await exportDossier(manager);
    const objectPath = path.join(ctx.filesDir, 'dossiers', id);
    await readFile(objectPath);
    ctx.clock.advance(24 * 3_600_000 + 60_000);
    // The session has timed out meanwhile: the same user signs in again.
    manager = await ctx.signIn('casemanager');
    expect((await manager.get(`/api/dossiers/${id}/download`)).statusCode).toBe(404);
    const status = (await manager.get(`/api/dossiers/${id}`)).json();
    expect(status.state).toBe('expired');
    expect(status.downloadUrl).toBeUndefined();

    const purged = await purgeExpiredDossiers({ db: ctx.db, now: ctx.clock.now } as never, ctx.files);
    expect(purged.expired).toBeGreaterThanOrEqual(1);
    await expect(readFile(objectPath)).rejects.toThrow();
    const row = await ctx.db
      .selectFrom('dossier_exports')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'expired', storage_key: null, wrapped_key: null });
    expect((await manager.get(`/api/dossiers/${id}/download`)).statusCode).toBe(404);
  });
});
