/**
 * `npm run bench:audit`: audit appends from concurrent writers, the old way (every append
 * takes the global chain lock, reads and moves the head) against the new way (a plain INSERT;
 * the sequencer chains rows in batches every AUDIT_SEQUENCE_INTERVAL_MS). Prints appends/s,
 * the sequencer's lag (p50/p99, from a row's insert to the commit of its position) and
 * `audit:verify` entries/s. Prints numbers, passes or fails nothing.
 *
 * Runs on embedded PGlite, and on PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL)
 * names a server where it may create and drop databases.
 * BENCH_AUDIT_ENTRIES (default 20000), BENCH_AUDIT_WRITERS (default 16).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql, type Transaction } from 'kysely';
import pg from 'pg';
import { createDb, type DbHandle } from '../src/db/create-db.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { DB } from '../src/db/schema.js';
import { findHead, writeHead } from '../src/features/audit/audit.repository.js';
import {
  type AuditContext,
  type AuditEvent,
  recordAudit,
  sequenceAudit,
  verifyAuditChain,
} from '../src/features/audit/audit.service.js';
import { type AuditContent, chainHash, GENESIS_HASH } from '../src/features/audit/audit-chain.js';
import { ephemeralAuditSigningKey } from '../src/lib/keys.js';

const ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 20_000);
const WRITERS = Number(process.env.BENCH_AUDIT_WRITERS ?? 16);
const INTERVAL_MS = Number(process.env.AUDIT_SEQUENCE_INTERVAL_MS ?? 200);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

/** The append before issue 11 (docs/decisions/0004), kept here only to compare against. */
async function recordAuditSerialised(trx: Transaction<DB>, ctx: AuditContext, event: AuditEvent, now: Date) {
  await sql`SELECT pg_advisory_xact_lock(7346819021)`.execute(trx);
  const head = await findHead(trx);
  const position = String(BigInt(head?.last_id ?? '0') + 1n);
  const content: AuditContent = {
    id: position,
    occurredAt: now.toISOString(),
    actorUserId: null,
    actorUsername: null,
    actorOrganisationId: null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    outcome: event.outcome ?? 'success',
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
    details: event.details ?? {},
  };
  const prevHash = head?.last_hash ?? GENESIS_HASH;
  const hash = chainHash(prevHash, content);
  await trx
    .insertInto('audit_log')
    .values({
      position,
      occurred_at: now,
      actor_user_id: null,
      actor_username: null,
      actor_organisation_id: null,
      action: event.action,
      target_type: content.targetType,
      target_id: content.targetId,
      outcome: event.outcome ?? 'success',
      request_id: content.requestId,
      ip: content.ip,
      details: JSON.stringify(content.details),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  await writeHead(trx, position, hash);
}

async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<DbHandle & { drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const handle = await createDb({});
    return { ...handle, drop: async () => {} };
  }
  const name = `opennrm_bench_audit_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: url.toString(), poolSize: WRITERS + 4 });
  return {
    ...handle,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function pct(samples: number[], p: number): string {
  if (samples.length === 0) return '-';
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(0);
}

async function run(kind: 'pglite' | 'postgres', mode: 'old' | 'new') {
  const handle = await freshDatabase(kind);
  try {
    await migrateToLatest(handle.db);
    const db = handle.db;
    const signer = ephemeralAuditSigningKey();
    const lags: number[] = [];
    let next = 0;
    let stop = false;
    let sequencerTicks = 0;
    const sequencer =
      mode === 'new'
        ? (async () => {
            while (!stop) {
              await new Promise((r) => setTimeout(r, INTERVAL_MS));
              sequencerTicks++;
              await sequenceAudit(db, {
                signer,
                checkpointEvery: 1000,
                onBatch: ({ recordedAt, committedAt }) => {
                  for (const t of recordedAt) lags.push(committedAt.getTime() - t.getTime());
                },
              });
            }
          })()
        : undefined;
    const writer = async () => {
      for (;;) {
        const i = next++;
        if (i >= ENTRIES) return;
        const event: AuditEvent = {
          action: 'case.viewed',
          targetType: 'case',
          targetId: `case-${i}`,
          details: { i },
        };
        const ctx: AuditContext = { requestId: `bench-${i}`, ip: '127.0.0.1' };
        await db
          .transaction()
          .execute((trx) =>
            mode === 'old'
              ? recordAuditSerialised(trx, ctx, event, new Date())
              : recordAudit(trx, ctx, event, new Date()),
          );
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: WRITERS }, writer));
    const appendMs = performance.now() - t0;
    let drainMs = 0;
    if (sequencer) {
      // Until every row has its position: the sequencer keeps its own pace.
      for (;;) {
        const waiting = await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('position', 'is', null)
          .executeTakeFirstOrThrow();
        if (Number(waiting.n) === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      drainMs = performance.now() - t0 - appendMs;
      stop = true;
      await sequencer;
    }
    const tv = performance.now();
    const result = await verifyAuditChain(db, {
      trustedKeys: new Map([[signer.id, signer.publicKey]]),
    });
    const verifyMs = performance.now() - tv;
    const checkpoints = await db
      .selectFrom('audit_checkpoints')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    console.log(
      [
        `${kind.padEnd(8)} ${mode === 'old' ? 'old (global lock per append)' : 'new (insert + sequencer)    '}`,
        `${((ENTRIES / appendMs) * 1000).toFixed(0).padStart(6)} appends/s`,
        mode === 'new'
          ? `lag p50 ${pct(lags, 50)} ms, p99 ${pct(lags, 99)} ms, max ${pct(lags, 100)} ms (drained ${drainMs.toFixed(0)} ms after the last append, ${sequencerTicks} ticks, ${checkpoints.n} checkpoints)`
          : 'lag 0 (chained in the request)',
        `verify ${((result.checked / verifyMs) * 1000).toFixed(0)} entries/s (${result.checked} in ${verifyMs.toFixed(0)} ms, ok=${result.ok})`,
      ].join(' | '),
    );
  } finally {
    await handle.close();
    await handle.drop();
  }
}

console.log(
  `audit appends: ${ENTRIES} entries from ${WRITERS} concurrent writers, one transaction each; sequencer every ${INTERVAL_MS} ms`,
);
for (const kind of ['pglite', ...(adminUrl ? ['postgres' as const] : [])] as const) {
  await run(kind, 'old');
  await run(kind, 'new');
}
