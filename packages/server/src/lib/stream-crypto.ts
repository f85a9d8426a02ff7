import {
  createCipheriv,
  createDecipheriv,
  createHash,
  type Hash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { checkFileKey } from './file-keys.js';

/**
 * Streaming authenticated encryption of stored files (case documents), in the manner of
 * age's STREAM and Tink's AES-GCM-HKDF streaming AEAD. See docs/decisions/0008.
 *
 * Every file has its own random 256-bit *file key*; the key is stored wrapped by a
 * *master key* (`wrapFileKey` in file-keys.ts), never in the clear, so rotating the master key rewraps
 * 32-byte keys, not gigabytes of content.
 *
 * Encrypted file (".onrm") layout, all integers big-endian:
 *
 *   header, 32 bytes:
 *     0  5  magic "ONRM1" (format and version)
 *     5  4  plaintext segment size S (65536 by default)
 *     9 16  salt: random per file
 *    25  7  nonce prefix: random per file
 *   then one or more segments:
 *     AES-256-GCM(segment key, nonce, AAD = the 32 header bytes, plaintext) || 16-byte tag
 *
 *   segment key = HKDF-SHA-256(ikm = file key, salt = header salt, info = "opennrm file stream v1")
 *   nonce (12 bytes) = nonce prefix (7) || segment counter, uint32 (4) || last flag (1: 0x01 last, else 0x00)
 *
 * Every segment except the last holds exactly S plaintext bytes; the last holds 0..S (an
 * empty file is one empty last segment; a file of exactly k*S bytes ends with a full last
 * segment). The counter starts at 0 and may not pass 2^32 - 1 (256 TiB at 64 KiB): the
 * writer and the reader refuse to go further.
 *
 * What this detects: any changed byte (the header is the AAD of every segment, and also
 * feeds the key), reordered or duplicated segments (counter in the nonce), truncation at a
 * segment boundary (the new final segment was not sealed with the last flag) or inside one
 * (its tag fails), bytes appended after the last segment, and segments from another file
 * (other salt, so other key and nonces), even one under the same file key.
 *
 * The reader verifies each segment's tag before it emits a single byte of that segment's
 * plaintext. It holds back the final segment until the whole file has been checked (and,
 * if asked, its SHA-256), so a consumer never sees the end of a file that turns out bad;
 * a consumer that has streamed part of a file when an error arrives must abort (e.g.
 * destroy the HTTP response) rather than present the prefix as the file.
 */

export const STREAM_MAGIC = Buffer.from('ONRM1', 'latin1');
export const HEADER_LENGTH = 32;
export const TAG_LENGTH = 16;
export const DEFAULT_SEGMENT_SIZE = 64 * 1024;
/** Bounds on the segment size a reader accepts from a header (the reader allocates one segment). */
export const MIN_SEGMENT_SIZE = 16;
export const MAX_SEGMENT_SIZE = 4 * 1024 * 1024;
const SALT_LENGTH = 16;
const PREFIX_LENGTH = 7;
const MAX_COUNTER = 0xffff_ffff;
const STREAM_INFO = Buffer.from('opennrm file stream v1', 'latin1');

export type CorruptReason = 'header' | 'segment' | 'truncated' | 'sha256' | 'too-long';

/** The encrypted file is damaged, truncated, tampered with, or not for this key. */
export class EncryptedFileCorrupt extends Error {
  constructor(
    readonly reason: CorruptReason,
    message: string,
    /** The segment that failed, when one did. */
    readonly segment?: number,
  ) {
    super(message);
    this.name = 'EncryptedFileCorrupt';
  }
}

export interface StreamResult {
  /** Hex SHA-256 of the plaintext. */
  sha256: string;
  /** Plaintext length in bytes. */
  bytes: number;
  /** Encrypted length in bytes (header, segments and tags). */
  encryptedBytes: number;
}

/** Size of the encrypted form of a file of `plaintextBytes` bytes. */
export function encryptedSize(plaintextBytes: number, segmentSize = DEFAULT_SEGMENT_SIZE): number {
  const segments = Math.max(1, Math.ceil(plaintextBytes / segmentSize));
  return HEADER_LENGTH + plaintextBytes + segments * TAG_LENGTH;
}

/** The 12-byte nonce of segment `counter`; refuses a counter beyond 32 bits. */
export function segmentNonce(prefix: Buffer, counter: number, last: boolean): Buffer {
  if (prefix.length !== PREFIX_LENGTH) throw new Error(`nonce prefix must be ${PREFIX_LENGTH} bytes`);
  if (!Number.isInteger(counter) || counter < 0 || counter > MAX_COUNTER) {
    throw new RangeError('segment counter overflow: file too long for this format');
  }
  const nonce = Buffer.allocUnsafe(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(counter, PREFIX_LENGTH);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

function segmentKey(fileKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', fileKey, salt, STREAM_INFO, 32));
}

function checkSegmentSize(size: number) {
  if (!Number.isInteger(size) || size < MIN_SEGMENT_SIZE || size > MAX_SEGMENT_SIZE) {
    throw new Error(`segment size must be an integer from ${MIN_SEGMENT_SIZE} to ${MAX_SEGMENT_SIZE}`);
  }
}

export interface EncryptOptions {
  /** Plaintext bytes per segment (default 64 KiB). Only tests need another value. */
  segmentSize?: number;
}

/**
 * The bytes of the segment being filled from a stream's chunks. A segment is handed on only
 * when more bytes follow it (the last one is sealed and opened with its own flag, at the end);
 * whole segments with more bytes after them go straight from the chunk, without a copy.
 */
class PendingSegment {
  readonly #bytes: Buffer;
  #length = 0;

  constructor(size: number) {
    this.#bytes = Buffer.allocUnsafe(size);
  }

  /** Takes `chunk` from `offset` on, handing each segment that is not the last to `segment`. */
  feed(chunk: Buffer, offset: number, segment: (bytes: Buffer) => void): void {
    const size = this.#bytes.length;
    let at = offset;
    while (at < chunk.length) {
      // A full segment is pending and more bytes have come: it was not the last one.
      if (this.#length === size) {
        segment(this.#bytes);
        this.#length = 0;
      }
      if (this.#length === 0 && chunk.length - at > size) {
        segment(chunk.subarray(at, at + size));
        at += size;
        continue;
      }
      const n = Math.min(size - this.#length, chunk.length - at);
      chunk.copy(this.#bytes, this.#length, at, at + n);
      this.#length += n;
      at += n;
    }
  }

  /** What is pending (the last segment, at the end of the stream), emptied. */
  take(): Buffer {
    const rest = this.#bytes.subarray(0, this.#length);
    this.#length = 0;
    return rest;
  }
}

/**
 * Encrypts a byte stream. Use in `stream.pipeline(source, enc, destination)`; once the
 * pipeline has finished, `enc.result` holds the plaintext's SHA-256 and length.
 * It holds at most one segment of plaintext.
 */
export class EncryptStream extends Transform {
  #result: StreamResult | undefined;
  readonly #key: Buffer;
  readonly #header: Buffer;
  readonly #prefix: Buffer;
  readonly #segment: PendingSegment;
  #counter = 0;
  #headerSent = false;
  #bytes = 0;
  #encryptedBytes = 0;
  readonly #hash: Hash = createHash('sha256');

  constructor(fileKey: Buffer, options: EncryptOptions = {}) {
    const segmentSize = options.segmentSize ?? DEFAULT_SEGMENT_SIZE;
    checkFileKey(fileKey);
    checkSegmentSize(segmentSize);
    super({ writableHighWaterMark: segmentSize, readableHighWaterMark: segmentSize + TAG_LENGTH });
    this.#segment = new PendingSegment(segmentSize);
    const salt = randomBytes(SALT_LENGTH);
    this.#prefix = randomBytes(PREFIX_LENGTH);
    this.#header = Buffer.concat([STREAM_MAGIC, Buffer.alloc(4), salt, this.#prefix]);
    this.#header.writeUInt32BE(segmentSize, STREAM_MAGIC.length);
    this.#key = segmentKey(fileKey, salt);
  }

  /** The plaintext's SHA-256 and length; set when the stream has ended. */
  get result(): StreamResult | undefined {
    return this.#result;
  }

  #sendHeader() {
    if (this.#headerSent) return;
    this.#headerSent = true;
    this.#encryptedBytes += HEADER_LENGTH;
    this.push(this.#header);
  }

  #seal(plaintext: Buffer, last: boolean) {
    const cipher = createCipheriv('aes-256-gcm', this.#key, segmentNonce(this.#prefix, this.#counter, last), {
      authTagLength: TAG_LENGTH,
    });
    cipher.setAAD(this.#header);
    const ct = cipher.update(plaintext);
    cipher.final(); // GCM: nothing left to output
    const tag = cipher.getAuthTag();
    this.#counter++;
    this.#encryptedBytes += ct.length + TAG_LENGTH;
    // One chunk per segment: measured a little faster than pushing ct and tag apart (fewer small writes).
    this.push(ct.length === 0 ? tag : Buffer.concat([ct, tag], ct.length + TAG_LENGTH));
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    try {
      this.#sendHeader();
      this.#hash.update(chunk);
      this.#bytes += chunk.length;
      this.#segment.feed(chunk, 0, (segment) => this.#seal(segment, false));
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback) {
    try {
      this.#sendHeader();
      this.#seal(this.#segment.take(), true);
      this.#result = {
        sha256: this.#hash.digest('hex'),
        bytes: this.#bytes,
        encryptedBytes: this.#encryptedBytes,
      };
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}

export interface DecryptOptions {
  /** Hex SHA-256 the plaintext must have: the stream errors instead of ending if it differs. */
  expectedSha256?: string;
  /**
   * Compute the plaintext's SHA-256 (`result.sha256`) even without `expectedSha256`; default
   * true. The tags already prove the content is what was encrypted under this file key, so
   * a download may skip the hash (it costs about as much CPU as the decryption).
   */
  sha256?: boolean;
}

export interface DecryptResult extends Omit<StreamResult, 'sha256'> {
  /** Hex SHA-256 of the plaintext, unless hashing was turned off. */
  sha256: string | undefined;
}

/**
 * Decrypts and verifies a stream made by `EncryptStream`. Emits a segment's plaintext only
 * after its tag has been verified, and the final segment only after the whole file (and
 * `expectedSha256`) has. Errors with `EncryptedFileCorrupt` on any damage.
 */
export class DecryptStream extends Transform {
  #result: DecryptResult | undefined;
  readonly #fileKey: Buffer;
  readonly #expectedSha256: Buffer | undefined;
  #header: Buffer | undefined;
  #headerBytes = Buffer.alloc(HEADER_LENGTH);
  #headerLength = 0;
  #key: Buffer | undefined;
  #prefix: Buffer | undefined;
  #segment: PendingSegment | undefined;
  #counter = 0;
  #bytes = 0;
  #encryptedBytes = 0;
  readonly #hash: Hash | undefined;

  constructor(fileKey: Buffer, options: DecryptOptions = {}) {
    checkFileKey(fileKey);
    super({
      writableHighWaterMark: DEFAULT_SEGMENT_SIZE + TAG_LENGTH,
      readableHighWaterMark: DEFAULT_SEGMENT_SIZE,
    });
    this.#fileKey = fileKey;
    if (options.expectedSha256 !== undefined) {
      if (!/^[0-9a-f]{64}$/i.test(options.expectedSha256)) throw new Error('expectedSha256 must be 64 hex');
      this.#expectedSha256 = Buffer.from(options.expectedSha256, 'hex');
    }
    if (this.#expectedSha256 || options.sha256 !== false) this.#hash = createHash('sha256');
  }

  /** The plaintext's SHA-256 and length; set when the stream has ended successfully. */
  get result(): DecryptResult | undefined {
    return this.#result;
  }

  #readHeader() {
    const header = this.#headerBytes;
    if (!header.subarray(0, STREAM_MAGIC.length).equals(STREAM_MAGIC)) {
      throw new EncryptedFileCorrupt('header', 'not an OpenNRM encrypted file (bad magic)');
    }
    const size = header.readUInt32BE(STREAM_MAGIC.length);
    if (size < MIN_SEGMENT_SIZE || size > MAX_SEGMENT_SIZE) {
      throw new EncryptedFileCorrupt('header', `bad segment size ${size} in header`);
    }
    const salt = header.subarray(9, 9 + SALT_LENGTH);
    this.#prefix = header.subarray(9 + SALT_LENGTH, HEADER_LENGTH);
    this.#key = segmentKey(this.#fileKey, salt);
    this.#segment = new PendingSegment(size + TAG_LENGTH);
    this.#header = header;
  }

  /** Verifies a segment (ciphertext || tag) and answers its plaintext; throws if it is not authentic. */
  #open(sealed: Buffer, last: boolean): Buffer {
    if (sealed.length < TAG_LENGTH) {
      throw new EncryptedFileCorrupt(
        'truncated',
        'encrypted file truncated (incomplete segment)',
        this.#counter,
      );
    }
    if (this.#counter > MAX_COUNTER) {
      throw new EncryptedFileCorrupt('too-long', 'encrypted file has more segments than the format allows');
    }
    const ctLength = sealed.length - TAG_LENGTH;
    const decipher = createDecipheriv(
      'aes-256-gcm',
      this.#key!,
      segmentNonce(this.#prefix!, this.#counter, last),
      {
        authTagLength: TAG_LENGTH,
      },
    );
    decipher.setAAD(this.#header!);
    decipher.setAuthTag(sealed.subarray(ctLength));
    const plaintext = decipher.update(sealed.subarray(0, ctLength));
    try {
      decipher.final();
    } catch {
      throw new EncryptedFileCorrupt(
        'segment',
        `encrypted file corrupt: segment ${this.#counter} failed authentication (tampered, truncated, reordered or wrong key)`,
        this.#counter,
      );
    }
    this.#counter++;
    this.#bytes += plaintext.length;
    this.#hash?.update(plaintext);
    return plaintext;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    try {
      this.#encryptedBytes += chunk.length;
      let offset = 0;
      if (!this.#header) {
        const n = Math.min(HEADER_LENGTH - this.#headerLength, chunk.length);
        chunk.copy(this.#headerBytes, this.#headerLength, 0, n);
        this.#headerLength += n;
        offset = n;
        if (this.#headerLength < HEADER_LENGTH) return callback();
        this.#readHeader();
      }
      this.#segment!.feed(chunk, offset, (segment) => this.push(this.#open(segment, false)));
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback) {
    try {
      if (!this.#header) {
        throw new EncryptedFileCorrupt('header', 'encrypted file truncated (incomplete header)');
      }
      // Whatever is left is the last segment: a file cut at a segment boundary fails here,
      // because that segment was sealed without the last flag.
      const last = this.#open(this.#segment!.take(), true);
      const digest = this.#hash?.digest();
      if (this.#expectedSha256 && !(digest && timingSafeEqual(digest, this.#expectedSha256))) {
        throw new EncryptedFileCorrupt('sha256', 'decrypted content does not have the recorded SHA-256');
      }
      this.#result = {
        sha256: digest?.toString('hex'),
        bytes: this.#bytes,
        encryptedBytes: this.#encryptedBytes,
      };
      callback(null, last.length > 0 ? last : undefined);
    } catch (error) {
      callback(error as Error);
    }
  }
}

export function createEncryptStream(fileKey: Buffer, options?: EncryptOptions): EncryptStream {
  return new EncryptStream(fileKey, options);
}

export function createDecryptStream(fileKey: Buffer, options?: DecryptOptions): DecryptStream {
  return new DecryptStream(fileKey, options);
}
