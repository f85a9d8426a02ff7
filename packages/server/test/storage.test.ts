import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import {
  createStorage,
  InvalidKey,
  InvalidRange,
  isValidKey,
  LengthMismatch,
  LocalStorage,
  NotFound,
  type ObjectStorage,
  S3Storage,
  TooLarge,
} from '../src/lib/storage/index.js';

// The storage touches no database: run it once, in the PGlite project only.
const skip = process.env.OPENNRM_TEST_DB === 'postgres';

const KiB = 1024;
const MiB = 1024 * KiB;

// ---------------------------------------------------------------------------------------------
// Bodies: deterministic bytes (byte n is BLOCK[n mod 1 MiB]) streamed from a generator, so any
// range of any size can be checked without keeping the body.

const BLOCK = randomBytes(MiB);

function expectedBytes(start: number, endExclusive: number): Buffer {
  const out = Buffer.alloc(endExclusive - start);
  for (let i = 0; i < out.length; i++) out[i] = BLOCK[(start + i) % MiB] as number;
  return out;
}

interface BodyOptions {
  chunk?: number;
  /** Throw once this many bytes were produced. */
  failAfter?: number;
  /** Called for every chunk (memory sampling). */
  onChunk?: () => void;
}

function body(total: number, opts: BodyOptions = {}): Readable {
  const chunk = opts.chunk ?? 64 * KiB;
  async function* generate() {
    for (let offset = 0; offset < total; offset += chunk) {
      if (opts.failAfter !== undefined && offset >= opts.failAfter) throw new Error('source failed');
      const n = Math.min(chunk, total - offset);
      const at = offset % MiB;
      // A fresh buffer per chunk, as a network source gives (streams may still hold the last one).
      const buf = Buffer.allocUnsafe(n);
      const first = Math.min(n, MiB - at);
      BLOCK.copy(buf, 0, at, at + first);
      if (first < n) BLOCK.copy(buf, first, 0, n - first);
      opts.onChunk?.();
      yield buf;
    }
  }
  return Readable.from(generate(), { objectMode: false });
}

function sha256OfBody(total: number): string {
  const hash = createHash('sha256');
  for (let offset = 0; offset < total; offset += MiB) {
    const n = Math.min(MiB, total - offset);
    hash.update(n === MiB ? BLOCK : BLOCK.subarray(0, n));
  }
  return hash.digest('hex');
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function sha256OfStream(
  stream: Readable,
  onChunk?: () => void,
): Promise<{ hash: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
    onChunk?.();
  }
  return { hash: hash.digest('hex'), bytes };
}

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const key of iterable) out.push(key);
  return out.sort();
}

/** Every file under `dir`, temporary ones included, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

const docKey = () => `documents/${randomUUID()}/1`;

// ---------------------------------------------------------------------------------------------
// The drivers under test.

/**
 * A real S3-compatible server (s3rver) on 127.0.0.1, a free port, keeping its objects in `dir`.
 * It runs in a child process, as S3 would run elsewhere, so that the memory check below measures
 * the driver and not the server. The child exits when its stdin closes (this process ending).
 */
async function startS3rver(dir: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const script = `
    const S3rver = require(process.argv[1]);
    new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.argv[2] })
      .run()
      .then(({ port }) => process.stdout.write(port + '\\n'), (err) => { console.error(err); process.exit(1); });
    process.stdin.on('end', () => process.exit(0)).resume();`;
  const child = spawn(
    process.execPath,
    ['-e', script, createRequire(import.meta.url).resolve('s3rver'), dir],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString();
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code}`)));
  });
  return {
    port,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

interface Fixture {
  storage: ObjectStorage;
  /** Everything the driver holds (objects, and for the local driver, temporary files). */
  leftovers(): Promise<string[]>;
  stop(): Promise<void>;
}

const tmpDirs: string[] = [];
async function tmpDir(label: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `opennrm-${label}-`));
  tmpDirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(tmpDirs.map((d) => fs.rm(d, { recursive: true, force: true })));
});

const drivers: { name: string; start: () => Promise<Fixture> }[] = [
  {
    name: 'local',
    start: async () => {
      const root = path.join(await tmpDir('files'), 'files');
      const storage = new LocalStorage(root);
      return {
        storage,
        leftovers: async () => ((await fs.stat(root).catch(() => undefined)) ? filesUnder(root) : []),
        stop: () => storage.close(),
      };
    },
  },
  {
    name: 's3 (s3rver on loopback)',
    start: async () => {
      const server = await startS3rver(await tmpDir('s3rver'));
      const storage = new S3Storage({
        endpoint: `http://127.0.0.1:${server.port}`,
        region: 'us-east-1',
        bucket: 'opennrm-test',
        forcePathStyle: true,
        // s3rver's fixed credentials.
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
      });
      await storage.client.send(new CreateBucketCommand({ Bucket: 'opennrm-test' }));
      return {
        storage,
        leftovers: () => collect(storage.list('')),
        stop: async () => {
          await storage.close();
          await server.stop();
        },
      };
    },
  },
];

