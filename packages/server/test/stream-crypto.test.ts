import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import {
  createFileKeyring,
  isWrapStale,
  newFileKey,
  rewrapAll,
  rewrapFileKey,
  unwrapFileKey,
  wrapFileKey,
  wrappedKeyId,
} from '../src/lib/file-keys.js';
import {
  addFileMasterKey,
  ephemeralFileKeyring,
  loadFieldCrypto,
  loadFileKeyring,
  readKeyFile,
  writeKeyFile,
} from '../src/lib/keys.js';
import {
  createDecryptStream,
  createEncryptStream,
  type DecryptOptions,
  EncryptedFileCorrupt,
  encryptedSize,
  HEADER_LENGTH,
  segmentNonce,
  TAG_LENGTH,
} from '../src/lib/stream-crypto.js';

const S = 64 * 1024;
const SEALED = S + TAG_LENGTH;

function* pieces(data: Buffer, size: number | number[]) {
  const sizes = Array.isArray(size) ? size : [size];
  let i = 0;
  let offset = 0;
  while (offset < data.length) {
    const n = sizes[i++ % sizes.length]!;
    yield data.subarray(offset, offset + n);
    offset += n;
  }
}

function collector() {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  return { sink, output: () => Buffer.concat(chunks) };
}

async function encrypt(plaintext: Buffer, key: Buffer, pieceSize: number | number[] = S) {
  const enc = createEncryptStream(key);
  const { sink, output } = collector();
  await pipeline(Readable.from(pieces(plaintext, pieceSize)), enc, sink);
  return { data: output(), result: enc.result! };
}

