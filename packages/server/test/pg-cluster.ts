import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A throw-away PostgreSQL cluster of its own (as .ci/run starts one), for tests that stop and
 * restart the database under a running server. Undefined when the PostgreSQL binaries are absent.
 */
export interface PgCluster {
  url: string;
  port: number;
  start(): void;
  /** `pg_ctl -m immediate stop`: connections are cut as in a crash. */
  stop(): void;
  destroy(): void;
}

export function pgBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(a) - Number(b));
  const last = versions.at(-1);
  return last ? path.join(root, last, 'bin') : undefined;
}

export function createPgCluster(): PgCluster | undefined {
  const bin = pgBinDir();
  if (!bin) return undefined;
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onrm-pg-'));
  fs.chmodSync(dir, 0o755);
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  const port = 56000 + Math.floor(Math.random() * 4000);
  // PostgreSQL refuses to run as root: run its tools as the postgres user then.
  const run = (tool: string, args: string[]) => {
    const argv = [path.join(bin, tool), ...args];
    if (asRoot) {
      const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { stdio: 'ignore' });
    } else {
      execFileSync(argv[0]!, argv.slice(1), { stdio: 'ignore' });
    }
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres']);
  const cluster: PgCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: () => {
      if (fs.existsSync(path.join(data, 'postmaster.pid'))) return;
      run('pg_ctl', [
        '-D',
        data,
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
        '-l',
        path.join(dir, 'log'),
        '-w',
        'start',
      ]);
    },
    stop: () => {
      if (fs.existsSync(path.join(data, 'postmaster.pid')))
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    },
    destroy: () => {
      try {
        cluster.stop();
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}
