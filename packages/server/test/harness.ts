import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { createDb, type Database } from '../src/db/create-db.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { FileServices } from '../src/features/documents/files.js';
import { createFieldCrypto, type FieldCrypto } from '../src/lib/field-crypto.js';
import {
  type AuditSigningKey,
  ephemeralAuditSigningKey,
  ephemeralFieldCrypto,
  ephemeralFileKeyring,
} from '../src/lib/keys.js';
import { LocalStorage } from '../src/lib/storage/index.js';
import { totpCode } from '../src/lib/totp.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seed } from '../src/seed.js';
import { createServices } from '../src/services.js';

/** A clock the test moves: sessions, lockouts and TOTP steps all read it. */
export class TestClock {
  private offsetMs = 0;
  now = () => new Date(Date.now() + this.offsetMs);
  advance(ms: number) {
    this.offsetMs += ms;
  }
  /** Moves to the start of the next 30-second TOTP step, so a fresh code is not a replay. */
  nextTotpStep() {
    const t = this.now().getTime();
    this.advance(30_000 - (t % 30_000) + 10);
  }
}

export interface TestContext {
  app: FastifyInstance;
  db: Database;
  config: Config;
  crypto: FieldCrypto;
  /** Set when the suite runs on PostgreSQL: a second connection pool can reach the same database. */
  databaseUrl: string | undefined;
  clock: TestClock;
  /** Document storage (a temporary folder) and file keys of this context. */
  files: FileServices;
  filesDir: string;
  /** The key the app checks audit checkpoints with; tests sign checkpoints with it (`sequenceAudit`). */
  auditKey: AuditSigningKey;
  logs: string[];
  client(): Client;
  /** A fully signed-in client for a demo user (password, then the demo TOTP code). */
  signIn(username: string): Promise<Client>;
  close(): Promise<void>;
}

async function freshDatabase(template?: string): Promise<{ url?: string; drop?: () => Promise<void> }> {
  if (process.env.OPENNRM_TEST_DB !== 'postgres') return {};
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('OPENNRM_TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `opennrm_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * The migrated and seeded database of this run (test/global-setup.ts), unless the test brings
 * its own keys (the seed's encrypted fields are the template's): then one is built from scratch.
 */
async function openDatabase(opts: { crypto?: FieldCrypto }) {
  const template = opts.crypto ? undefined : inject('databaseTemplate');
  if (!template) {
    const { url, drop } = await freshDatabase();
    const handle = await createDb({ databaseUrl: url, poolSize: 5 });
    await migrateToLatest(handle.db);
    return { url, drop, handle, seeded: false, crypto: opts.crypto ?? ephemeralFieldCrypto() };
  }
  const crypto = createFieldCrypto(
    [{ id: 'test', key: Buffer.from(template.fieldKey, 'base64') }],
    Buffer.from(template.indexKey, 'base64'),
  );
  if (template.kind === 'postgres') {
    const { url, drop } = await freshDatabase(template.database);
    return { url, drop, handle: await createDb({ databaseUrl: url, poolSize: 5 }), seeded: true, crypto };
  }
  const dump = new Blob([await readFile(template.file!)]);
  return {
    url: undefined,
    drop: undefined,
    handle: await createDb({ pgliteLoadDataDir: dump }),
    seeded: true,
    crypto,
  };
}

export async function createTestContext(
  env: Record<string, string> = {},
  opts: { crypto?: FieldCrypto } = {},
): Promise<TestContext> {
  const { url, drop, handle, seeded, crypto } = await openDatabase(opts);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '100000',
    // Exact totals in tests: a loaded CI machine must not turn a count into "no total".
    CASE_COUNT_TIMEOUT_MS: '0',
    // Tests run the scheduler's sweeps themselves, at the times they choose.
    SCHEDULER_INTERVAL_SECONDS: '0',
    ...env,
  });
  const clock = new TestClock();
  if (!seeded) await seed(createServices({ config, db: handle.db, now: clock.now, crypto }), { demo: true });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const filesDir = await mkdtemp(path.join(os.tmpdir(), 'opennrm-files-'));
  const files: FileServices = {
    storage: new LocalStorage(filesDir),
    keyring: ephemeralFileKeyring(),
    maxUploadBytes: config.storage.maxUploadBytes,
    clamd: config.clamdAddress,
  };
  const auditKey = ephemeralAuditSigningKey();
  const app = await buildApp({ config, db: handle.db, now: clock.now, logStream, crypto, files, auditKey });
  await app.ready();

  const ctx: TestContext = {
    app,
    db: handle.db,
    config,
    crypto,
    databaseUrl: url,
    clock,
    logs,
    files,
    filesDir,
    auditKey,
    client: () => new Client(app),
    async signIn(username) {
      const c = new Client(app);
      const login = await c.post('/api/auth/login', { username, password: DEMO_PASSWORD });
      if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.statusCode} ${login.body}`);
      clock.nextTotpStep();
      const mfa = await c.post('/api/auth/mfa', { code: totpCode(DEMO_TOTP_SECRET, clock.now().getTime()) });
      if (mfa.json().stage !== 'authenticated') throw new Error(`mfa ${username}: ${mfa.body}`);
      return c;
    },
    async close() {
      await app.close();
      await handle.close();
      await drop?.();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
  return ctx;
}

/** A browser stand-in over inject(): keeps the session cookie and sends the CSRF header. */
export class Client {
  cookies = new Map<string, string>();
  csrfToken: string | undefined;
  constructor(private app: FastifyInstance) {}

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    opts: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader;
    if (method !== 'GET' && opts.csrf !== false && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const cleared = c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0;
      if (cleared) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (res.headers['content-type']?.toString().includes('json')) {
      const json = res.json() as { csrfToken?: unknown };
      if (typeof json?.csrfToken === 'string') this.csrfToken = json.csrfToken;
    }
    return res;
  }

  get(url: string, opts?: { headers?: Record<string, string> }) {
    return this.request('GET', url, undefined, opts);
  }
  post(url: string, body: unknown = {}, opts?: { csrf?: boolean; headers?: Record<string, string> }) {
    return this.request('POST', url, body, opts);
  }
  patch(url: string, body: unknown, opts?: { csrf?: boolean; headers?: Record<string, string> }) {
    return this.request('PATCH', url, body, opts);
  }
}
