import { createHash, randomBytes } from 'node:crypto';
import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateDocumentRow } from '../src/features/documents/documents.repository.js';
import { CHUNK_SIZE } from '../src/features/documents/files.js';
import { rewrapDocumentKeys } from '../src/features/documents/rewrap.js';
import { forgetRunningHashes } from '../src/features/documents/upload-content.js';
import { purgeExpiredUploads } from '../src/features/documents/uploads.service.js';
import { createFileKeyring, wrappedKeyId } from '../src/lib/file-keys.js';
import { createServices } from '../src/services.js';
import { type Client, createTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
let manager: Client;
let supervisor: Client;
let caseId: string;
const SEGMENT = 64 * 1024;

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
  supervisor = await ctx.signIn('supervisor');
  const created = await manager.post('/api/cases', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: { nameLatin: 'Lalita Gurung', nationality: 'NP', dateOfBirth: '1992-05-05' },
  });
  caseId = created.json().id;
});
afterAll(() => ctx.close());

/** A "PDF" of `size` bytes whose every 64 KiB segment carries its own marker, so leaks can be told apart. */
function markedPdf(size: number): Buffer {
  const buf = Buffer.alloc(size, 0x20);
  buf.write('%PDF-1.4\n', 0, 'latin1');
  for (let s = 0; s * SEGMENT < size; s++) {
    const marker = `SEGMENT-${String(s).padStart(5, '0')}-MARK`;
    const at = s * SEGMENT + (s === 0 ? 16 : 0);
    if (at + marker.length <= size) buf.write(marker, at, 'latin1');
  }
  return buf;
}