// ---------------------------------------------------------------------------------------------
// One contract, every driver.

describe.skipIf(skip).each(drivers)('object storage: $name', ({ start }) => {
  let f: Fixture;
  let storage: ObjectStorage;
  beforeAll(async () => {
    f = await start();
    storage = f.storage;
  });
  afterAll(() => f?.stop());

  it('streams a few MB in and out unchanged, and reports the size', async () => {
    const key = docKey();
    const size = 5 * MiB + 123;
    expect(await storage.put(key, body(size), { contentLength: size })).toEqual({ bytes: size });
    expect(await storage.head(key)).toEqual({ bytes: size });
    expect(await sha256OfStream(await storage.get(key))).toEqual({ hash: sha256OfBody(size), bytes: size });
    expect(await collect(storage.list(key.slice(0, key.lastIndexOf('/') + 1)))).toEqual([key]);
  });

  it('stores an empty object and a plain uuid key', async () => {
    const key = randomUUID();
    expect(await storage.put(key, body(0))).toEqual({ bytes: 0 });
    expect(await storage.head(key)).toEqual({ bytes: 0 });
    expect((await readAll(await storage.get(key))).length).toBe(0);
    await storage.delete(key);
  });

  it('reads byte ranges', async () => {
    const key = docKey();
    const size = 3 * MiB;
    await storage.put(key, body(size));
    expect(await readAll(await storage.get(key, { start: 0, end: 9 }))).toEqual(expectedBytes(0, 10));
    expect(await readAll(await storage.get(key, { start: MiB - 5, end: MiB + 4 }))).toEqual(
      expectedBytes(MiB - 5, MiB + 5),
    );
    // No end: to the last byte; an end past the last byte stops at it.
    expect(await readAll(await storage.get(key, { start: size - 100 }))).toEqual(
      expectedBytes(size - 100, size),
    );
    expect(await readAll(await storage.get(key, { start: size - 1, end: size + 1000 }))).toEqual(
      expectedBytes(size - 1, size),
    );
    await expect(storage.get(key, { start: size })).rejects.toBeInstanceOf(InvalidRange);
    await expect(storage.get(key, { start: 10, end: 5 })).rejects.toBeInstanceOf(InvalidRange);
    await expect(storage.get(key, { start: -1 })).rejects.toBeInstanceOf(InvalidRange);
  });

  it('replaces an object put again under the same key', async () => {
    const key = docKey();
    await storage.put(key, body(1000));
    await storage.put(key, body(10));
    expect(await storage.head(key)).toEqual({ bytes: 10 });
    expect(await readAll(await storage.get(key))).toEqual(expectedBytes(0, 10));
  });

  it('deletes: then get is NotFound and head is undefined; deleting again is fine', async () => {
    const key = docKey();
    await storage.put(key, body(100));
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toBeInstanceOf(NotFound);
    expect(await storage.head(key)).toBeUndefined();
    await storage.delete(key);
  });

  it('a missing key is NotFound', async () => {
    const key = docKey();
    await expect(storage.get(key)).rejects.toBeInstanceOf(NotFound);
    await expect(storage.get(key, { start: 0, end: 1 })).rejects.toBeInstanceOf(NotFound);
    expect(await storage.head(key)).toBeUndefined();
    expect(await collect(storage.list(`documents/${randomUUID()}/`))).toEqual([]);
  });

  it('refuses keys the server does not generate, and never touches the disk or bucket for them', async () => {
    const before = await f.leftovers();
    for (const key of invalidKeys) {
      const source = body(10);
      await expect(storage.put(key as string, source), JSON.stringify(key)).rejects.toBeInstanceOf(
        InvalidKey,
      );
      expect(source.destroyed).toBe(true);
      await expect(storage.get(key as string)).rejects.toBeInstanceOf(InvalidKey);
      await expect(storage.head(key as string)).rejects.toBeInstanceOf(InvalidKey);
      await expect(storage.delete(key as string)).rejects.toBeInstanceOf(InvalidKey);
    }
    for (const prefix of ['../', '/', '/etc', 'a//', 'documents/../']) {
      await expect(collect(storage.list(prefix))).rejects.toBeInstanceOf(InvalidKey);
    }
    expect(await f.leftovers()).toEqual(before);
  });

  it('a source that fails midway leaves nothing behind, and keeps the earlier object', async () => {
    const before = await f.leftovers();
    const fresh = docKey();
    // 20 MiB: past two S3 parts, so a multipart upload was under way.
    await expect(storage.put(fresh, body(40 * MiB, { failAfter: 20 * MiB }))).rejects.toThrow(
      'source failed',
    );
    expect(await storage.head(fresh)).toBeUndefined();
    await expect(storage.get(fresh)).rejects.toBeInstanceOf(NotFound);

    const kept = docKey();
    await storage.put(kept, body(1000));
    const beforeKept = await f.leftovers();
    await expect(storage.put(kept, body(1 * MiB, { failAfter: 512 * KiB }))).rejects.toThrow('source failed');
    expect(await readAll(await storage.get(kept))).toEqual(expectedBytes(0, 1000));
    expect(await f.leftovers()).toEqual(beforeKept);
    await storage.delete(kept);
    expect(await f.leftovers()).toEqual(before);
  });

  it('enforces maxBytes and contentLength, storing nothing when broken', async () => {
    const before = await f.leftovers();
    const key = docKey();
    await expect(storage.put(key, body(2 * MiB), { maxBytes: MiB })).rejects.toBeInstanceOf(TooLarge);
    await expect(storage.put(key, body(100), { contentLength: 101 })).rejects.toBeInstanceOf(LengthMismatch);
    await expect(storage.put(key, body(102), { contentLength: 101 })).rejects.toBeInstanceOf(LengthMismatch);
    await expect(storage.put(key, body(100), { contentLength: 200, maxBytes: 100 })).rejects.toBeInstanceOf(
      TooLarge,
    );
    expect(await storage.head(key)).toBeUndefined();
    expect(await f.leftovers()).toEqual(before);
    expect(await storage.put(key, body(MiB), { maxBytes: MiB, contentLength: MiB })).toEqual({ bytes: MiB });
    await storage.delete(key);
  });

  it('an aborted upload stops and leaves nothing behind', async () => {
    const before = await f.leftovers();
    const key = docKey();
    const controller = new AbortController();
    let produced = 0;
    const source = body(64 * MiB, {
      onChunk: () => {
        produced += 64 * KiB;
        if (produced === 12 * MiB) controller.abort();
      },
    });
    await expect(storage.put(key, source, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(source.destroyed).toBe(true);
    expect(produced).toBeLessThan(32 * MiB);
    expect(await storage.head(key)).toBeUndefined();
    expect(await f.leftovers()).toEqual(before);
    await expect(storage.put(key, body(10), { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('streams 128 MiB through put and get without holding it in memory', async () => {
    const key = docKey();
    // Well above the limit below, so a driver that buffered the object could not pass; the
    // limit leaves room for the SDK's part buffers and for garbage not yet collected on a busy CI machine.
    const size = 128 * MiB;
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    const started = Date.now();
    expect(await storage.put(key, body(size, { onChunk: sample }), { contentLength: size })).toEqual({
      bytes: size,
    });
    const read = await sha256OfStream(await storage.get(key), sample);
    expect(read).toEqual({ hash: sha256OfBody(size), bytes: size });
    const growth = peak - baseline;
    console.info(
      `${storage.kind}: 128 MiB round trip in ${Date.now() - started} ms, RSS growth ${(growth / MiB).toFixed(1)} MiB`,
    );
    expect(growth).toBeLessThan(80 * MiB);
    await storage.delete(key);
  });
});

const invalidKeys: unknown[] = [
  '',
  '/etc/passwd',
  '../secret',
  'documents/../../etc',
  'documents/..',
  'a..b',
  'documents/./x',
  '.hidden',
  'documents/.x.tmp',
  'documents//x',
  'documents/x/',
  'documents\\x',
  'C:/x',
  'a b',
  'dócument',
  'a\u0000b',
  'a\nb',
  'a/b/c/d/e/f/g/h/i',
  'x'.repeat(129),
  undefined,
  42,
];

describe.skipIf(skip)('storage keys', () => {
  it('accepts the shapes the server generates', () => {
    expect(isValidKey(randomUUID())).toBe(true);
    expect(isValidKey(`documents/${randomUUID()}/1`)).toBe(true);
    expect(isValidKey(`documents/${randomUUID()}/v2.enc`)).toBe(true);
  });
  it('refuses everything else', () => {
    for (const key of invalidKeys) expect(isValidKey(key), JSON.stringify(key)).toBe(false);
  });
});

describe.skipIf(skip)('local storage on disk', () => {
  it('keeps folders 0700 and files 0600, and no temporary file after a put', async () => {
    const root = path.join(await tmpDir('perm'), 'files');
    const storage = new LocalStorage(root);
    const key = docKey();
    await storage.put(key, body(1000));
    const file = path.join(root, ...key.split('/'));
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await fs.stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect((await fs.stat(root)).mode & 0o777).toBe(0o700);
    expect(await filesUnder(root)).toEqual([key]);
  });

  it('removes temporary files left by a crash once they are old enough', async () => {
    const root = path.join(await tmpDir('stale'), 'files');
    const storage = new LocalStorage(root);
    const key = docKey();
    await storage.put(key, body(10));
    const dir = path.dirname(path.join(root, ...key.split('/')));
    const stale = path.join(dir, `.1.${randomUUID()}.tmp`);
    await fs.writeFile(stale, 'partial');
    expect(await collect(storage.list(''))).toEqual([key]);
    expect(await storage.removeStaleTemporaryFiles(60_000)).toBe(0);
    expect(await storage.removeStaleTemporaryFiles(60_000, Date.now() + 120_000)).toBe(1);
    expect(await filesUnder(root)).toEqual([key]);
  });
});

// ---------------------------------------------------------------------------------------------
// Configuration.

describe.skipIf(skip)('storage configuration', () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    return [];
  };

  it('defaults to a local folder under DATA_DIR, with a 2 GiB limit', () => {
    const config = loadConfig({ DATA_DIR: '/srv/opennrm' });
    expect(config.storage).toEqual({
      driver: 'local',
      dir: path.resolve('/srv/opennrm/files'),
      maxUploadBytes: 2_147_483_648,
      s3: undefined,
    });
    expect(loadConfig({ FILE_STORAGE_DIR: '/mnt/files' }).storage.dir).toBe('/mnt/files');
    expect(createStorage(config).kind).toBe('local');
  });

  it('reads the S3 settings; path-style addressing is the default with an endpoint', () => {
    const config = loadConfig({
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'opennrm-files',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
      MAX_UPLOAD_BYTES: '1048576',
    });
    expect(config.storage.maxUploadBytes).toBe(1_048_576);
    expect(config.storage.s3).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      bucket: 'opennrm-files',
      forcePathStyle: true,
      accessKeyId: 'id',
      secretAccessKey: 'secret',
    });
    expect(
      loadConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'b-1', S3_REGION: 'eu-west-1' }).storage.s3,
    ).toMatchObject({
      forcePathStyle: false,
      region: 'eu-west-1',
      endpoint: undefined,
    });
    expect(
      loadConfig({
        STORAGE_DRIVER: 's3',
        S3_BUCKET: 'b-1',
        S3_ENDPOINT: 'https://s3.example.org',
        S3_FORCE_PATH_STYLE: 'false',
      }).storage.s3?.forcePathStyle,
    ).toBe(false);
    const storage = createStorage(config);
    expect(storage.kind).toBe('s3');
    return storage.close();
  });

  it('names the missing or wrong variable, never its value', () => {
    expect(problems({ STORAGE_DRIVER: 's3' })).toEqual(['S3_BUCKET: required when STORAGE_DRIVER is s3']);
    expect(problems({ STORAGE_DRIVER: 's3', S3_BUCKET: 'b-1', S3_ACCESS_KEY_ID: 'id' })).toEqual([
      'S3_SECRET_ACCESS_KEY: required when S3_ACCESS_KEY_ID is set',
    ]);
    expect(problems({ S3_SECRET_ACCESS_KEY: 'hunter2-secret' })).toEqual([
      'S3_ACCESS_KEY_ID: required when S3_SECRET_ACCESS_KEY is set',
    ]);
    const wrong = problems({
      STORAGE_DRIVER: 'ftp',
      S3_BUCKET: 'Not_A_Bucket',
      S3_ENDPOINT: 'ftp://hunter2@host',
      MAX_UPLOAD_BYTES: 'lots',
      S3_FORCE_PATH_STYLE: 'maybe',
      PORT: '-1',
    });
    expect(wrong.map((p) => p.split(':')[0]).sort()).toEqual([
      'MAX_UPLOAD_BYTES',
      'PORT',
      'S3_BUCKET',
      'S3_ENDPOINT',
      'S3_FORCE_PATH_STYLE',
      'STORAGE_DRIVER',
    ]);
    expect(wrong.join('\n')).not.toMatch(/hunter2|Not_A_Bucket|lots|maybe/);
  });
});
