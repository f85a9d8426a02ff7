import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { AuditContext } from '../../lib/act-context.js';
import { AppError } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/index.js';
import { scanWithClamd, sniff, stripImageMetadata } from './content-check.js';
import { deleteChunks, type FileServices, readChunks, storeChunk } from './files.js';

/**
 * The content of an upload: its running SHA-256 as the chunks arrive, and the checks made when
 * it is complete (type from its bytes, virus scan, image metadata). uploads.service.ts drives it.
 */

/** Images are re-encoded in memory to drop their metadata: larger ones are refused. */
const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

/**
 * The running SHA-256 of uploads whose chunks this process received in order, so completing
 * one need not read it all again. `before` is the hash before the last chunk, for when that
 * chunk is sent again. Another instance (or a restart) simply has no entry: the final check
 * then reads the file back. Bounded, oldest first out.
 */
const runningHashes = new Map<string, { next: number; hash: Hash; before: Hash }>();
const MAX_RUNNING_HASHES = 1000;

/** Forgets every running hash, as a restart would (tests check the read-back path with it). */
export function forgetRunningHashes() {
  runningHashes.clear();
}

/** Forgets one upload's running hash (it was abandoned). */
export function forgetRunningHash(id: string) {
  runningHashes.delete(id);
}

/** The hash to feed chunk `index` into, and the one it continues; undefined out of order. */
export function hashFor(id: string, index: number): { hash: Hash; base: Hash } | undefined {
  let state = runningHashes.get(id);
  if (!state && index === 0) state = { next: 0, hash: createHash('sha256'), before: createHash('sha256') };
  if (!state) return undefined;
  if (index === state.next) return { hash: state.hash.copy(), base: state.hash };
  if (index === state.next - 1) return { hash: state.before.copy(), base: state.before };
  runningHashes.delete(id);
  return undefined;
}

export function rememberHash(id: string, next: number, hash: Hash, before: Hash) {
  runningHashes.delete(id);
  runningHashes.set(id, { next, hash, before });
  if (runningHashes.size > MAX_RUNNING_HASHES)
    runningHashes.delete(runningHashes.keys().next().value as string);
}

async function readHead(stream: Readable, bytes: number): Promise<Buffer> {
  const pieces: Buffer[] = [];
  let total = 0;
  for await (const piece of stream) {
    pieces.push(piece as Buffer);
    total += (piece as Buffer).length;
    if (total >= bytes) break;
  }
  stream.destroy();
  return Buffer.concat(pieces).subarray(0, bytes);
}

export interface ReceivedUpload {
  uploadId: string;
  caseId: string;
  fileName: string;
  fileKey: Buffer;
  size: number;
  chunks: number;
}

/**
 * What a complete upload holds, checked: its type from its bytes (against the allow-list and
 * the extension), a virus scan when clamd is configured, image metadata stripped (the clean
 * image replaces the chunks), and its SHA-256 (kept as the chunks arrived, else read back).
 */
export async function checkContent(
  services: Services,
  files: FileServices,
  ctx: AuditContext,
  u: ReceivedUpload,
) {
  const prefix = `uploads/${u.uploadId}`;

  const sniffed = await sniff(await readHead(readChunks(files, u.fileKey, prefix, 1), 4100), u.fileName);
  if (!sniffed.ok) {
    throw new AppError(
      'UNSUPPORTED_FILE_TYPE',
      'This kind of file cannot be stored, or its name does not match it',
      {
        reason: sniffed.reason,
        detected: sniffed.detected,
      },
    );
  }
  if (files.clamd) {
    const found = await scanWithClamd(files.clamd, readChunks(files, u.fileKey, prefix, u.chunks));
    if (found) {
      await recordAudit(
        services.db,
        ctx,
        {
          action: 'upload.aborted',
          outcome: 'denied',
          targetType: 'case',
          targetId: u.caseId,
          details: { uploadId: u.uploadId, infected: true },
        },
        services.now(),
      );
      throw new AppError('FILE_INFECTED', 'The virus scanner refused this file');
    }
  }
  const running = runningHashes.get(u.uploadId);
  runningHashes.delete(u.uploadId);
  const contentType = sniffed.contentType;
  if (sniffed.strip) {
    if (u.size > MAX_IMAGE_BYTES) {
      throw new AppError('UNSUPPORTED_FILE_TYPE', 'Images larger than 64 MB cannot be stored', {
        reason: 'image_too_large',
      });
    }
    const original: Buffer[] = [];
    for await (const piece of readChunks(files, u.fileKey, prefix, u.chunks)) original.push(piece as Buffer);
    let clean: Buffer;
    try {
      clean = await stripImageMetadata(Buffer.concat(original), sniffed.strip);
    } catch {
      throw new AppError('UNSUPPORTED_FILE_TYPE', 'The image could not be read', {
        reason: 'unreadable_image',
      });
    }
    // The clean image replaces what was received.
    const cleanPrefix = `${prefix}/clean`;
    await storeChunk(files, u.fileKey, cleanPrefix, 0, Readable.from([clean]), clean.length);
    await deleteChunks(files, prefix, u.chunks);
    const sha256 = createHash('sha256').update(clean).digest('hex');
    return { prefix: cleanPrefix, parts: 1, size: clean.length, sha256, contentType, stripped: true };
  }
  let sha256: string;
  if (running?.next === u.chunks) sha256 = running.hash.digest('hex');
  else {
    const hash = createHash('sha256');
    for await (const piece of readChunks(files, u.fileKey, prefix, u.chunks)) hash.update(piece as Buffer);
    sha256 = hash.digest('hex');
  }
  return { prefix, parts: u.chunks, size: u.size, sha256, contentType, stripped: false };
}