async function upload(client: Client, file: Buffer, fileName: string, extra: Record<string, unknown> = {}) {
  const started = await client.post(`/api/cases/${caseId}/uploads`, {
    fileName,
    size: file.length,
    ...(extra.documentId ? {} : { metadata: { type: 'police_report', title: fileName, language: 'en' } }),
    ...extra,
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
  return { upload: up, complete: await client.post(`/api/uploads/${up.id}/complete`) };
}

const content = (client: Client, id: string, version = 1, inline = false) =>
  client.get(`/api/documents/${id}/versions/${version}/content${inline ? '?inline=true' : ''}`);

describe('documents', () => {
  it('uploads in chunks, resumes after a break, stores encrypted, streams back intact', async () => {
    const file = markedPdf(CHUNK_SIZE + 300_000);
    const started = await manager.post(`/api/cases/${caseId}/uploads`, {
      fileName: 'Police report.pdf',
      size: file.length,
      metadata: { type: 'police_report', title: 'Police report', date: '2026-11-20', language: 'ar' },
    });
    const up = started.json();
    expect(up).toMatchObject({ chunks: 2, nextChunk: 0, chunkSize: CHUNK_SIZE });
    const put = (index: number, bytes: Buffer) =>
      manager.request('PUT', `/api/uploads/${up.id}/chunks/${index}`, bytes, {
        headers: { 'content-type': 'application/octet-stream' },
      });
    expect((await put(0, file.subarray(0, CHUNK_SIZE))).statusCode).toBe(200);
    // The connection drops; the browser asks where it stands and goes on.
    expect((await put(0, file.subarray(0, CHUNK_SIZE))).statusCode).toBe(200);
    expect((await manager.get(`/api/uploads/${up.id}`)).json()).toMatchObject({
      nextChunk: 1,
      receivedBytes: CHUNK_SIZE,
    });
    expect((await manager.post(`/api/uploads/${up.id}/complete`)).json().code).toBe('UPLOAD_INCOMPLETE');
    expect((await put(1, file.subarray(CHUNK_SIZE, CHUNK_SIZE + 10))).statusCode).toBe(400);
    expect((await put(1, file.subarray(CHUNK_SIZE))).statusCode).toBe(200);
    const done = await manager.post(`/api/uploads/${up.id}/complete`);
    expect(done.statusCode, done.body).toBe(201);
    const doc = done.json();
    expect(doc).toMatchObject({
      type: 'police_report',
      title: 'Police report',
      viewable: true,
      current: {
        version: 1,
        size: file.length,
        contentType: 'application/pdf',
        fileName: 'Police report.pdf',
      },
    });
    expect(doc.current.sha256).toBe(createHash('sha256').update(file).digest('hex'));

    const stored = await readFile(path.join(ctx.filesDir, 'uploads', up.id, '0'));
    expect(stored.includes(Buffer.from('SEGMENT-00001-MARK'))).toBe(false);
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);

    const back = await content(manager, doc.id);
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-disposition']).toMatch(/^attachment;/);
    expect(back.headers['cache-control']).toBe('no-store');
    expect(back.rawPayload.equals(file)).toBe(true);
    expect((await content(manager, doc.id, 1, true)).headers['content-disposition']).toMatch(/^inline;/);

    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', caseId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'upload.started',
        'document.uploaded',
        'document.downloaded',
        'document.viewed',
      ]),
    );
  });

  it('computes the same SHA-256 when the server restarted in the middle of an upload', async () => {
    const file = markedPdf(CHUNK_SIZE + 4096);
    const started = (
      await manager.post(`/api/cases/${caseId}/uploads`, {
        fileName: 'restart.pdf',
        size: file.length,
        metadata: { type: 'other', title: 'Across a restart' },
      })
    ).json();
    const put = (index: number, bytes: Buffer) =>
      manager.request('PUT', `/api/uploads/${started.id}/chunks/${index}`, bytes, {
        headers: { 'content-type': 'application/octet-stream' },
      });
    expect((await put(0, file.subarray(0, CHUNK_SIZE))).statusCode).toBe(200);
    forgetRunningHashes();
    expect((await put(1, file.subarray(CHUNK_SIZE))).statusCode).toBe(200);
    const done = await manager.post(`/api/uploads/${started.id}/complete`);
    expect(done.json().current.sha256).toBe(createHash('sha256').update(file).digest('hex'));
  });

  it('refuses a download of a damaged, truncated or swapped file without sending the bad part', async () => {
    const fileA = markedPdf(CHUNK_SIZE + 5 * SEGMENT);
    const fileB = markedPdf(CHUNK_SIZE + 5 * SEGMENT);
    const a = await upload(manager, fileA, 'a.pdf');
    const b = await upload(manager, fileB, 'b.pdf');
    const chunkPath = (uploadId: string, index: number) =>
      path.join(ctx.filesDir, 'uploads', uploadId, String(index));

    // A flipped byte in the 3rd segment of the second chunk.
    const original = await readFile(chunkPath(a.upload.id, 1));
    const damaged = Buffer.from(original);
    const at = 32 + 2 * (SEGMENT + 16) + 100;
    damaged[at] = (damaged[at] ?? 0) ^ 0xff;
    await writeFile(chunkPath(a.upload.id, 1), damaged);
    const res = await content(manager, a.complete.json().id).catch((error: Error) => ({ error }));
    const payload = 'rawPayload' in res ? res.rawPayload : Buffer.alloc(0);
    expect(payload.length).toBeLessThan(fileA.length);
    expect(
      payload.includes(Buffer.from(`SEGMENT-${String(CHUNK_SIZE / SEGMENT + 2).padStart(5, '0')}-MARK`)),
    ).toBe(false);
    await writeFile(chunkPath(a.upload.id, 1), original);

    // Truncated: the last chunk cut short.
    await writeFile(chunkPath(a.upload.id, 1), original.subarray(0, original.length - 20));
    const cut = await content(manager, a.complete.json().id).catch((error: Error) => ({ error }));
    expect('rawPayload' in cut ? cut.rawPayload.length : 0).toBeLessThan(fileA.length);
    await writeFile(chunkPath(a.upload.id, 1), original);

    // B's first chunk replaced by A's: not one byte of it is given out.
    await writeFile(chunkPath(b.upload.id, 0), await readFile(chunkPath(a.upload.id, 0)));
    const swapped = await content(manager, b.complete.json().id).catch((error: Error) => ({ error }));
    const swappedBytes = 'rawPayload' in swapped ? swapped.rawPayload : Buffer.alloc(0);
    expect(swappedBytes.includes(Buffer.from('SEGMENT-00001-MARK'))).toBe(false);
    expect(swappedBytes.length).toBeLessThan(SEGMENT);
    // A intact again: it downloads whole.
    expect((await content(manager, a.complete.json().id)).rawPayload.equals(fileA)).toBe(true);
  });

  it('checks the content against an allow-list and the extension, and strips image metadata', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    const disguised = await upload(manager, png, 'report.pdf');
    expect(disguised.complete.json()).toMatchObject({
      code: 'UNSUPPORTED_FILE_TYPE',
      details: { reason: 'extension_mismatch' },
    });
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(2000, 1)]);
    expect((await upload(manager, exe, 'tool.exe')).complete.json().code).toBe('UNSUPPORTED_FILE_TYPE');

    const photo = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#06c' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'GPS-SECRET-LOCATION', Artist: 'Employer' } })
      .toBuffer();
    expect(photo.includes(Buffer.from('GPS-SECRET-LOCATION'))).toBe(true);
    const uploaded = await upload(manager, photo, 'passport-photo.JPG', {
      metadata: { type: 'photo', title: 'Photo of the passport page' },
    });
    expect(uploaded.complete.statusCode, uploaded.complete.body).toBe(201);
    expect(uploaded.complete.json().current).toMatchObject({
      contentType: 'image/jpeg',
      metadataStripped: true,
    });
    const back = (await content(manager, uploaded.complete.json().id)).rawPayload;
    expect(back.includes(Buffer.from('GPS-SECRET-LOCATION'))).toBe(false);
    expect((await sharp(back).metadata()).exif).toBeUndefined();
  });

  it('keeps versions, and lets only a supervisor delete, softly and with a reason', async () => {
    const first = await upload(manager, markedPdf(70_000), 'contract.pdf', {
      metadata: { type: 'employment_contract', title: 'Contract' },
    });
    const id = first.complete.json().id;
    const second = await upload(manager, markedPdf(90_000), 'contract-signed.pdf', { documentId: id });
    expect(second.complete.statusCode, second.complete.body).toBe(201);
    expect(second.complete.json()).toMatchObject({ current: { version: 2, size: 90_000 } });
    expect(second.complete.json().versions).toHaveLength(2);
    expect((await content(manager, id, 1)).rawPayload.length).toBe(70_000);

    const etag = (await manager.get(`/api/documents/${id}`)).headers.etag as string;
    expect(
      (
        await manager.request(
          'DELETE',
          `/api/documents/${id}`,
          { reason: 'Wrong case' },
          { headers: { 'if-match': etag } },
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await supervisor.request(
          'DELETE',
          `/api/documents/${id}`,
          { reason: 'Uploaded to the wrong case' },
          { headers: { 'if-match': etag } },
        )
      ).statusCode,
    ).toBe(204);
    const listed = (await manager.get(`/api/cases/${caseId}/documents`))
      .json()
      .items.map((d: { id: string }) => d.id);
    expect(listed).not.toContain(id);
    const deleted = (await supervisor.get(`/api/cases/${caseId}/documents?deleted=true`)).json().items;
    expect(deleted.find((d: { id: string }) => d.id === id)?.deleted).toMatchObject({
      reason: 'Uploaded to the wrong case',
    });
    expect((await content(manager, id, 2)).statusCode).toBe(404);
  });

  it('refuses an edit decided on a version that has since moved on (412), also when the change lands in between', async () => {
    const first = await upload(manager, markedPdf(20_000), 'letter.pdf');
    const id = first.complete.json().id;
    const stale = (await manager.get(`/api/documents/${id}`)).headers.etag as string;
    // A new version of the content moves the document's ETag on.
    const second = await upload(manager, markedPdf(21_000), 'letter-2.pdf', { documentId: id });
    expect(second.complete.statusCode, second.complete.body).toBe(201);
    const edit = await manager.patch(
      `/api/documents/${id}`,
      { title: 'Seen before the new version' },
      { headers: { 'if-match': stale } },
    );
    expect(edit.statusCode, edit.body).toBe(412);
    // The one writer checks the version itself: a change read on version v fails once v is gone.
    const { version } = (await manager.get(`/api/documents/${id}`)).json();
    await expect(
      updateDocumentRow(ctx.db, id, { language: 'ar' }, ctx.clock.now(), { expectedVersion: version - 1 }),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    const written = await updateDocumentRow(ctx.db, id, { language: 'ar' }, ctx.clock.now(), {
      expectedVersion: version,
    });
    expect(written.version).toBe(version + 1);
    expect((await manager.get(`/api/documents/${id}`)).headers.etag).toBe(`"v${version + 1}"`);
  });

  it('shows an agency only the documents shared with it, and nothing of the others', async () => {
    const shared = await upload(manager, markedPdf(10_000), 'for-police.pdf');
    const secret = await upload(manager, markedPdf(10_000), 'internal.pdf');
    const police = await ctx.signIn('officer');
    expect((await police.get(`/api/cases/${caseId}/documents`)).statusCode).toBe(404);
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
    // The referral needs a started SOP: confirm a category the quick way (no screening on record).
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
    expect((await police.get(`/api/cases/${caseId}/documents`)).json().items).toHaveLength(0);
    expect((await content(police, shared.complete.json().id)).statusCode).toBe(404);

    const etag = (await manager.get(`/api/documents/${shared.complete.json().id}`)).headers.etag as string;
    const share = await manager.patch(
      `/api/documents/${shared.complete.json().id}`,
      { sharedWith: [policeOrg] },
      { headers: { 'if-match': etag } },
    );
    expect(share.statusCode, share.body).toBe(200);
    const seen = (await police.get(`/api/cases/${caseId}/documents`))
      .json()
      .items.map((d: { id: string }) => d.id);
    expect(seen).toEqual([shared.complete.json().id]);
    // Shared with the labour inspection too: the police do not learn it.
    const labourOrg = (
      await ctx.db
        .selectFrom('organisations')
        .select('id')
        .where('kind', '=', 'labour_inspection')
        .executeTakeFirstOrThrow()
    ).id;
    await ctx.db
      .updateTable('documents')
      .set({ shared_with: [policeOrg, labourOrg] })
      .where('id', '=', shared.complete.json().id)
      .execute();
    expect((await police.get(`/api/documents/${shared.complete.json().id}`)).json().sharedWith).toEqual([
      policeOrg,
    ]);
    expect((await content(police, shared.complete.json().id)).statusCode).toBe(200);
    expect((await content(police, secret.complete.json().id)).statusCode).toBe(404);
    // The police may add their own report; it is shared with them, not with other agencies.
    const report = await upload(police, markedPdf(5_000), 'police-outcome.pdf', {
      metadata: { type: 'outcome_report', title: 'Outcome of the investigation' },
    });
    expect(report.complete.statusCode, report.complete.body).toBe(201);
    expect(report.complete.json().sharedWith).toEqual([policeOrg]);
    const focal = await ctx.signIn('focalpoint');
    expect((await content(focal, report.complete.json().id)).statusCode).toBe(404);
  });

  it('re-wraps every file key under a new master key, and the files still open', async () => {
    const doc = (await upload(manager, markedPdf(20_000), 'rewrap.pdf')).complete.json();
    const old = ctx.files.keyring;
    const next = createFileKeyring([
      { id: 'next', key: randomBytes(32) },
      ...[...old.keys].map(([id, key]) => ({ id, key })),
    ]);
    const count = await rewrapDocumentKeys(ctx.db, next);
    expect(count).toBeGreaterThanOrEqual(1);
    expect(await rewrapDocumentKeys(ctx.db, next)).toBe(0);
    const rows = await ctx.db.selectFrom('document_versions').select('wrapped_key').execute();
    expect(rows.every((r) => wrappedKeyId(r.wrapped_key) === 'next')).toBe(true);
    ctx.files.keyring = createFileKeyring([{ id: 'next', key: next.keys.get('next')! }]);
    try {
      expect((await content(manager, doc.id)).rawPayload.length).toBe(20_000);
    } finally {
      ctx.files.keyring = next;
    }
  });

  it('removes unfinished uploads a day later', async () => {
    const file = markedPdf(CHUNK_SIZE + 10);
    const up = (
      await manager.post(`/api/cases/${caseId}/uploads`, {
        fileName: 'left-behind.pdf',
        size: file.length,
        metadata: { type: 'other', title: 'Left behind' },
      })
    ).json();
    await manager.request('PUT', `/api/uploads/${up.id}/chunks/0`, file.subarray(0, CHUNK_SIZE), {
      headers: { 'content-type': 'application/octet-stream' },
    });
    const chunk = path.join(ctx.filesDir, 'uploads', up.id, '0');
    await access(chunk);
    const services = createServices({
      config: ctx.config,
      db: ctx.db,
      now: ctx.clock.now,
      crypto: ctx.crypto,
    });
    expect(await purgeExpiredUploads(services, ctx.files)).toBe(0);
    ctx.clock.advance(25 * 3_600_000);
    expect(await purgeExpiredUploads(services, ctx.files)).toBeGreaterThanOrEqual(1);
    await expect(access(chunk)).rejects.toThrow();
    const row = await ctx.db
      .selectFrom('uploads')
      .select('state')
      .where('id', '=', up.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('aborted');
  });
});
