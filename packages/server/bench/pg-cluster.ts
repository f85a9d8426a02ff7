/**
 * A throw-away PostgreSQL cluster for benchmarks, started like `.ci/run` does: initdb and pg_ctl
 * from the newest /usr/lib/postgresql/N/bin, on a private port and socket folder under /tmp,
 * fsync off. PostgreSQL refuses to run as root: as root the commands run as `postgres`.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';

/** The newest PostgreSQL binaries folder (PG_BIN overrides). */
export function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(`${root}/${v}/bin/pg_ctl`))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  const newest = versions.at(-1);
  if (!newest) throw new Error('No PostgreSQL under /usr/lib/postgresql: set PG_BIN or BENCH_DATABASE_URL');
  return `${root}/${newest}/bin`;
}

const isRoot = () => userInfo().uid === 0;
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs a PostgreSQL tool, as `postgres` when this process is root. */
export function runAsPostgres(command: string[], opts: { env?: Record<string, string> } = {}): string {
  const envPrefix = Object.entries(opts.env ?? {})
    .map(([k, v]) => `${k}=${quote(v)} `)
    .join('');
  const line = envPrefix + command.map(quote).join(' ');
  if (isRoot()) return execFileSync('su', ['postgres', '-s', '/bin/bash', '-c', line], { encoding: 'utf8' });
  return execFileSync('/bin/bash', ['-c', line], { encoding: 'utf8' });
}

export interface Cluster {
  url: string;
  dir: string;
  stop(): void;
}

export function startThrowawayCluster(port: number): Cluster {
  const bin = postgresBin();
  const dir = mkdtempSync('/tmp/opennrm-bench-pg.');
  if (isRoot())
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), 0);
  runAsPostgres([`${bin}/initdb`, '-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c shared_buffers=256MB`;
  runAsPostgres([`${bin}/pg_ctl`, '-D', `${dir}/data`, '-o', options, '-l', `${dir}/log`, '-w', 'start']);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        runAsPostgres([`${bin}/pg_ctl`, '-D', `${dir}/data`, '-m', 'immediate', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
