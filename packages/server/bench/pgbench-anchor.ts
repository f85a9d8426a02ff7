/**
 * The raw-database anchor of `npm run bench:http`: the SQL one case read sends (recorded with
 * Kysely's `log` option while the real app serves one read), replayed by pgbench as one
 * transaction per read. Values that differ between two recorded reads of the same case (new
 * row ids, times, hashes) are per-request: pgbench gets a fresh value of the same kind each time.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { CompiledQuery } from 'kysely';
import { postgresBin } from './pg-cluster.js';

/** The text node-postgres sends for a parameter (its `prepareValue`, for the kinds the app uses). */
function prepareValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  if (Array.isArray(value))
    return `{${value
      .map((v) => {
        const t = prepareValue(v);
        return t === null ? 'NULL' : `"${t.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
      })
      .join(',')}}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function literal(value: unknown): string {
  const text = prepareValue(value);
  if (text === null || text === undefined) return 'NULL';
  // An untyped literal takes its type from where it is used, like a bound parameter. (pgbench's
  // simple query mode leaves a `:name` alone unless a variable of that name is set.)
  return `'${text.replace(/'/g, "''")}'`;
}

/** A fresh value of the same kind as a per-request parameter. */
function fresh(value: unknown): string {
  if (typeof value === 'string' && UUID.test(value)) return 'gen_random_uuid()';
  if (value instanceof Date || (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value))) return 'now()';
  if (typeof value === 'number') return `(${Math.trunc(value)} + (random() * 1000000)::int)`;
  if (Buffer.isBuffer(value)) return `sha256(random()::text::bytea)`;
  if (typeof value === 'string' && /^[0-9a-f]+$/i.test(value))
    return `encode(sha256(random()::text::bytea), 'hex')`;
  return literal(value);
}

function inline(query: CompiledQuery, other: CompiledQuery | undefined): string {
  const params = query.parameters as unknown[];
  const otherParams = (other?.parameters ?? []) as unknown[];
  // $10 before $1.
  return query.sql.replace(/\$(\d+)/g, (_m, n: string) => {
    const i = Number(n) - 1;
    const same = other && prepareValue(params[i]) === prepareValue(otherParams[i]);
    return same || !other ? literal(params[i]) : fresh(params[i]);
  });
}

export interface Anchor {
  statements: string[];
  /** A statement taking a global (advisory) lock, when there is one. */
  lockIndex: number | undefined;
}

/** Builds the pgbench script from two recordings of the same read. */
export function anchorFrom(first: CompiledQuery[], second: CompiledQuery[]): Anchor {
  const statements = first.map((q, i) => {
    const other = second[i]?.sql === q.sql ? second[i] : undefined;
    return inline(q, other).replace(/\s+/g, ' ').trim();
  });
  const lockIndex = statements.findIndex((s) => /pg_advisory(_xact)?_lock\b/i.test(s));
  return { statements, lockIndex: lockIndex >= 0 ? lockIndex : undefined };
}

export interface PgbenchResult {
  tps: number;
  latencyMs: number;
  failed: number;
  output: string;
}

export function runPgbench(
  url: string,
  statements: string[],
  opts: { clients: number; threads: number; seconds: number; file: string },
): PgbenchResult {
  // As the app sends them: its own transactions (begin/commit) are among the statements when it
  // opens one; otherwise each statement commits on its own.
  writeFileSync(opts.file, `${statements.map((s) => `${s};`).join('\n')}\n`);
  let output: string;
  try {
    output = execFileSync(
      `${postgresBin()}/pgbench`,
      // Simple protocol: every statement parsed and planned each time, as node-postgres's unnamed
      // statements are (the app prepares nothing by name).
      [
        '-n',
        '-M',
        'simple',
        '-c',
        String(opts.clients),
        '-j',
        String(opts.threads),
        '-T',
        String(opts.seconds),
        '-f',
        opts.file,
        url,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    const first = (e.stderr ?? '').split('\n').slice(0, 4).join('\n    ');
    return {
      tps: Number.NaN,
      latencyMs: Number.NaN,
      failed: Number.NaN,
      output: `${e.stdout ?? ''}\n    ${first}`,
    };
  }
  const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(output)?.[1] ?? Number.NaN);
  const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
  return { tps, latencyMs, failed, output };
}
