import type { CaseDocument, Upload, UploadCreate } from '@opennrm/domain';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import type { UploadTransport } from '../../api/documents';
import { createResumeRecords } from './resume-records';
import { backoffMs, isRetryable, MAX_ATTEMPTS, UploadRunner, type UploadState } from './upload-runner';

/** A server in memory: chunks must come in order; `failures` drops the next N chunk PUTs. */
function fakeServer(chunkSize = 4) {
  const uploads = new Map<string, Upload & { bytes: number[] }>();
  const log: string[] = [];
  let failures = 0;
  let next = 1;
  const view = (u: Upload & { bytes: number[] }): Upload => {
    const { bytes: _bytes, ...rest } = u;
    return { ...rest };
  };
  const transport: UploadTransport = {
    async create(caseId: string, body: UploadCreate) {
      const id = `u${next++}`;
      const chunks = Math.ceil(body.size / chunkSize);
      const upload = {
        id,
        caseId,
        size: body.size,
        chunkSize,
        chunks,
        receivedBytes: 0,
        nextChunk: 0,
        state: 'open' as const,
        expiresAt: '2999-01-01T00:00:00Z',
        bytes: [],
      };
      uploads.set(id, upload);
      log.push(`create ${body.fileName}`);
      return view(upload);
    },
    async get(id: string) {
      const upload = uploads.get(id);
      if (!upload) throw new ApiError(404, 'NOT_FOUND', 'gone');
      log.push(`get ${id} @${upload.nextChunk}`);
      return view(upload);
    },
    async putChunk(id, index, body, onProgress) {
      const upload = uploads.get(id);
      if (!upload) throw new ApiError(404, 'NOT_FOUND', 'gone');
      if (failures > 0) {
        failures -= 1;
        log.push(`drop ${index}`);
        throw new ApiError(0, 'NETWORK_ERROR', 'Network error');
      }
      if (index !== upload.nextChunk) throw new ApiError(409, 'UPLOAD_CHUNK_OUT_OF_ORDER', 'order');
      const bytes = new Uint8Array(await body.arrayBuffer());
      onProgress(bytes.length);
      upload.bytes.push(...bytes);
      upload.receivedBytes += bytes.length;
      upload.nextChunk += 1;
      log.push(`put ${index}`);
      return view(upload);
    },
    async complete(id) {
      const upload = uploads.get(id);
      if (!upload) throw new ApiError(404, 'NOT_FOUND', 'gone');
      if (upload.receivedBytes !== upload.size) throw new ApiError(409, 'UPLOAD_INCOMPLETE', 'incomplete');
      upload.state = 'complete';
      log.push(`complete ${id}`);
      return { id: 'd1', title: 'x' } as CaseDocument;
    },
    async abort(id) {
      const upload = uploads.get(id);
      if (upload) upload.state = 'aborted';
      log.push(`abort ${id}`);
    },
  };
  return {
    transport,
    uploads,
    log,
    dropNext(n: number) {
      failures = n;
    },
  };
}

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => {
      data.delete(k);
    },
    setItem: (k, v) => {
      data.set(k, v);
    },
  };
}

const file = (text: string) => {
  const blob = new Blob([text]);
  return {
    name: 'contract.pdf',
    size: blob.size,
    type: 'application/pdf',
    lastModified: 42,
    slice: blob.slice.bind(blob),
  };
};

function settled(runner: UploadRunner): Promise<UploadState> {
  return new Promise((resolve) => {
    const tick = () =>
      ['done', 'failed', 'cancelled', 'paused'].includes(runner.state.phase)
        ? resolve(runner.state)
        : setTimeout(tick, 1);
    tick();
  });
}

function setup(text = 'abcdefghij', server = fakeServer()) {
  const storage = memoryStorage();
  const records = createResumeRecords(() => storage);
  const waits: number[] = [];
  const states: UploadState[] = [];
  const make = (resumeUploadId?: string) =>
    new UploadRunner({
      caseId: 'c1',
      file: file(text),
      target: { kind: 'new', metadata: { type: 'employment_contract', title: 'Contract' } },
      transport: server.transport,
      records,
      resumeUploadId,
      onChange: (s) => states.push(s),
      wait: async (ms) => {
        waits.push(ms);
      },
      random: () => 0.5,
      progressIntervalMs: 0,
    });
  return { server, records, waits, states, make };
}

