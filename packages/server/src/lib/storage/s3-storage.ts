import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  abortError,
  assertValidKey,
  assertValidPrefix,
  assertValidPutOptions,
  assertValidRange,
  ByteCounter,
  type ByteRange,
  InvalidRange,
  NotFound,
  type ObjectStorage,
  type PutOptions,
} from './storage.js';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** For S3-compatible servers (MinIO, Ceph, Garage…); unset for AWS. */
  endpoint?: string | undefined;
  forcePathStyle: boolean;
  /** Both or neither; neither: the AWS SDK's usual chain (AWS_* variables, instance role…). */
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** Multipart part size (≥ 5 MiB). Memory per upload is about partSize × (queueSize + 1). */
  partSize?: number;
  /** Parts uploaded at once. */
  queueSize?: number;
}

const MiB = 1024 * 1024;
export const DEFAULT_PART_SIZE = 8 * MiB;
export const DEFAULT_QUEUE_SIZE = 2;

type SdkError = { name?: string; $metadata?: { httpStatusCode?: number } };
const status = (err: unknown) => (err as SdkError | undefined)?.$metadata?.httpStatusCode;
const named = (err: unknown, ...names: string[]) => names.includes((err as SdkError | undefined)?.name ?? '');

/**
 * Objects in one S3 bucket (AWS, or an S3-compatible server through `endpoint`). Uploads are
 * multipart and streamed: at most `queueSize` parts of `partSize` bytes are in memory at once.
 */
export class S3Storage implements ObjectStorage {
  readonly kind = 's3' as const;
  readonly bucket: string;
  readonly client: S3Client;
  private readonly partSize: number;
  private readonly queueSize: number;

  constructor(opts: S3StorageOptions) {
    this.bucket = opts.bucket;
    this.partSize = opts.partSize ?? DEFAULT_PART_SIZE;
    this.queueSize = opts.queueSize ?? DEFAULT_QUEUE_SIZE;
    const config: S3ClientConfig = {
      region: opts.region,
      forcePathStyle: opts.forcePathStyle,
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
      ...(opts.accessKeyId && opts.secretAccessKey
        ? { credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } }
        : {}),
      // Many S3-compatible servers reject the SDK's default checksum trailers (aws-chunked
      // bodies). The content is AES-GCM encrypted by the caller, so its integrity is checked
      // on every read anyway.
      ...(opts.endpoint
        ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
        : {}),
    };
    this.client = new S3Client(config);
  }

  async put(key: string, body: Readable, opts: PutOptions = {}): Promise<{ bytes: number }> {
    try {
      assertValidKey(key);
      assertValidPutOptions(opts);
      opts.signal?.throwIfAborted();
    } catch (err) {
      body.destroy();
      throw err;
    }
    const counter = new ByteCounter(opts);
    // A failing or aborted body fails the counter, which fails the upload; the upload then
    // aborts its multipart upload, so no object appears.
    let sourceError: unknown;
    const piping = pipeline(body, counter, ...(opts.signal ? [{ signal: opts.signal }] : [])).catch((err) => {
      sourceError ??= err;
    });
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: counter, ContentType: 'application/octet-stream' },
      partSize: this.partSize,
      queueSize: this.queueSize,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
      await piping;
      if (sourceError) throw sourceError;
      return { bytes: counter.bytes };
    } catch (err) {
      // A no-op when the body already failed the pipeline; otherwise it stops the body.
      counter.destroy(err instanceof Error ? err : new Error(String(err)));
      await piping;
      body.destroy();
      // The body's own failure says more than the SDK's report of it.
      throw opts.signal?.aborted ? abortError(opts.signal) : (sourceError ?? err);
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    assertValidKey(key);
    assertValidRange(range);
    try {
      const res = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(range ? { Range: `bytes=${range.start}-${range.end ?? ''}` } : {}),
        }),
      );
      if (!(res.Body instanceof Readable)) throw new Error('S3 answered without a readable body');
      return res.Body;
    } catch (err) {
      if (named(err, 'NoSuchKey', 'NotFound') || status(err) === 404) throw new NotFound(key, { cause: err });
      if (named(err, 'InvalidRange') || status(err) === 416)
        throw new InvalidRange(undefined, { cause: err });
      throw err;
    }
  }

  async head(key: string): Promise<{ bytes: number } | undefined> {
    assertValidKey(key);
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { bytes: res.ContentLength ?? 0 };
    } catch (err) {
      if (named(err, 'NoSuchKey', 'NotFound') || status(err) === 404) return undefined;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async *list(prefix: string): AsyncIterable<string> {
    assertValidPrefix(prefix);
    let token: string | undefined;
    do {
      const res = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          ...(prefix ? { Prefix: prefix } : {}),
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const object of res.Contents ?? []) if (object.Key) yield object.Key;
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