/** Decrypts, keeping whatever plaintext was emitted before an error. */
async function decrypt(
  data: Buffer,
  key: Buffer,
  pieceSize: number | number[] = 100 * 1024,
  options?: DecryptOptions,
) {
  const dec = createDecryptStream(key, options);
  const { sink, output } = collector();
  let error: unknown;
  try {
    await pipeline(Readable.from(pieces(data, pieceSize)), dec, sink);
  } catch (e) {
    error = e;
  }
  return { output: output(), error, result: dec.result };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function expectCorrupt(error: unknown, reason?: string, segment?: number) {
  expect(error).toBeInstanceOf(EncryptedFileCorrupt);
  if (reason) expect((error as EncryptedFileCorrupt).reason).toBe(reason);
  if (segment !== undefined) expect((error as EncryptedFileCorrupt).segment).toBe(segment);
}

/** Offset of sealed segment i in an encrypted file. */
const seg = (i: number) => HEADER_LENGTH + i * SEALED;

describe('streaming file encryption', () => {
  const key = newFileKey();

  it.each([0, 1, 65535, 65536, 65537, 3 * 65536, 5_000_003])('round-trips %i bytes', async (size) => {
    const plaintext = randomBytes(size);
    const { data, result } = await encrypt(plaintext, key);
    expect(data.length).toBe(encryptedSize(size));
    expect(data.subarray(0, 5).toString('latin1')).toBe('ONRM1');
    expect(result).toEqual({ sha256: sha256(plaintext), bytes: size, encryptedBytes: data.length });
    const out = await decrypt(data, key, 100 * 1024, { expectedSha256: sha256(plaintext) });
    expect(out.error).toBeUndefined();
    expect(out.output.equals(plaintext)).toBe(true);
    expect(out.result).toEqual(result);
  });

  it('an empty file is a header and one empty last segment', async () => {
    const { data } = await encrypt(Buffer.alloc(0), key);
    expect(data.length).toBe(HEADER_LENGTH + TAG_LENGTH);
  });

  it('handles input and ciphertext arriving in odd pieces', async () => {
    const plaintext = randomBytes(3 * S + 12345);
    for (const encPieces of [1013, [1, 7, 100 * 1024], 3 * S + 12345, S - 1]) {
      const { data } = await encrypt(plaintext, key, encPieces);
      expect(data.length).toBe(encryptedSize(plaintext.length));
      for (const decPieces of [1, 7, 100 * 1024, [1, SEALED, 7, SEALED - 1, 3], data.length]) {
        // One byte at a time is slow; do it once.
        if (decPieces === 1 && encPieces !== 1013) continue;
        const out = await decrypt(data, key, decPieces);
        expect(out.error).toBeUndefined();
        expect(out.output.equals(plaintext)).toBe(true);
      }
    }
  });

  it('works with other segment sizes, the reader taking the size from the header', async () => {
    const plaintext = randomBytes(1000);
    for (const segmentSize of [16, 100, 999, 1000, 1001]) {
      const enc = createEncryptStream(key, { segmentSize });
      const { sink, output } = collector();
      await pipeline(Readable.from(pieces(plaintext, [1, 7, 33])), enc, sink);
      const data = output();
      expect(data.length).toBe(encryptedSize(plaintext.length, segmentSize));
      const out = await decrypt(data, key, [3, 50]);
      expect(out.error).toBeUndefined();
      expect(out.output.equals(plaintext)).toBe(true);
    }
    expect(() => createEncryptStream(key, { segmentSize: 8 })).toThrow(/segment size/);
  });

  it('two encryptions of the same content differ (random salt and nonce prefix)', async () => {
    const plaintext = randomBytes(1000);
    const a = await encrypt(plaintext, key);
    const b = await encrypt(plaintext, key);
    expect(a.data.equals(b.data)).toBe(false);
  });

  describe('tampering', () => {
    // Four segments: three full, one of 100 bytes.
    const plaintext = randomBytes(3 * S + 100);
    let data: Buffer;
    beforeAll(async () => {
      data = (await encrypt(plaintext, key)).data;
    });
    const flip = (at: number) => {
      const copy = Buffer.from(data);
      copy[at]! ^= 0x01;
      return copy;
    };

    it.each([0, 4, 6, 12, 20, 28, 31])('a flipped header byte at %i: nothing is emitted', async (at) => {
      for (const pieceSize of [7, 100 * 1024]) {
        const out = await decrypt(flip(at), key, pieceSize);
        expectCorrupt(out.error);
        expect(out.output.length).toBe(0);
      }
    });

    it('a flipped byte in a middle segment: only the segments before it are emitted', async () => {
      for (const at of [seg(1), seg(1) + 1000, seg(2) - 1]) {
        for (const pieceSize of [1 + 6, 100 * 1024, data.length]) {
          const out = await decrypt(flip(at), key, pieceSize);
          expectCorrupt(out.error, 'segment', 1);
          expect(out.output.equals(plaintext.subarray(0, S))).toBe(true);
        }
      }
    });

    it('a flipped byte in the last tag: no byte of the last segment is emitted', async () => {
      const out = await decrypt(flip(data.length - 1), key);
      expectCorrupt(out.error, 'segment', 3);
      expect(out.output.equals(plaintext.subarray(0, 3 * S))).toBe(true);
    });

    it('truncation at a segment boundary is detected (no last flag)', async () => {
      for (const n of [1, 2, 3]) {
        const out = await decrypt(data.subarray(0, seg(n)), key);
        expectCorrupt(out.error, 'segment', n - 1);
        expect(out.output.equals(plaintext.subarray(0, (n - 1) * S))).toBe(true);
      }
      expectCorrupt((await decrypt(data.subarray(0, HEADER_LENGTH), key)).error, 'truncated');
      expectCorrupt((await decrypt(data.subarray(0, 20), key)).error, 'header');
      expectCorrupt((await decrypt(Buffer.alloc(0), key)).error, 'header');
    });

    it('truncation inside a segment is detected', async () => {
      for (const cut of [seg(1) + 1, seg(2) + 5000, data.length - 1, data.length - TAG_LENGTH, seg(3) + 3]) {
        const out = await decrypt(data.subarray(0, cut), key, 7 * 1024);
        expectCorrupt(out.error);
        expect(out.output.length).toBeLessThan(3 * S + 1);
        expect(out.output.equals(plaintext.subarray(0, out.output.length))).toBe(true);
        expect(out.output.length % S).toBe(0);
      }
    });

    it('bytes after the last segment are detected', async () => {
      for (const extra of [Buffer.from([0]), randomBytes(TAG_LENGTH), randomBytes(SEALED)]) {
        const out = await decrypt(Buffer.concat([data, extra]), key);
        expectCorrupt(out.error);
        expect(out.output.length).toBeLessThanOrEqual(3 * S);
      }
      // Also after a full last segment.
      const full = randomBytes(2 * S);
      const enc = (await encrypt(full, key)).data;
      const out = await decrypt(Buffer.concat([enc, randomBytes(TAG_LENGTH)]), key);
      expectCorrupt(out.error, 'segment', 1);
      expect(out.output.equals(full.subarray(0, S))).toBe(true);
    });

    it('swapped, duplicated or dropped segments are detected', async () => {
      const swapped = Buffer.concat([
        data.subarray(0, seg(1)),
        data.subarray(seg(2), seg(3)),
        data.subarray(seg(1), seg(2)),
        data.subarray(seg(3)),
      ]);
      expect(swapped.length).toBe(data.length);
      let out = await decrypt(swapped, key);
      expectCorrupt(out.error, 'segment', 1);
      expect(out.output.equals(plaintext.subarray(0, S))).toBe(true);

      const duplicated = Buffer.concat([data.subarray(0, seg(2)), data.subarray(seg(1))]);
      out = await decrypt(duplicated, key);
      expectCorrupt(out.error, 'segment', 2);

      const dropped = Buffer.concat([data.subarray(0, seg(1)), data.subarray(seg(2))]);
      out = await decrypt(dropped, key);
      expectCorrupt(out.error, 'segment', 1);
    });

    it('a segment spliced in from another file under the same key is detected', async () => {
      const other = (await encrypt(randomBytes(3 * S + 100), key)).data;
      for (const i of [0, 1, 3]) {
        const end = i === 3 ? data.length : seg(i + 1);
        const spliced = Buffer.concat([
          data.subarray(0, seg(i)),
          other.subarray(seg(i), end),
          data.subarray(end),
        ]);
        const out = await decrypt(spliced, key);
        expectCorrupt(out.error, 'segment', i);
        expect(out.output.equals(plaintext.subarray(0, i * S))).toBe(true);
      }
      // The other file's header on this file's segments.
      const out = await decrypt(
        Buffer.concat([other.subarray(0, HEADER_LENGTH), data.subarray(HEADER_LENGTH)]),
        key,
      );
      expectCorrupt(out.error, 'segment', 0);
      expect(out.output.length).toBe(0);
    });

    it('the wrong key is refused before any plaintext', async () => {
      const out = await decrypt(data, newFileKey());
      expectCorrupt(out.error, 'segment', 0);
      expect(out.output.length).toBe(0);
    });

    it('a different SHA-256 than recorded fails, and the last segment is withheld', async () => {
      const out = await decrypt(data, key, 100 * 1024, { expectedSha256: sha256(Buffer.from('other')) });
      expectCorrupt(out.error, 'sha256');
      expect(out.output.equals(plaintext.subarray(0, 3 * S))).toBe(true);
      const ok = await decrypt(data, key, 100 * 1024, { expectedSha256: sha256(plaintext).toUpperCase() });
      expect(ok.error).toBeUndefined();
      expect(ok.result?.sha256).toBe(sha256(plaintext));
    });

    it('can skip hashing when no SHA-256 is to be checked', async () => {
      const out = await decrypt(data, key, 100 * 1024, { sha256: false });
      expect(out.error).toBeUndefined();
      expect(out.output.equals(plaintext)).toBe(true);
      expect(out.result).toMatchObject({ sha256: undefined, bytes: plaintext.length });
    });
  });

  it('refuses a segment counter beyond 32 bits', () => {
    const prefix = randomBytes(7);
    expect(segmentNonce(prefix, 0xffff_ffff, true).subarray(7).toString('hex')).toBe('ffffffff01');
    expect(segmentNonce(prefix, 1, false).subarray(7).toString('hex')).toBe('0000000100');
    expect(() => segmentNonce(prefix, 0x1_0000_0000, false)).toThrow(/overflow/);
  });

  it('checks key sizes', () => {
    expect(() => createEncryptStream(randomBytes(16))).toThrow(/32 bytes/);
    expect(() => createDecryptStream(randomBytes(31))).toThrow(/32 bytes/);
  });
});

describe('file keys wrapped by master keys', () => {
  const oldKey = { id: 'old', key: randomBytes(32) };
  const newKey = { id: 'new', key: randomBytes(32) };

  it('wraps, unwraps and rewraps across a master key change', () => {
    const fileKey = newFileKey();
    const before = createFileKeyring([oldKey]);
    const wrapped = wrapFileKey(fileKey, before, 'doc-1');
    expect(wrappedKeyId(wrapped)).toBe('old');
    expect(wrapped).not.toContain(fileKey.toString('base64url'));
    expect(unwrapFileKey(wrapped, before, 'doc-1').equals(fileKey)).toBe(true);

    const after = createFileKeyring([newKey, oldKey]);
    expect(unwrapFileKey(wrapped, after, 'doc-1').equals(fileKey)).toBe(true);
    expect(isWrapStale(wrapped, after)).toBe(true);
    const rewrapped = rewrapFileKey(wrapped, after, 'doc-1');
    expect(wrappedKeyId(rewrapped)).toBe('new');
    expect(isWrapStale(rewrapped, after)).toBe(false);
    expect(unwrapFileKey(rewrapped, createFileKeyring([newKey]), 'doc-1').equals(fileKey)).toBe(true);
    expect(() => unwrapFileKey(rewrapped, before, 'doc-1')).toThrow(/Unknown file master key id new/);
  });

  it('refuses a wrapped key in another context, damaged, or under a substituted key id', () => {
    const ring = createFileKeyring([newKey, oldKey]);
    const wrapped = wrapFileKey(newFileKey(), ring, 'doc-1');
    expect(() => unwrapFileKey(wrapped, ring, 'doc-2')).toThrow(/does not unwrap/);
    expect(() => unwrapFileKey(wrapped, ring)).toThrow(/does not unwrap/);
    const parts = wrapped.split(':');
    const ct = Buffer.from(parts[3]!, 'base64url');
    ct[0]! ^= 1;
    expect(() =>
      unwrapFileKey([...parts.slice(0, 3), ct.toString('base64url'), parts[4]].join(':'), ring, 'doc-1'),
    ).toThrow(/does not unwrap/);
    expect(() => unwrapFileKey(wrapped.replace(':new:', ':old:'), ring, 'doc-1')).toThrow(/does not unwrap/);
    expect(() => unwrapFileKey('v1:new:a:b:c', ring)).toThrow(/Not an OpenNRM wrapped file key/);
  });

  it('validates keyrings', () => {
    expect(() => createFileKeyring([])).toThrow();
    expect(() => createFileKeyring([{ id: 'a', key: randomBytes(16) }])).toThrow(/32 bytes/);
    expect(() => createFileKeyring([oldKey, oldKey])).toThrow(/twice/);
  });

  it('rewrapAll yields only the stale rows, and nothing on a second pass', async () => {
    const before = createFileKeyring([oldKey]);
    const after = createFileKeyring([newKey, oldKey]);
    const keys = new Map<string, Buffer>();
    const rows = ['a', 'b', 'c'].map((id) => {
      const k = newFileKey();
      keys.set(id, k);
      return { id, wrappedKey: wrapFileKey(k, id === 'c' ? after : before, id) };
    });
    async function* source() {
      yield* rows;
    }
    const results = [];
    for await (const r of rewrapAll(source(), after, (row) => row.id)) results.push(r);
    expect(results.map((r) => r.id)).toEqual(['a', 'b']);
    for (const r of results) {
      expect(r.previous).toBe(rows.find((row) => row.id === r.id)!.wrappedKey);
      expect(unwrapFileKey(r.wrappedKey, createFileKeyring([newKey]), r.id).equals(keys.get(r.id)!)).toBe(
        true,
      );
      rows.find((row) => row.id === r.id)!.wrappedKey = r.wrappedKey;
    }
    const again = [];
    for await (const r of rewrapAll(rows, after, (row) => row.id)) again.push(r);
    expect(again).toEqual([]);
  });
});

describe('file master keys from configuration', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onrm-keys-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  const b64 = () => randomBytes(32).toString('base64');

  it('reads FILE_MASTER_KEYS, newest first', () => {
    const config = loadConfig({ DATA_DIR: tmp(), FILE_MASTER_KEYS: `f2:${b64()}, f1:${b64()}` });
    const { keyring, created } = loadFileKeyring(config);
    expect(keyring.currentKeyId).toBe('f2');
    expect([...keyring.keys.keys()]).toEqual(['f2', 'f1']);
    expect(created).toBe(false);
    expect(() => loadFileKeyring(loadConfig({ DATA_DIR: tmp(), FILE_MASTER_KEYS: 'nonsense' }))).toThrow(
      /FILE_MASTER_KEYS/,
    );
    expect(() =>
      loadFileKeyring(
        loadConfig({ DATA_DIR: tmp(), FILE_MASTER_KEYS: `f1:${randomBytes(8).toString('base64')}` }),
      ),
    ).toThrow(ConfigError);
  });

  it('creates a key file with field and file keys on a fresh development install (only when asked)', () => {
    const dir = tmp();
    const config = loadConfig({ DATA_DIR: dir });
    // Only the start-up check (key-check.ts, test/key-check.test.ts) asks for a new key file.
    expect(() => loadFileKeyring(config)).toThrow(ConfigError);
    expect(() => loadFieldCrypto(config)).toThrow(ConfigError);
    expect(fs.existsSync(config.keys.keyFile)).toBe(false);

    const made = loadFieldCrypto(config, { create: true });
    expect(made.created).toBe(true);
    const fileKeyId = readKeyFile(config.keys.keyFile).fileMasterKeys![0]!.id;
    expect(fileKeyId).toMatch(/^f-[0-9a-f]{8}$/);
    const first = loadFileKeyring(config);
    expect(first.created).toBe(false);
    expect(first.keyring.currentKeyId).toBe(fileKeyId);
    // The field keys in the same file still load, and a second call makes nothing.
    expect(loadFieldCrypto(config, { create: true }).created).toBe(false);
    expect(loadFieldCrypto(config).crypto.currentKeyId).toBe(made.crypto.currentKeyId);
  });

  it('upgrades an older key file with a derived key, the same on every instance, keeping the field keys', () => {
    const old = { blindIndexKey: b64(), keys: [{ id: 'k1', key: b64() }] };
    const [a, b] = [tmp(), tmp()];
    for (const dir of [a, b]) writeKeyFile(path.join(dir, 'keys.json'), old);
    const ra = loadFileKeyring(loadConfig({ DATA_DIR: a, NODE_ENV: 'production' }));
    const rb = loadFileKeyring(loadConfig({ DATA_DIR: b, NODE_ENV: 'production' }));
    expect(ra.created).toBe(true);
    expect(ra.keyring.currentKeyId).toBe('f0');
    expect(ra.keyring.keys.get('f0')!.equals(rb.keyring.keys.get('f0')!)).toBe(true);
    const file = readKeyFile(path.join(a, 'keys.json'));
    expect(file.keys).toEqual(old.keys);
    expect(file.blindIndexKey).toBe(old.blindIndexKey);
    expect(loadFileKeyring(loadConfig({ DATA_DIR: a })).created).toBe(false);

    // A new master key goes first; the old one still unwraps.
    const wrapped = wrapFileKey(newFileKey(), ra.keyring);
    const id = addFileMasterKey(path.join(a, 'keys.json'));
    const rotated = loadFileKeyring(loadConfig({ DATA_DIR: a })).keyring;
    expect(rotated.currentKeyId).toBe(id);
    expect(unwrapFileKey(wrapped, rotated)).toHaveLength(32);
    expect(wrappedKeyId(rewrapFileKey(wrapped, rotated))).toBe(id);
  });

  it('never invents a key in production, nor beside ENCRYPTION_KEYS', () => {
    expect(() => loadFileKeyring(loadConfig({ DATA_DIR: tmp(), NODE_ENV: 'production' }))).toThrow(
      ConfigError,
    );
    const dir = tmp();
    expect(() =>
      loadFileKeyring(loadConfig({ DATA_DIR: dir, ENCRYPTION_KEYS: `k1:${b64()}`, BLIND_INDEX_KEY: b64() })),
    ).toThrow(/FILE_MASTER_KEYS: required/);
    expect(fs.existsSync(path.join(dir, 'keys.json'))).toBe(false);
  });

  it('has an ephemeral keyring for tests', () => {
    const ring = ephemeralFileKeyring();
    const k = newFileKey();
    expect(unwrapFileKey(wrapFileKey(k, ring), ring).equals(k)).toBe(true);
  });
});
