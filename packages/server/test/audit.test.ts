import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { AuditRow } from '../src/db/schema.js';
import {
  recordAudit,
  sequenceAudit,
  toAuditContent,
  verifyAuditChain,
} from '../src/features/audit/audit.service.js';
import { canonicalJson, chainHash } from '../src/features/audit/audit-chain.js';
import { loadAuditSigner, parseWitness } from '../src/features/audit/audit-checkpoints.js';
import { ephemeralAuditSigningKey, newAuditSigningKeyMaterial } from '../src/lib/keys.js';
import { sha256Hex } from '../src/lib/tokens.js';
import { createServices } from '../src/services.js';
import { type Client, createTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
let auditor: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  auditor = await ctx.signIn('auditor');
  const admin = await ctx.signIn('admin');
  await admin.post('/api/organisations', { name: 'Audit Probe Clinic', kind: 'health' });
  // The rows so far join the chain (the server's sequencer loop does this within 200 ms).
  await sequenceAudit(ctx.db, { wait: true });
});
afterAll(() => ctx.close());

/** What an attacker with the database owner's rights could do: switch the guard triggers off. */
async function asOwner(fn: () => Promise<unknown>, c: TestContext = ctx) {
  for (const table of ['audit_log', 'audit_head', 'audit_checkpoints']) {
    await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER USER`.execute(c.db);
  }
  try {
    await fn();
  } finally {
    for (const table of ['audit_log', 'audit_head', 'audit_checkpoints']) {
      await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER USER`.execute(c.db);
    }
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
    snapshot = (await sql<Record<string, unknown>>`SELECT * FROM audit_log ORDER BY position`.execute(ctx.db))
      .rows;
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
      await sql`UPDATE audit_head SET last_id = ${last.position}, last_hash = ${last.hash}`.execute(ctx.db);
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
    const lastId = Number(snapshot[snapshot.length - 1]!.position);
    await asOwner(() => sql`DELETE FROM audit_log WHERE position >= ${lastId - 1}`.execute(ctx.db));
    expect(await verifyAuditChain(ctx.db)).toMatchObject({
      ok: false,
      firstBrokenId: String(lastId - 1),
      reason: 'chain_break',
    });
    await restore();
  });

  it('detects two rows swapped', async () => {
    await asOwner(async () => {
      await sql`UPDATE audit_log SET position = -5 WHERE position = 5`.execute(ctx.db);
      await sql`UPDATE audit_log SET position = 5 WHERE position = 6`.execute(ctx.db);
      await sql`UPDATE audit_log SET position = 6 WHERE position = -5`.execute(ctx.db);
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
      sql`UPDATE audit_log SET outcome = 'denied' WHERE position = ${snapshot.length - 1}`.execute(ctx.db),
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
    'sequences, exits 0 on an intact trail and 1 naming the first broken row',
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
          createServices({ config: ctx.config, db: handle.db, now: () => new Date(), crypto: ctx.crypto }),
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
    // Three processes on a shared machine.
    120_000,
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

describe('sequenced audit (issue 11)', () => {
  it('a request inserts its row without a position; the sequencer chains it; only sequencing may update a row', async () => {
    await sequenceAudit(ctx.db, { wait: true });
    const before = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    await auditor.get('/api/audit?limit=1');
    const waiting = await ctx.db
      .selectFrom('audit_log')
      .select(['id', 'position', 'hash', 'prev_hash'])
      .where('id', '>', String(before.id))
      .execute();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ position: null, hash: null, prev_hash: null });
    // The list shows it at once, without a position.
    const listed = (await auditor.get('/api/audit?limit=1')).json();
    expect(listed.items[0]).toMatchObject({ id: String(waiting[0]!.id), position: null });

    // A row still waiting cannot be changed in any other way than being given its place.
    await expect(
      sql`UPDATE audit_log SET action = 'auth.login' WHERE id = ${waiting[0]!.id}`.execute(ctx.db),
    ).rejects.toThrow(/append-only/);
    const result = await sequenceAudit(ctx.db);
    expect(result).toMatchObject({ leader: true, sequenced: 2 });
    const head = await ctx.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    const row = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '=', waiting[0]!.id)
      .executeTakeFirstOrThrow();
    expect(BigInt(row.position!)).toBe(BigInt(head.last_id) - 1n);
    // Once placed, its position and hash are as fixed as the rest.
    await expect(
      sql`UPDATE audit_log SET position = NULL, hash = NULL, prev_hash = NULL WHERE id = ${row.id}`.execute(
        ctx.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`UPDATE audit_log SET hash = repeat('b', 64) WHERE id = ${row.id}`.execute(ctx.db),
    ).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(ctx.db, { sequenceFirst: false })).toMatchObject({
      ok: true,
      reason: null,
    });
  });

  it('a row waiting longer than the bound fails a read-only verification; sequencing clears it', async () => {
    await sequenceAudit(ctx.db, { wait: true });
    await recordAudit(ctx.db, { requestId: 'lagging' }, { action: 'audit.viewed' });
    const row = await ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('request_id', '=', 'lagging')
      .executeTakeFirstOrThrow();
    await new Promise((r) => setTimeout(r, 120));
    expect(await verifyAuditChain(ctx.db, { sequenceFirst: false, maxLagMs: 100 })).toMatchObject({
      ok: false,
      reason: 'unsequenced',
      firstBrokenId: String(row.id),
      unsequenced: 1,
    });
    expect(await verifyAuditChain(ctx.db, { maxLagMs: 100 })).toMatchObject({ ok: true, unsequenced: 0 });
  });

  it('two sequencers running at once with writers produce one gapless chain', async () => {
    const { createDb } = await import('../src/db/create-db.js');
    const pools = ctx.databaseUrl
      ? [
          await createDb({ databaseUrl: ctx.databaseUrl, poolSize: 4 }),
          await createDb({ databaseUrl: ctx.databaseUrl, poolSize: 4 }),
        ]
      : undefined;
    const dbs = pools ? pools.map((p) => p.db) : [ctx.db, ctx.db];
    try {
      let writing = true;
      const leaders = [0, 0];
      const sequencers = dbs.map(async (db, i) => {
        while (writing) {
          const r = await sequenceAudit(db, { batchSize: 7, signer: ctx.auditKey, checkpointEvery: 25 });
          if (r.sequenced > 0) leaders[i]!++;
          await new Promise((res) => setTimeout(res, 1));
        }
      });
      await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          dbs[i % 2]!.transaction().execute((trx) =>
            recordAudit(
              trx,
              { requestId: `two-sequencers-${i}` },
              { action: 'audit.viewed', details: { i } },
            ),
          ),
        ),
      );
      writing = false;
      await Promise.all(sequencers);
      await sequenceAudit(ctx.db, { wait: true });
      const stats = await sql<{ n: string; lo: string; hi: string; waiting: string }>`
        SELECT count(position) AS n, min(position) AS lo, max(position) AS hi,
               count(*) FILTER (WHERE position IS NULL) AS waiting
          FROM audit_log`.execute(ctx.db);
      const s = stats.rows[0]!;
      expect(Number(s.waiting)).toBe(0);
      expect(Number(s.lo)).toBe(1);
      expect(Number(s.hi)).toBe(Number(s.n));
      const result = await verifyAuditChain(ctx.db, {
        trustedKeys: new Map([[ctx.auditKey.id, ctx.auditKey.publicKey]]),
      });
      expect(result).toMatchObject({ ok: true, checked: Number(s.n) });
      expect(result.checkpoint).not.toBeNull();
    } finally {
      for (const p of pools ?? []) await p.close();
    }
  });
});

