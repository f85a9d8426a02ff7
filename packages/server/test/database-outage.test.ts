import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/db/create-db.js';
import { createPgCluster, type PgCluster, pgBinDir } from './pg-cluster.js';

/**
 * Issue 16, item 1: PostgreSQL restarting under load must not take the server down. The server
 * runs as its own process (src/main.ts, with close-with-grace), on a throw-away cluster that the
 * test stops with `pg_ctl -m immediate` while requests run, then starts again. Runs once (in the
 * PGlite project: the cluster is its own), and only where the PostgreSQL binaries are installed.
 */
const serverDir = path.resolve(import.meta.dirname, '..');
// Every server of this file uses the same database, so the same key file.
const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onrm-outage-keys-'));
const tsx = path.resolve(serverDir, '../../node_modules/.bin/tsx');

interface Server {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  url: Promise<string>;
  stop(): Promise<void>;
}

function startServer(databaseUrl: string, env: Record<string, string> = {}): Server {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onrm-outage-'));
  const child = spawn(tsx, ['src/main.ts'], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      KEY_FILE: path.join(keyDir, 'keys.json'),
      HOST: '127.0.0.1',
      PORT: '0',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const look = () => {
      const m = /OpenNRM is running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!.replace('localhost', '127.0.0.1'));
    };
    child.stdout!.on('data', look);
    void exited.then((code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  url.catch(() => {});
  return {
    child,
    output: () => out,
    exited,
    url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const alive = (s: Server) => s.child.exitCode === null && s.child.signalCode === null;
// A session cookie the database does not know: every request with it reads the sessions table.
const cookie = { cookie: 'opennrm_session=not-a-session' };

const bin = pgBinDir();
describe.skipIf(!bin || process.env.OPENNRM_TEST_DB === 'postgres')('PostgreSQL going away', () => {
  let cluster: PgCluster;
  const servers: Server[] = [];
  beforeAll(() => {
    cluster = createPgCluster()!;
    cluster.start();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    cluster?.destroy();
    fs.rmSync(keyDir, { recursive: true, force: true });
  });

  it('a connection cut while checked out (inside a transaction) is an error of that request, not of the process', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    const handle = await createDb({ databaseUrl: cluster.url, poolSize: 2 });
    try {
      const failure = await handle.db
        .transaction()
        .execute(async (trx) => {
          await sql`SELECT 1`.execute(trx);
          // The connection is checked out and idle in the transaction when the server goes away.
          cluster.stop();
          await sleep(500);
          await sql`SELECT 1`.execute(trx);
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(failure).toBeInstanceOf(Error);
      expect(uncaught).toEqual([]);
      cluster.start();
      // The pool drops the dead connection and opens a fresh one.
      expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(handle.db)).rows).toEqual([{ one: 1 }]);
    } finally {
      process.off('uncaughtException', onUncaught);
      cluster.start();
      await handle.close();
    }
  });

  it('stays up under load when PostgreSQL stops, answers 503 with Retry-After, and recovers', async () => {
    const server = startServer(cluster.url);
    servers.push(server);
    const base = await server.url;
    expect((await fetch(`${base}/api/ready`)).status).toBe(200);
    expect((await fetch(`${base}/api/me`, { headers: cookie })).status).toBe(401);

    // Requests keep running while the database stops, so connections are checked out when cut.
    const statuses: number[] = [];
    let running = true;
    const worker = async (i: number) => {
      while (running && alive(server)) {
        try {
          const res = await fetch(`${base}/api/${i % 2 ? 'me' : 'ready'}`, { headers: cookie });
          statuses.push(res.status);
          await res.arrayBuffer();
        } catch {
          statuses.push(0);
        }
      }
    };
    const workers = Array.from({ length: 16 }, (_, i) => worker(i));
    await sleep(500);
    cluster.stop();
    await sleep(1500);
    expect(alive(server), server.output()).toBe(true);

    const me = await fetch(`${base}/api/me`, { headers: cookie });
    expect(me.status).toBe(503);
    expect(me.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await me.json()) as { code: string }).code).toBe('DATABASE_UNAVAILABLE');
    for (const headers of [{}, cookie]) {
      const ready = await fetch(`${base}/api/ready`, { headers });
      expect(ready.status).toBe(503);
      expect(ready.headers.get('retry-after')).toMatch(/^\d+$/);
    }

    cluster.start();
    const deadline = Date.now() + 20_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await fetch(`${base}/api/ready`)).status;
      if (status === 200) break;
      await sleep(200);
    }
    expect(status).toBe(200);
    expect((await fetch(`${base}/api/me`, { headers: cookie })).status).toBe(401);
    running = false;
    await Promise.all(workers);
    expect(alive(server), server.output()).toBe(true);
    // Only the answers of a working (200, 401) or absent (503) database; never a 500, never a reset.
    expect(statuses.filter((s) => ![200, 401, 503].includes(s))).toEqual([]);
    expect(statuses).toContain(503);
    expect(server.output()).not.toMatch(/shutting down|uncaught|INTERNAL/i);
  }, 60_000);

  it('waits for PostgreSQL at start, one line per attempt, then starts when it comes', async () => {
    cluster.stop();
    const withPassword = cluster.url.replace('postgres@', 'postgres:s3cret-pw@');
    const server = startServer(withPassword);
    servers.push(server);
    const waiting = `waiting for PostgreSQL at 127.0.0.1:${cluster.port}: connection refused`;
    for (let i = 0; i < 300 && alive(server) && server.output().split(waiting).length < 3; i++) {
      await sleep(100);
    }
    // Two attempts seen, and still waiting.
    expect(server.output().split(waiting).length, server.output()).toBeGreaterThanOrEqual(3);
    expect(alive(server), server.output()).toBe(true);
    cluster.start();
    const base = await server.url;
    expect((await fetch(`${base}/api/ready`)).status).toBe(200);
    const output = server.output();
    expect(output).toContain(`PostgreSQL at 127.0.0.1:${cluster.port} answers`);
    expect(output).not.toContain('s3cret-pw');
    expect(output).not.toMatch(/^\s+at /m);
  }, 60_000);

  it('gives up after DATABASE_START_TIMEOUT_SECONDS with one clear line, no stack', async () => {
    cluster.stop();
    const server = startServer(cluster.url, { DATABASE_START_TIMEOUT_SECONDS: '2' });
    servers.push(server);
    expect(await server.exited).toBe(1);
    const output = server.output();
    expect(output).toContain(`waiting for PostgreSQL at 127.0.0.1:${cluster.port}: connection refused`);
    expect(output).toMatch(/PostgreSQL at 127\.0\.0\.1:\d+ did not answer within 2 s.*DATABASE_URL/);
    expect(output).not.toMatch(/^\s+at /m);
    cluster.start();
  }, 60_000);
});
