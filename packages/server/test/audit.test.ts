import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordAudit, verifyAuditChain } from '../src/features/audit/audit.service.js';
import { type Client, createTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
let auditor: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  auditor = await ctx.signIn('auditor');
  const admin = await ctx.signIn('admin');
  await admin.post('/api/organisations', { name: 'Audit Probe Clinic', kind: 'health' });
});
afterAll(() => ctx.close());

/** What an attacker with the database owner's rights could do: switch the guard triggers off. */
async function asOwner(fn: () => Promise<unknown>) {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(ctx.db);
  await sql`ALTER TABLE audit_head DISABLE TRIGGER USER`.execute(ctx.db);
  try {
    await fn();
  } finally {
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(ctx.db);
    await sql`ALTER TABLE audit_head ENABLE TRIGGER USER`.execute(ctx.db);
  }
}

describe('append-only storage', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(
      sql`UPDATE audit_log SET action = 'auth.login' WHERE id = 1`.execute(ctx.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE id = 1`.execute(ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_head`.execute(ctx.db)).rejects.toThrow(/append-only/);
  });

  it('writes the audit row in the same transaction as the change: a rolled-back change leaves none', async () => {
    const before = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await recordAudit(
          trx,
          {},
          { action: 'organisation.created', targetType: 'organisation', targetId: 'x' },
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });
});

describe('tamper evidence', () => {
  let snapshot: Record<string, unknown>[];
  beforeEach(async () => {
    const result = await verifyAuditChain(ctx.db);
    expect(result.ok).toBe(true);
    snapshot = (await sql<Record<string, unknown>>`SELECT * FROM audit_log ORDER BY id`.execute(ctx.db)).rows;
  });

  async function restore() {
    await asOwner(async () => {
      await sql`DELETE FROM audit_log`.execute(ctx.db);
      for (const row of snapshot) {
        await ctx.db
          .insertInto('audit_log')
          .values({ ...(row as object), details: JSON.stringify(row.details) } as never)
          .execute();
      }
      const last = snapshot[snapshot.length - 1]!;
      await sql`UPDATE audit_head SET last_id = ${last.id}, last_hash = ${last.hash}`.execute(ctx.db);
    });
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  }

  it('detects an edited row and names it', async () => {
    await asOwner(() =>
      sql`UPDATE audit_log SET actor_username = 'someone-else' WHERE id = 3`.execute(ctx.db),
    );
    expect(await verifyAuditChain(ctx.db)).toMatchObject({
      ok: false,
      firstBrokenId: '3',
      reason: 'hash_mismatch',
      checked: 2,
    });
    await restore();
  });

  it('detects an edit to the details, even with a recomputed row hash', async () => {
    await asOwner(() =>
      sql`UPDATE audit_log SET details = '{"kind":"police"}'::jsonb, hash = repeat('a', 64) WHERE id = 2`.execute(
        ctx.db,
      ),
    );
    const result = await verifyAuditChain(ctx.db);
    expect(result.ok).toBe(false);
    expect(result.firstBrokenId).toBe('2');
    await restore();
  });

  it('detects a deleted row in the middle', async () => {
    await asOwner(() => sql`DELETE FROM audit_log WHERE id = 4`.execute(ctx.db));
    expect(await verifyAuditChain(ctx.db)).toMatchObject({
      ok: false,
      firstBrokenId: '4',
      reason: 'chain_break',
    });
    await restore();
  });

  it('detects the newest rows removed from the end', async () => {
    const lastId = Number(snapshot[snapshot.length - 1]!.id);
    await asOwner(() => sql`DELETE FROM audit_log WHERE id >= ${lastId - 1}`.execute(ctx.db));
    expect(await verifyAuditChain(ctx.db)).toMatchObject({
      ok: false,
      firstBrokenId: String(lastId - 1),
      reason: 'chain_break',
    });
    await restore();
  });

  it('detects two rows swapped', async () => {
    await asOwner(async () => {
      await sql`UPDATE audit_log SET id = -5 WHERE id = 5`.execute(ctx.db);
      await sql`UPDATE audit_log SET id = 5 WHERE id = 6`.execute(ctx.db);
      await sql`UPDATE audit_log SET id = 6 WHERE id = -5`.execute(ctx.db);
    });
    expect(await verifyAuditChain(ctx.db)).toMatchObject({
      ok: false,
      firstBrokenId: '5',
      reason: 'chain_break',
    });
    await restore();
  });

  it('verifies in batches across the whole chain', async () => {
    expect(await verifyAuditChain(ctx.db, 3)).toMatchObject({ ok: true, checked: snapshot.length });
    await asOwner(() =>
      sql`UPDATE audit_log SET outcome = 'denied' WHERE id = ${snapshot.length - 1}`.execute(ctx.db),
    );
    expect((await verifyAuditChain(ctx.db, 3)).firstBrokenId).toBe(String(snapshot.length - 1));
    await restore();
  });
});

