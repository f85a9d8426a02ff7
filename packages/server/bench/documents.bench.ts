/**
 * `npm run bench:documents -w packages/server` (issue #5): uploads and downloads a large
 * file (BENCH_FILE_MB, default 2048 MiB) through the real HTTP server, in 8 MiB chunks as the
 * web app sends them, with encryption at rest on the local storage driver; reports the
 * throughput next to a raw copy of the same file on the same disk and `age` encrypting and
 * decrypting it (if installed), and how much the process's memory grew. Prints numbers only.
 *
 *   BENCH_FILE_MB   size of the test file (default 2048)
 *   BENCH_DIR       where the test file and the storage go (default: the OS temp folder)
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdtemp, open, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDb } from '../src/db/create-db.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { FileServices } from '../src/features/documents/files.js';
import { ephemeralFieldCrypto, ephemeralFileKeyring } from '../src/lib/keys.js';
import { LocalStorage } from '../src/lib/storage/index.js';
import { totpCode } from '../src/lib/totp.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seed } from '../src/seed.js';
import { createServices } from '../src/services.js';

const MB = 1024 * 1024;
const SIZE = Number(process.env.BENCH_FILE_MB ?? 2048) * MB;
const dir = await mkdtemp(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'opennrm-docbench-'));
const rate = (bytes: number, ms: number) => `${(bytes / MB / (ms / 1000)).toFixed(0)} MiB/s`;

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

try {
  // The test file: random bytes after a PDF header (the allow-list checks the type).
  const source = path.join(dir, 'source.pdf');
  const fh = await open(source, 'w');
  await fh.write(Buffer.from('%PDF-1.7\n'));
  const block = randomBytes(8 * MB);
  for (let written = 9; written < SIZE; written += block.length) {
    await fh.write(block.subarray(0, Math.min(block.length, SIZE - written)));
  }
  await fh.close();
  const size = (await stat(source)).size;
  const sha = createHash('sha256');
  await pipeline(createReadStream(source), sha);
  const expected = sha.digest('hex');

  let t = performance.now();
  await copyFile(source, path.join(dir, 'copy.pdf'));
  const copyMs = performance.now() - t;
  t = performance.now();
  await pipeline(createReadStream(source), createWriteStream(path.join(dir, 'copy2.pdf')));
  const streamCopyMs = performance.now() - t;
  await rm(path.join(dir, 'copy.pdf'));
  await rm(path.join(dir, 'copy2.pdf'));

  let ageLine = 'age: not installed (apt-get install age)';
  if (spawnSync('age', ['--version']).status === 0) {
    const identity = path.join(dir, 'age.key');
    execFileSync('age-keygen', ['-o', identity], { stdio: 'ignore' });
    const recipient = execFileSync('age-keygen', ['-y', identity]).toString().trim();
    t = performance.now();
    execFileSync('age', ['-r', recipient, '-o', path.join(dir, 'source.age'), source]);
    const encMs = performance.now() - t;
    t = performance.now();
    execFileSync('age', [
      '-d',
      '-i',
      identity,
      '-o',
      path.join(dir, 'back.pdf'),
      path.join(dir, 'source.age'),
    ]);
    const decMs = performance.now() - t;
    ageLine = `age: encrypt ${rate(size, encMs)}, decrypt ${rate(size, decMs)}`;
    await rm(path.join(dir, 'source.age'));
    await rm(path.join(dir, 'back.pdf'));
  }

  const handle = await createDb({});
  await migrateToLatest(handle.db);
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    SCHEDULER_INTERVAL_SECONDS: '0',
  });
  const crypto = ephemeralFieldCrypto();
  const services = createServices({ config, db: handle.db, now: () => new Date(), crypto });
  await seed(services, { demo: true });
  const files: FileServices = {
    storage: new LocalStorage(path.join(dir, 'files')),
    keyring: ephemeralFileKeyring(),
    maxUploadBytes: 4 * 1024 * MB,
  };
  const app = await buildApp({ config, db: handle.db, crypto, files });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  // Sign in as the case manager (no second factor for this role in the demo).
  let cookie = '';
  let csrf = '';
  const call = async (method: string, url: string, body?: string | Buffer, type = 'application/json') => {
    const res = await fetch(base + url, {
      method,
      headers: {
        cookie,
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        ...(body ? { 'content-type': type } : {}),
      },
      ...(body ? { body } : {}),
    });
    const set = res.headers.getSetCookie();
    if (set.length) cookie = set.map((c) => c.split(';')[0]).join('; ');
    return res;
  };
  const login = await call(
    'POST',
    '/api/auth/login',
    JSON.stringify({ username: 'casemanager', password: DEMO_PASSWORD }),
  );
  const first = (await login.json()) as { csrfToken: string; stage: string };
  csrf = first.csrfToken;
  if (first.stage !== 'authenticated') {
    const mfa = await call(
      'POST',
      '/api/auth/mfa',
      JSON.stringify({ code: totpCode(DEMO_TOTP_SECRET, Date.now()) }),
    );
    csrf = ((await mfa.json()) as { csrfToken: string }).csrfToken;
  }
  const created = await call(
    'POST',
    '/api/cases',
    JSON.stringify({ intakeKind: 'walk_in', channel: 'walk_in', person: { nameLatin: 'Bench Person' } }),
  );
  const caseId = ((await created.json()) as { id: string }).id;

  const started = await call(
    'POST',
    `/api/cases/${caseId}/uploads`,
    JSON.stringify({ fileName: 'large.pdf', size, metadata: { type: 'other', title: 'Large file' } }),
  );
  if (started.status !== 201) throw new Error(`upload: ${started.status} ${await started.text()}`);
  const up = (await started.json()) as { id: string; chunkSize: number; chunks: number };

  // The client runs in its own process: what this process gains is the server's alone.
  const rssBefore = process.memoryUsage().rss;
  peakRss = rssBefore;
  const client = spawn(process.execPath, [path.join(import.meta.dirname, 'documents-client.mjs')], {
    env: {
      ...process.env,
      BENCH_CLIENT: JSON.stringify({
        base,
        cookie,
        csrf,
        uploadId: up.id,
        chunkSize: up.chunkSize,
        chunks: up.chunks,
        file: source,
      }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  client.stdout.on('data', (d) => {
    output += d;
  });
  const code = await new Promise<number | null>((resolve) => client.on('close', resolve));
  if (code !== 0) throw new Error(`the client failed (${code})`);
  const r = JSON.parse(output) as {
    sendMs: number;
    uploadMs: number;
    downloadMs: number;
    received: number;
    stored: string;
    downloaded: string;
  };
  const serverGrowth = peakRss - rssBefore;
  const { sendMs, uploadMs, downloadMs, received } = r;

  console.log(`documents bench: ${(size / MB).toFixed(0)} MiB file in ${dir}`);
  console.log(`  raw copy (copyFile):         ${rate(size, copyMs)}`);
  console.log(`  raw copy (streams):          ${rate(size, streamCopyMs)}`);
  console.log(`  ${ageLine}`);
  console.log(
    `  upload over HTTP (8 MiB chunks, encrypted to disk): ${rate(size, sendMs)} sending; ${rate(size, uploadMs)} including completion`,
  );
  console.log(`  download over HTTP (decrypted, verified):           ${rate(received, downloadMs)}`);
  console.log(
    `  server memory (RSS) growth, peak over upload and download: ${(serverGrowth / MB).toFixed(0)} MiB`,
  );
  console.log(`  SHA-256 matches: ${r.stored === expected && r.downloaded === expected}`);
  await app.close();
  await handle.close();
} finally {
  clearInterval(sampler);
  await rm(dir, { recursive: true, force: true });
}
