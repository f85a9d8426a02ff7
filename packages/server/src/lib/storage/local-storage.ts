import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertValidKey,
  assertValidPrefix,
  assertValidPutOptions,
  assertValidRange,
  ByteCounter,
  type ByteRange,
  InvalidKey,
  InvalidRange,
  NotFound,
  type ObjectStorage,
  type PutOptions,
} from './storage.js';

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;
/** Temporary files start with a dot (no key segment can) and end with this. */
const TEMP_SUFFIX = '.tmp';

const isMissing = (err: unknown) => {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/**
 * Objects as files under one folder (default `DATA_DIR/files`): the key `documents/<uuid>/<v>`
 * is the file `<root>/documents/<uuid>/<v>`. Folders are 0700, files 0600.
 *
 * A put writes `.<name>.<random>.tmp` beside the final file, fsyncs it, renames it into place
 * and fsyncs the folder, so a reader never sees half a file and a crash leaves at most a
 * temporary file (removed by {@link LocalStorage.removeStaleTemporaryFiles}).
 */
export class LocalStorage implements ObjectStorage {
  readonly kind = 'local' as const;
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    const file = path.resolve(this.root, ...key.split('/'));
    // The key's pattern already rules this out; a second lock on the same door.
    if (!file.startsWith(this.root + path.sep)) throw new InvalidKey();
    return file;
  }

  async put(key: string, body: Readable, opts: PutOptions = {}): Promise<{ bytes: number }> {
    let file: string;
    try {
      file = this.pathOf(key);
      assertValidPutOptions(opts);
      opts.signal?.throwIfAborted();
    } catch (err) {
      body.destroy();
      throw err;
    }
    const dir = path.dirname(file);
    const temp = path.join(dir, `.${path.basename(file)}.${randomUUID()}${TEMP_SUFFIX}`);
    let handle: fs.FileHandle;
    try {
      await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
      handle = await fs.open(temp, 'wx', FILE_MODE);
    } catch (err) {
      body.destroy();
      throw err;
    }
    let closed = false;
    try {
      const counter = new ByteCounter(opts);
      // Written chunk by chunk (each write awaited, so the body is only read as fast as the disk
      // takes it) on a handle that stays open for the fsync.
      const write = async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) await handle.write(chunk);
      };
      await pipeline(body, counter, write, ...(opts.signal ? [{ signal: opts.signal }] : []));
      await handle.sync();
      await handle.close();
      closed = true;
      await fs.rename(temp, file);
      await syncDir(dir);
      return { bytes: counter.bytes };
    } catch (err) {
      body.destroy();
      if (!closed) await handle.close().catch(() => {});
      await fs.rm(temp, { force: true }).catch(() => {});
      throw err;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathOf(key);
    assertValidRange(range);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'r');
    } catch (err) {
      if (isMissing(err)) throw new NotFound(key, { cause: err });
      throw err;
    }
    try {
      const { size } = await handle.stat();
      if (range && range.start >= size) throw new InvalidRange();
      // The stream closes the handle when it ends, fails or is destroyed.
      return handle.createReadStream(
        range ? { start: range.start, end: Math.min(range.end ?? size - 1, size - 1) } : {},
      );
    } catch (err) {
      await handle.close().catch(() => {});
      throw err;
    }
  }

  async head(key: string): Promise<{ bytes: number } | undefined> {
    const file = this.pathOf(key);
    try {
      const stat = await fs.stat(file);
      return stat.isFile() ? { bytes: stat.size } : undefined;
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    try {
      await fs.unlink(file);
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    // Folders are left in place (even empty): removing them would race with a put into them.
    await syncDir(path.dirname(file));
  }

  async *list(prefix: string): AsyncIterable<string> {
    assertValidPrefix(prefix);
    const cut = prefix.lastIndexOf('/');
    const base = cut < 0 ? '' : prefix.slice(0, cut);
    yield* this.walk(base, prefix);
  }

  private async *walk(dirKey: string, prefix: string): AsyncGenerator<string> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dirKey ? path.join(this.root, ...dirKey.split('/')) : this.root, {
        withFileTypes: true,
      });
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue; // temporary files
      const key = dirKey ? `${dirKey}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        // Only descend where keys may still match the prefix.
        if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`)) yield* this.walk(key, prefix);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        yield key;
      }
    }
  }

  /**
   * Removes temporary files left by a crash during a put, when older than `olderThanMs`
   * (keep it well above the longest upload). Returns how many were removed.
   */
  async removeStaleTemporaryFiles(olderThanMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    const visit = async (dir: string): Promise<void> => {
      let entries: import('node:fs').Dirent[];
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch (err) {
        if (isMissing(err)) return;
        throw err;
      }
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await visit(full);
        else if (entry.isFile() && entry.name.startsWith('.') && entry.name.endsWith(TEMP_SUFFIX)) {
          const stat = await fs.stat(full).catch(() => undefined);
          if (stat && now - stat.mtimeMs > olderThanMs) {
            await fs.rm(full, { force: true });
            removed++;
          }
        }
      }
    };
    await visit(this.root);
    return removed;
  }

  async close(): Promise<void> {}
}

/** Makes a rename or unlink in `dir` durable. */
async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