describe('auditors', () => {
  it('browse the trail newest first, filter it, page it, and their reading is itself audited', async () => {
    const page = (await auditor.get('/api/audit?limit=5')).json();
    expect(page.items).toHaveLength(5);
    const ids = page.items.map((i: { id: string }) => Number(i.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const next = (await auditor.get(`/api/audit?limit=5&cursor=${page.nextCursor}`)).json();
    expect(Number(next.items[0].id)).toBeLessThan(ids[4]);

    const created = (await auditor.get('/api/audit?action=organisation.created&actor=admin')).json();
    expect(created.items).toHaveLength(1);
    expect(created.items[0]).toMatchObject({
      actorUsername: 'admin',
      targetType: 'organisation',
      outcome: 'success',
    });
    expect(created.items[0].requestId).toMatch(/^[0-9a-f-]{36}$/);

    const today = new Date().toISOString().slice(0, 10);
    expect(
      (await auditor.get(`/api/audit?from=${today}&to=${today}&outcome=success`)).json().items.length,
    ).toBeGreaterThan(0);
    expect((await auditor.get('/api/audit?from=2001-01-01&to=2001-01-02')).json().items).toEqual([]);
    expect((await auditor.get('/api/audit?action=not.an.action')).json().code).toBe('VALIDATION_FAILED');

    const viewed = (await auditor.get('/api/audit?action=audit.viewed&limit=1')).json();
    expect(viewed.items[0].actorUsername).toBe('auditor');
  });

  it('verify the chain through the API', async () => {
    const res = (await auditor.get('/api/audit/verify')).json();
    expect(res).toMatchObject({ ok: true, firstBrokenId: null, reason: null });
    expect(res.checked).toBeGreaterThan(10);
  });

  it('are the only ones who may read it', async () => {
    for (const username of ['admin', 'casemanager', 'analyst']) {
      const c = await ctx.signIn(username);
      expect((await c.get('/api/audit')).statusCode).toBe(403);
      expect((await c.get('/api/audit/verify')).statusCode).toBe(403);
    }
  });
});

describe('audit:verify command', () => {
  // The command is exercised once, on the embedded database it defaults to.
  it.runIf(process.env.OPENNRM_TEST_DB !== 'postgres')(
    'exits 0 on an intact trail and 1 naming the first broken row',
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opennrm-cli-'));
      const run = promisify(execFile);
      const cli = (args: string[]) =>
        run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
          cwd: path.resolve(import.meta.dirname, '..'),
          env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
        });
      try {
        const { createDb } = await import('../src/db/create-db.js');
        const { migrateToLatest } = await import('../src/db/migrate.js');
        const { seed } = await import('../src/seed.js');
        const handle = await createDb({ pgliteDir: path.join(dataDir, 'pglite') });
        await migrateToLatest(handle.db);
        await seed(
          { config: ctx.config, db: handle.db, now: () => new Date(), crypto: ctx.crypto },
          { demo: false },
        );
        await handle.close();

        const ok = await cli(['audit:verify']);
        expect(ok.stdout).toMatch(/intact: 13 rows checked/);

        const tamper = await createDb({ pgliteDir: path.join(dataDir, 'pglite') });
        await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(tamper.db);
        await sql`UPDATE audit_log SET target_type = 'user' WHERE id = 7`.execute(tamper.db);
        await tamper.close();

        const broken = await cli(['audit:verify']).catch((e: { code: number; stderr: string }) => e);
        expect('code' in broken && broken.code).toBe(1);
        expect(broken.stderr).toMatch(/BROKEN at row 7 \(hash_mismatch\)/);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});

describe('concurrent writers', () => {
  it.runIf(process.env.OPENNRM_TEST_DB === 'postgres')(
    'keeps one unbroken chain when two server instances append at once',
    async () => {
      const { createDb } = await import('../src/db/create-db.js');
      const instances = [
        await createDb({ databaseUrl: ctx.databaseUrl, poolSize: 4 }),
        await createDb({ databaseUrl: ctx.databaseUrl, poolSize: 4 }),
      ];
      try {
        const before = (await verifyAuditChain(ctx.db)).checked;
        await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            recordAudit(
              instances[i % 2]!.db,
              { requestId: `concurrent-${i}` },
              { action: 'audit.viewed', details: { i } },
            ),
          ),
        );
        expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, checked: before + 200 });
      } finally {
        for (const h of instances) await h.close();
      }
    },
  );
});
