/**
 * `npx tsx packages/server/bench/stream-crypto.bench.ts`: prints numbers, passes or fails nothing.
 *
 * Streams a file of BENCH_FILE_MB MiB (default 512) of random data from a temp file to a temp
 * file: a raw stream copy and `fs.copyFile` (the baselines), then OpenNRM's streaming
 * encryption and decryption (docs/decisions/0008), then `age` when the binary is on the PATH.
 * Reports MB/s (MiB per second), the ratio to the raw stream copy, and the peak growth of this
 * process's resident memory during each step. Nothing is fsynced: every step writes to the
 * page cache alike. BENCH_DIR chooses the directory (default: the OS temp directory);
 * BENCH_ROUNDS (default 3) how many interleaved rounds to run, reporting the median;
 * BENCH_HWM_KB (default 1024) the file streams' buffer size (Node's default is 64 KiB for
 * reading and 16 KiB for writing, also measured for the raw copy: with small buffers the
 * reads and writes do not overlap the CPU work).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { newFileKey } from '../src/lib/file-keys.js';
import { createDecryptStream, createEncryptStream } from '../src/lib/stream-crypto.js';

const MB = 1024 * 1024;
const sizeMb = Number(process.env.BENCH_FILE_MB ?? 512);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
/** Buffer size of the file streams in the timed steps (both the raw copy and OpenNRM's). */
const hwm = Number(process.env.BENCH_HWM_KB ?? 1024) * 1024;
const read = (file: string) => fs.createReadStream(file, { highWaterMark: hwm });
const write = (file: string) => fs.createWriteStream(file, { highWaterMark: hwm });
const dir = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'onrm-stream-bench-'));
const src = path.join(dir, 'plain.bin');

async function writeRandomFile(file: string, mb: number) {
  const out = fs.createWriteStream(file);
  const block = randomBytes(MB);
  for (let i = 0; i < mb; i++) {
    // Vary every MiB a little so nothing downstream can dedupe it.
    block.writeUInt32BE(i, 0);
    if (!out.write(Buffer.from(block))) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

async function sha256File(file: string) {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

interface Sample {
  seconds: number;
  rssGrowthMb: number;
}

const samples = new Map<string, Sample[]>();

/** Runs a step, sampling RSS every 20 ms; records time and peak RSS growth over the start. */
async function step(name: string, fn: () => Promise<unknown>) {
  // Start each step without the previous one's dirty pages being written back under it.
  execFileSync('sync');
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const t = performance.now();
  await fn();
  const seconds = (performance.now() - t) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  if (!samples.has(name)) samples.set(name, []);
  samples.get(name)!.push({ seconds, rssGrowthMb: (peak - base) / MB });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function run(cmd: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}`))));
  });
}

function hasBinary(name: string) {
  try {
    execFileSync(name, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

try {
  console.log(`Streaming encryption benchmark: ${sizeMb} MiB in ${dir}, stream buffers ${hwm / 1024} KiB`);
  await writeRandomFile(src, sizeMb);
  const srcHash = await sha256File(src);
  // Warm the page cache the same way for every step.
  await sha256File(src);

  const copy = path.join(dir, 'copy.bin');
  const key = newFileKey();
  const enc = path.join(dir, 'plain.onrm');
  const dec = path.join(dir, 'decrypted.bin');
  const age = hasBinary('age') && hasBinary('age-keygen');
  const identity = path.join(dir, 'age-key.txt');
  const ageFile = path.join(dir, 'plain.age');
  let recipient = '';
  if (age) {
    execFileSync('age-keygen', ['-o', identity], { stdio: 'ignore' });
    recipient = /public key: (age1\w+)/.exec(fs.readFileSync(identity, 'utf8'))![1]!;
  } else {
    console.log('age not found on the PATH: skipped (apt-get install age)');
  }

  // Interleaved rounds, so that load from other processes hits every step alike.
  for (let round = 0; round < rounds; round++) {
    await step('raw stream copy', () => pipeline(read(src), write(copy)));
    fs.rmSync(copy);
    await step('raw stream copy, Node default buffers', () =>
      pipeline(fs.createReadStream(src), fs.createWriteStream(copy)),
    );
    fs.rmSync(copy);
    await step('fs.copyFile', () => fs.promises.copyFile(src, copy));
    fs.rmSync(copy);

    const encryptor = createEncryptStream(key);
    await step('OpenNRM encrypt (+ SHA-256)', () => pipeline(read(src), encryptor, write(enc)));
    if (encryptor.result?.sha256 !== srcHash) throw new Error('encrypt: SHA-256 differs from the source');
    await step('OpenNRM decrypt (+ SHA-256 check)', () =>
      pipeline(read(enc), createDecryptStream(key, { expectedSha256: srcHash }), write(dec)),
    );
    if (round === 0 && (await sha256File(dec)) !== srcHash) throw new Error('decrypt: output differs');
    fs.rmSync(dec);
    await step('OpenNRM decrypt (tags only)', () =>
      pipeline(read(enc), createDecryptStream(key, { sha256: false }), write(dec)),
    );
    fs.rmSync(dec);

    if (age) {
      // Child processes: their memory is not this process's RSS (reported as n/a).
      await step('age -e (child process)', () => run('age', ['-e', '-r', recipient, '-o', ageFile, src]));
      await step('age -d (child process)', () => run('age', ['-d', '-i', identity, '-o', dec, ageFile]));
      if (round === 0 && (await sha256File(dec)) !== srcHash) throw new Error('age: output differs');
      fs.rmSync(dec);
      fs.rmSync(ageFile);
    }
  }
  const overhead = fs.statSync(enc).size - fs.statSync(src).size;

  // The baseline is the faster raw stream copy, whichever buffer size that was.
  const rawMbs = Math.max(
    ...['raw stream copy', 'raw stream copy, Node default buffers'].map(
      (name) => sizeMb / median(samples.get(name)!.map((s) => s.seconds)),
    ),
  );
  console.log(
    `\n${rounds} rounds; median time (MiB/s of the best round in brackets); load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    'step                                  median     MiB/s (best)  vs faster raw stream copy  peak RSS growth',
  );
  for (const [name, xs] of samples) {
    const t = median(xs.map((s) => s.seconds));
    const best = sizeMb / Math.min(...xs.map((s) => s.seconds));
    const mbs = sizeMb / t;
    const rss = name.includes('child')
      ? 'n/a'
      : `${Math.max(...xs.map((s) => s.rssGrowthMb)).toFixed(1)} MiB`;
    console.log(
      `${name.padEnd(36)} ${t.toFixed(2).padStart(6)} s ${mbs.toFixed(0).padStart(7)} (${best.toFixed(0).padStart(5)}) ${(mbs / rawMbs).toFixed(2).padStart(10)}x ${rss.padStart(16)}`,
    );
  }
  console.log(
    `\nprocess RSS now ${(process.memoryUsage.rss() / MB).toFixed(0)} MiB; encrypted size overhead: ${overhead} bytes (${((overhead / (sizeMb * MB)) * 100).toFixed(3)} %); Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu?'} x${os.cpus().length}`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
