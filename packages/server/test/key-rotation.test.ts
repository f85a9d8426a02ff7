import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createFieldCrypto } from '../src/lib/field-crypto.js';
import { rotateEncryptedFields } from '../src/lib/key-rotation.js';
import { createTestContext } from './harness.js';

// Explicit: this file builds its own databases (or reads every case as every role); a loaded
// 2-core machine needs more than the suite's default 30 s.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

describe('encryption key rotation', () => {
  it('re-encrypts every sensitive value under the new key, keeps blind indexes, and reads the same data', async () => {
    const indexKey = randomBytes(32);
    const oldKey = { id: 'old', key: randomBytes(32) };
    const ctx = await createTestContext({}, { crypto: createFieldCrypto([oldKey], indexKey) });
    try {
      const manager = await ctx.signIn('casemanager');
      const created = (
        await manager.post('/api/cases', {
          intakeKind: 'walk_in',
          channel: 'walk_in',
          person: {
            nameLatin: 'Rotation Person',
            phone: '+973 3900 0000',
            documents: [{ type: 'passport', number: 'N7654321', holder: 'person' }],
          },
          narrative: 'A narrative to keep secret.',
        })
      ).json();
      const bidxBefore = await ctx.db.selectFrom('identity_documents').select('number_bidx').execute();
      // A task note and a document (title, file name; the finished upload keeps both too).
      await ctx.db
        .updateTable('cases')
        .set({ category: 'labour_case' })
        .where('id', '=', created.id)
        .execute();
      expect((await manager.post(`/api/cases/${created.id}/workflow/start`)).statusCode).toBe(200);
      const task = (await manager.post(`/api/cases/${created.id}/tasks`, { title: 'Call back' })).json();
      await manager.patch(
        `/api/tasks/${task.id}`,
        { note: 'Secret note' },
        { headers: { 'if-match': '"v1"' } },
      );
      const text = Buffer.from('A plain text statement.\n');
      const up = (
        await manager.post(`/api/cases/${created.id}/uploads`, {
          fileName: 'statement.txt',
          size: text.length,
          metadata: { type: 'interview_record', title: 'Statement' },
        })
      ).json();
      await manager.request('PUT', `/api/uploads/${up.id}/chunks/0`, text, {
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect((await manager.post(`/api/uploads/${up.id}/complete`)).statusCode).toBe(201);

      const rotated = createFieldCrypto([{ id: 'new', key: randomBytes(32) }, oldKey], indexKey);
      const count = await rotateEncryptedFields(ctx.db, rotated);
      // The document number, phone and narrative, the ten demo users' authenticator secrets,
      // the task note, the document's title and file name, the upload's metadata and file name.
      expect(count).toBe(18);
      expect(await rotateEncryptedFields(ctx.db, rotated)).toBe(0);

      const row = await ctx.db
        .selectFrom('cases')
        .select('narrative_enc')
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      expect(row.narrative_enc!.startsWith('v1:new:')).toBe(true);
      expect(rotated.decrypt(row.narrative_enc!)).toBe('A narrative to keep secret.');
      const note = await ctx.db
        .selectFrom('tasks')
        .select('note_enc')
        .where('id', '=', task.id)
        .executeTakeFirstOrThrow();
      expect(note.note_enc!.startsWith('v1:new:')).toBe(true);
      const version = await ctx.db
        .selectFrom('document_versions')
        .select('file_name_enc')
        .executeTakeFirstOrThrow();
      expect(rotated.decrypt(version.file_name_enc)).toBe('statement.txt');
      const doc = await ctx.db
        .selectFrom('identity_documents')
        .select(['number_enc', 'number_bidx'])
        .executeTakeFirstOrThrow();
      expect(rotated.decrypt(doc.number_enc)).toBe('N7654321');
      expect([doc]).toEqual(
        expect.arrayContaining([expect.objectContaining({ number_bidx: bidxBefore[0]!.number_bidx })]),
      );
      expect(() => createFieldCrypto([oldKey], indexKey).decrypt(doc.number_enc)).toThrow(
        /Unknown encryption key id new/,
      );
    } finally {
      await ctx.close();
    }
  });
});