/**
 * What the tables' owner can do: edit the row at position `from`, recompute the hash of it and
 * of every row after it, and move the head to match. The chain is consistent again.
 */
async function rewriteChain(c: TestContext, from: number, edit: (row: AuditRow) => void) {
  await asOwner(async () => {
    const rows = await c.db
      .selectFrom('audit_log')
      .selectAll()
      .where('position', '>=', String(from))
      .orderBy('position')
      .execute();
    let prev = rows[0]!.prev_hash!;
    for (const row of rows) {
      if (Number(row.position) === from) edit(row);
      const hash = chainHash(prev, toAuditContent(row));
      await sql`UPDATE audit_log SET actor_username = ${row.actor_username}, target_type = ${row.target_type},
                 prev_hash = ${prev}, hash = ${hash} WHERE position = ${row.position}`.execute(c.db);
      prev = hash;
    }
    await sql`UPDATE audit_head SET last_id = ${rows.at(-1)!.position}, last_hash = ${prev}`.execute(c.db);
  }, c);
}

describe('signed checkpoints and witnesses (issue 11)', () => {
  let c: TestContext;
  let trusted: Map<string, import('node:crypto').KeyObject>;
  beforeAll(async () => {
    c = await createTestContext();
    trusted = new Map([[c.auditKey.id, c.auditKey.publicKey]]);
  });
  afterAll(() => c.close());

  const sign = () => sequenceAudit(c.db, { wait: true, signer: c.auditKey, checkpointEvery: 1 });

  it('are exported to auditors only, with the public key', async () => {
    const cp = (await sign()).checkpoint!;
    expect(cp).toMatchObject({ keyId: c.auditKey.id });
    const auditorClient = await c.signIn('auditor');
    const res = await auditorClient.get('/api/audit/checkpoints');
    expect(res.statusCode).toBe(200);
    const exported = res.json();
    expect(exported.format).toBe('opennrm-audit-checkpoints/v1');
    expect(exported.keys).toEqual([{ id: c.auditKey.id, publicKey: expect.any(String) }]);
    expect(exported.checkpoints.at(-1)).toEqual(cp);
    for (const username of ['admin', 'supervisor', 'casemanager']) {
      expect((await (await c.signIn(username)).get('/api/audit/checkpoints')).statusCode).toBe(403);
    }
    expect((await auditorClient.get('/api/audit/verify')).json()).toMatchObject({
      ok: true,
      checkpoint: { keyId: c.auditKey.id },
    });
  });

  it('detect the tail cut off and the head rewritten to match, without an anchor', async () => {
    await c.signIn('casemanager');
    const cp = (await sign()).checkpoint!;
    const size = Number(cp.size);
    // The last three rows go, and the head is made to point at the new last row: the head check
    // alone is satisfied...
    await asOwner(async () => {
      await sql`DELETE FROM audit_log WHERE position > ${size - 3}`.execute(c.db);
      const last = await c.db
        .selectFrom('audit_log')
        .select(['position', 'hash'])
        .where('position', '=', String(size - 3))
        .executeTakeFirstOrThrow();
      await sql`UPDATE audit_head SET last_id = ${last.position}, last_hash = ${last.hash}`.execute(c.db);
    }, c);
    // ...but not the signed checkpoint.
    expect(await verifyAuditChain(c.db, { trustedKeys: trusted })).toMatchObject({
      ok: false,
      reason: 'checkpoint_mismatch',
      firstBrokenId: String(size - 2),
    });
  });

  it('detect an old row rewritten with the whole chain after it recomputed', async () => {
    const fresh = await createTestContext();
    try {
      const cp = (await sequenceAudit(fresh.db, { wait: true, signer: fresh.auditKey, checkpointEvery: 1 }))
        .checkpoint!;
      const ok = await verifyAuditChain(fresh.db);
      expect(ok.ok).toBe(true);
      await rewriteChain(fresh, 3, (row) => {
        row.actor_username = 'someone-else';
      });
      expect(await verifyAuditChain(fresh.db)).toMatchObject({
        ok: false,
        reason: 'checkpoint_mismatch',
        firstBrokenId: cp.size,
      });
    } finally {
      await fresh.close();
    }
  });

  it('a witness file from before a rewrite detects it, even with the checkpoints deleted too', async () => {
    const fresh = await createTestContext();
    try {
      await sequenceAudit(fresh.db, { wait: true, signer: fresh.auditKey, checkpointEvery: 1 });
      const auditorClient = await fresh.signIn('auditor');
      const witnessText = (await auditorClient.get('/api/audit/checkpoints')).body;
      const witness = parseWitness(witnessText);
      expect(witness.checkpoints.length).toBeGreaterThan(0);
      await sequenceAudit(fresh.db, { wait: true });
      // The owner rewrites row 2 and everything after it, and removes every checkpoint.
      await asOwner(() => sql`DELETE FROM audit_checkpoints`.execute(fresh.db), fresh);
      await rewriteChain(fresh, 2, (row) => {
        row.target_type = 'nothing-to-see';
      });
      const trustedFresh = new Map([[fresh.auditKey.id, fresh.auditKey.publicKey]]);
      // Consistent on its own...
      expect(await verifyAuditChain(fresh.db, { trustedKeys: trustedFresh })).toMatchObject({ ok: true });
      // ...but not with the partner's copy.
      expect(await verifyAuditChain(fresh.db, { trustedKeys: trustedFresh, witness })).toMatchObject({
        ok: false,
        reason: 'checkpoint_mismatch',
        witnessChecked: witness.checkpoints.length,
      });
      // A witness checkpoint whose signature does not hold is reported as such.
      const forged = JSON.parse(witnessText);
      forged.checkpoints[0].size = String(Number(forged.checkpoints[0].size) + 1);
      expect(
        await verifyAuditChain(fresh.db, {
          trustedKeys: trustedFresh,
          witness: parseWitness(JSON.stringify(forged)),
        }),
      ).toMatchObject({ ok: false, reason: 'checkpoint_invalid' });
    } finally {
      await fresh.close();
    }
  });

  it('a checkpoint signed by another key is not trusted, and no new key is made while checkpoints exist', async () => {
    const other = ephemeralAuditSigningKey();
    expect(
      await verifyAuditChain(c.db, {
        sequenceFirst: false,
        trustedKeys: new Map([[other.id, other.publicKey]]),
      }),
    ).toMatchObject({ ok: false, reason: 'checkpoint_invalid' });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opennrm-audit-key-'));
    try {
      const keyFile = path.join(dir, 'keys.json');
      const withOther = loadConfig({
        NODE_ENV: 'test',
        AUDIT_SIGNING_KEY: newAuditSigningKeyMaterial(),
        KEY_FILE: keyFile,
      });
      await expect(loadAuditSigner(withOther, c.db)).rejects.toThrow(
        /signed by key [0-9a-f]{16}, but the configured key is/,
      );
      const withNone = loadConfig({ NODE_ENV: 'test', KEY_FILE: keyFile });
      await expect(loadAuditSigner(withNone, c.db)).rejects.toThrow(/restore that key/);
      expect(fs.existsSync(keyFile)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('upgrade to the sequenced audit log (issue 11)', () => {
  it('keeps a chain written the old way valid, and new rows chain on after it', async () => {
    const { createDb } = await import('../src/db/create-db.js');
    const { migrateTo, migrateToLatest } = await import('../src/db/migrate.js');
    const handle = await createDb({});
    try {
      await migrateTo(handle.db, '2026-11-23T0100-idempotency-request-hash');
      // Rows as 0004 wrote them: id = place in the chain, hashed over canonicalJson.
      let prev = '0'.repeat(64);
      for (let id = 1; id <= 5; id++) {
        const content = {
          id: String(id),
          occurredAt: new Date(Date.UTC(2026, 0, id, 8, 30, 0, 123)).toISOString(),
          actorUserId: null,
          actorUsername: id % 2 ? 'admin' : null,
          actorOrganisationId: null,
          action: 'organisation.created',
          targetType: 'organisation',
          targetId: `o-${id}`,
          outcome: 'success',
          requestId: null,
          ip: '10.0.0.1',
          details: { name: 'مركز "الأمل"', nested: { b: 1, a: [true, null, 'x'] } },
        };
        const hash = sha256Hex(`${prev}\n${canonicalJson(content)}`);
        await sql`INSERT INTO audit_log (id, occurred_at, actor_username, action, target_type, target_id, outcome, ip, details, prev_hash, hash)
          VALUES (${id}, ${new Date(content.occurredAt)}, ${content.actorUsername}, ${content.action}, ${content.targetType},
                  ${content.targetId}, ${content.outcome}, ${content.ip}, ${JSON.stringify(content.details)}::jsonb, ${prev}, ${hash})`.execute(
          handle.db,
        );
        await sql`INSERT INTO audit_head (singleton, last_id, last_hash) VALUES (true, ${id}, ${hash})
          ON CONFLICT (singleton) DO UPDATE SET last_id = EXCLUDED.last_id, last_hash = EXCLUDED.last_hash`.execute(
          handle.db,
        );
        prev = hash;
      }
      await migrateToLatest(handle.db);
      expect(await verifyAuditChain(handle.db, { sequenceFirst: false })).toMatchObject({
        ok: true,
        checked: 5,
      });
      await recordAudit(handle.db, { requestId: 'after-upgrade' }, { action: 'audit.viewed' });
      await recordAudit(handle.db, { requestId: 'after-upgrade' }, { action: 'audit.viewed' });
      expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, checked: 7 });
      const ids = await handle.db
        .selectFrom('audit_log')
        .select(['id', 'position'])
        .orderBy('position')
        .execute();
      expect(ids.map((r) => [String(r.id), String(r.position)])).toEqual(
        [1, 2, 3, 4, 5, 6, 7].map((n) => [String(n), String(n)]),
      );
    } finally {
      await handle.close();
    }
  });
});
