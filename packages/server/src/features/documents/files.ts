import { hkdfSync } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type FileKeyring, newFileKey, unwrapFileKey, wrapFileKey } from '../../lib/file-keys.js';
import { ByteCounter, type ObjectStorage } from '../../lib/storage/index.js';
import { createDecryptStream, createEncryptStream } from '../../lib/stream-crypto.js';

/** What the documents feature needs beyond the usual services: where bytes go, and their keys. */
export interface FileServices {
  storage: ObjectStorage;
  keyring: FileKeyring;
  maxUploadBytes: number;
  /** clamd's socket (`/run/clamav/clamd.ctl`) or `host:port`; unset: files are not scanned. */
  clamd?: string | undefined;
}

/** The size of an upload chunk: each chunk is one encrypted object. */
export const CHUNK_SIZE = 8 * 1024 * 1024;

/**
 * Each chunk is its own authenticated stream under a key derived from the file key and the
 * chunk's position, so a chunk moved to another position (or another file) fails to decrypt.
 */
export function chunkKey(fileKey: Buffer, index: number): Buffer {
  return Buffer.from(hkdfSync('sha256', fileKey, Buffer.alloc(0), `opennrm document chunk ${index}`, 32));
}

export const chunkObjectKey = (prefix: string, index: number) => `${prefix}/${index}`;

/** The upload a stored version came from: its key is bound to it (`uploads/<id>[/clean]`). */
export const uploadIdOf = (prefix: string) => prefix.split('/')[1] ?? '';

/** A fresh file key, wrapped under the current master key and bound to the upload. */
export function newWrappedKey(keyring: FileKeyring, uploadId: string): string {
  return wrapFileKey(newFileKey(), keyring, `upload:${uploadId}`);
}

export function fileKeyOf(keyring: FileKeyring, wrapped: string, uploadId: string): Buffer {
  return unwrapFileKey(wrapped, keyring, `upload:${uploadId}`);
}

/** Encrypts one chunk from `body` (exactly `bytes` long) into the storage. */
export async function storeChunk(
  files: FileServices,
  fileKey: Buffer,
  prefix: string,
  index: number,
  body: Readable,
  bytes: number,
  /** Sees the plaintext as it passes (the upload's running SHA-256). */
  tap?: (piece: Buffer) => void,
): Promise<void> {
  const counter = new ByteCounter({ contentLength: bytes });
  const encrypt = createEncryptStream(chunkKey(fileKey, index));
  const put = files.storage.put(chunkObjectKey(prefix, index), encrypt);
  const seen = new Transform({
    transform(piece: Buffer, _encoding, callback) {
      tap?.(piece);
      callback(null, piece);
    },
  });
  await Promise.all([pipeline(body, counter, seen, encrypt), put]);
}

/**
 * The plaintext of chunks `[0, parts)` in order, each verified segment by segment before any
 * byte of it is given out. A damaged, missing, swapped or truncated chunk ends the stream
 * with an error (`EncryptedFileCorrupt` or the storage's `NotFound`).
 */
export function readChunks(files: FileServices, fileKey: Buffer, prefix: string, parts: number): Readable {
  async function* generate() {
    for (let index = 0; index < parts; index++) {
      const source = await files.storage.get(chunkObjectKey(prefix, index));
      const decrypt = createDecryptStream(chunkKey(fileKey, index), { sha256: false });
      source.on('error', (error) => decrypt.destroy(error));
      source.pipe(decrypt);
      try {
        for await (const piece of decrypt) yield piece as Buffer;
      } finally {
        // A reader that stops early (the type check reads a few KB) releases the file at once.
        source.destroy();
        decrypt.destroy();
      }
    }
  }
  return Readable.from(generate(), { objectMode: false });
}

export async function deleteChunks(files: FileServices, prefix: string, parts: number): Promise<void> {
  for (let index = 0; index < parts; index++) await files.storage.delete(chunkObjectKey(prefix, index));
}