describe('upload runner', () => {
  it('sends every chunk in order, reports progress, and completes', async () => {
    const { server, records, states, make } = setup();
    const runner = make();
    runner.start();
    const end = await settled(runner);
    expect(end.phase).toBe('done');
    expect(end.document?.id).toBe('d1');
    expect(server.log).toEqual(['create contract.pdf', 'put 0', 'put 1', 'put 2', 'complete u1']);
    expect(String.fromCharCode(...(server.uploads.get('u1')?.bytes ?? []))).toBe('abcdefghij');
    expect(states.map((s) => s.sentBytes)).toContain(8);
    expect(records.all()).toEqual([]);
  });

  it('after a dropped connection, waits with backoff and continues where the server stands', async () => {
    const { server, waits, make } = setup();
    const runner = make();
    server.dropNext(2);
    runner.start();
    const end = await settled(runner);
    expect(end.phase).toBe('done');
    expect(waits).toEqual([1000, 2000]);
    expect(server.log).toEqual([
      'create contract.pdf',
      'drop 0',
      'get u1 @0',
      'drop 0',
      'get u1 @0',
      'put 0',
      'put 1',
      'put 2',
      'complete u1',
    ]);
  });

  it('gives up after the last attempt, and can be retried by hand', async () => {
    const { server, make } = setup();
    const runner = make();
    server.dropNext(MAX_ATTEMPTS + 1);
    runner.start();
    const end = await settled(runner);
    expect(end.phase).toBe('failed');
    expect(end.retryable).toBe(true);
    runner.retryNow();
    expect((await settled(runner)).phase).toBe('done');
  });

  it('keeps a record to resume after a reload, and resumes from the next chunk', async () => {
    const server = fakeServer();
    const first = setup('abcdefghij', server);
    const runner = first.make();
    server.dropNext(MAX_ATTEMPTS + 1);
    // Let one chunk through first, then drop the rest.
    const original = server.transport.putChunk;
    let calls = 0;
    server.transport.putChunk = (...args) => {
      calls += 1;
      if (calls === 1) {
        server.dropNext(0);
        return original(...args).finally(() => server.dropNext(MAX_ATTEMPTS + 1));
      }
      return original(...args);
    };
    runner.start();
    expect((await settled(runner)).phase).toBe('failed');
    const record = first.records.find('c1', { name: 'contract.pdf', size: 10, lastModified: 42 });
    expect(record).toMatchObject({ uploadId: 'u1', receivedBytes: 4, title: 'Contract' });
    server.transport.putChunk = original;
    server.dropNext(0);
    const resumed = first.make(record?.uploadId);
    resumed.start();
    expect((await settled(resumed)).phase).toBe('done');
    expect(server.log.filter((l) => l.startsWith('put'))).toEqual(['put 0', 'put 1', 'put 2']);
    expect(server.log.filter((l) => l.startsWith('create'))).toHaveLength(1);
  });

  it('pauses and resumes', async () => {
    const { server, make } = setup();
    const runner = make();
    const original = server.transport.putChunk;
    server.transport.putChunk = async (...args) => {
      const result = await original(...args);
      if (args[1] === 0) runner.pause();
      return result;
    };
    runner.start();
    expect((await settled(runner)).phase).toBe('paused');
    server.transport.putChunk = original;
    runner.start();
    expect((await settled(runner)).phase).toBe('done');
  });

  it('cancels: aborts on the server and forgets the record', async () => {
    const { server, records, make } = setup();
    const runner = make();
    const original = server.transport.putChunk;
    server.transport.putChunk = async (...args) => {
      await runner.cancel();
      return original(...args);
    };
    runner.start();
    const end = await settled(runner);
    expect(end.phase).toBe('cancelled');
    expect(server.log).toContain('abort u1');
    expect(records.all()).toEqual([]);
  });

  it('does not retry a refusal: a file type the server does not accept', async () => {
    const { server, make } = setup();
    server.transport.complete = async () => {
      throw new ApiError(422, 'UNSUPPORTED_FILE_TYPE', 'no');
    };
    const runner = make();
    runner.start();
    const end = await settled(runner);
    expect(end.phase).toBe('failed');
    expect(end.retryable).toBe(false);
  });

  it('starts afresh when the upload to resume has expired', async () => {
    const { server, make } = setup();
    const runner = make('u-expired');
    runner.start();
    const end = await settled(runner);
    expect(end.phase).toBe('failed');
    expect(end.retryable).toBe(true);
    runner.retryNow();
    expect((await settled(runner)).phase).toBe('done');
    expect(server.log[0]).toBe('create contract.pdf');
  });
});

describe('backoff', () => {
  it('doubles up to 30 seconds, with jitter', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffMs(n, mid))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(backoffMs(1, () => 0)).toBe(800);
    expect(backoffMs(1, () => 1)).toBe(1200);
  });

  it('retries network and server errors only', () => {
    expect(isRetryable(new ApiError(0, 'NETWORK_ERROR', ''))).toBe(true);
    expect(isRetryable(new ApiError(503, 'UNEXPECTED_RESPONSE', ''))).toBe(true);
    expect(isRetryable(new ApiError(422, 'FILE_INFECTED', ''))).toBe(false);
    expect(isRetryable(new Error('x'))).toBe(false);
  });
});
