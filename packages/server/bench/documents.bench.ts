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
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdtemp, open, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
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
  const services = { config, db: handle.db, now: () => new Date(), crypto };
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

  const rssBefore = process.memoryUsage().rss;
  peakRss = rssBefore;
  t = performance.now();
  const started = await call(
    'POST',
    `/api/cases/${caseId}/uploads`,
    JSON.stringify({ fileName: 'large.pdf', size, metadata: { type: 'other', title: 'Large file' } }),
  );
  if (started.status !== 201) throw new Error(`upload: ${started.status} ${await started.text()}`);
  const up = (await started.json()) as { id: string; chunkSize: number; chunks: number };
  const reader = await open(source, 'r');
  const chunk = Buffer.alloc(up.chunkSize);
  for (let index = 0; index < up.chunks; index++) {
    const { bytesRead } = await reader.read(chunk, 0, up.chunkSize, index * up.chunkSize);
    const res = await call(
      'PUT',
      `/api/uploads/${up.id}/chunks/${index}`,
      chunk.subarray(0, bytesRead),
      'application/octet-stream',
    );
    if (res.status !== 200) throw new Error(`chunk ${index}: ${res.status} ${await res.text()}`);
  }
  await reader.close();
  const sendMs = performance.now() - t;
  const done = await call('POST', `/api/uploads/${up.id}/complete`);
  const doc = (await done.json()) as { id: string; current: { sha256: string } };
  const uploadMs = performance.now() - t;
  const uploadPeak = peakRss - rssBefore;

  peakRss = process.memoryUsage().rss;
  const rssBeforeDownload = peakRss;
  t = performance.now();
  const download = await call('GET', `/api/documents/${doc.id}/versions/1/content`);
  const back = createHash('sha256');
  let received = 0;
  await pipeline(
    download.body as unknown as NodeJS.ReadableStream,
    new Writable({
      write(piece: Buffer, _enc, cb) {
        received += piece.length;
        back.update(piece);
        cb();
      },
    }),
  );
  const downloadMs = performance.now() - t;
  const downloadPeak = peakRss - rssBeforeDownload;

  console.log(`documents bench: ${(size / MB).toFixed(0)} MiB file in ${dir}`);
  console.log(`  raw copy (copyFile):         ${rate(size, copyMs)}`);
  console.log(`  raw copy (streams):          ${rate(size, streamCopyMs)}`);
  console.log(`  ${ageLine}`);
  console.log(
    `  upload over HTTP (8 MiB chunks, encrypted to disk): ${rate(size, sendMs)} sending; ${rate(size, uploadMs)} with the final check (type, SHA-256 pass); memory +${(uploadPeak / MB).toFixed(0)} MiB peak`,
  );
  console.log(
    `  download over HTTP (decrypted, verified):           ${rate(received, downloadMs)}; memory +${(downloadPeak / MB).toFixed(0)} MiB peak`,
  );
  console.log(`  SHA-256 matches: ${doc.current.sha256 === expected && back.digest('hex') === expected}`);
  console.log(
    "  (client and server share this process: the memory figures include the client's 8 MiB chunk buffer)",
  );
  await app.close();
  await handle.close();
} finally {
  clearInterval(sampler);
  await rm(dir, { recursive: true, force: true });
}
