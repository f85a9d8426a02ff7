import type { CaseDocument, Upload } from '@opennrm/domain';
import { describe, expect, it } from 'vitest';
import type { UploadTransport } from '../../api/documents';
import { createResumeRecords } from './resume-records';
import { createUploadQueue, draftToMetadata, titleFromFileName } from './upload-queue-store';

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

/** A server that takes every upload in one chunk. */
function transport(log: string[]): UploadTransport {
  const upload = (id: string, size: number, received: number): Upload => ({
    id,
    caseId: 'c1',
    size,
    chunkSize: 1024,
    chunks: 1,
    receivedBytes: received,
    nextChunk: received === size ? 1 : 0,
    state: 'open',
    expiresAt: '2999-01-01T00:00:00Z',
  });
  const sizes = new Map<string, number>();
  return {
    async create(_caseId, body) {
      log.push(`create ${body.fileName} ${body.documentId ?? body.metadata?.type}`);
      const id = `u${sizes.size + 1}`;
      sizes.set(id, body.size);
      return upload(id, body.size, 0);
    },
    async get(id) {
      return upload(id, sizes.get(id) ?? 10, 0);
    },
    async putChunk(id, index, body) {
      log.push(`put ${id} ${index} ${body.size}`);
      return upload(id, sizes.get(id) ?? 10, sizes.get(id) ?? 10);
    },
    async complete(id) {
      log.push(`complete ${id}`);
      return { id: `d-${id}` } as CaseDocument;
    },
    async abort(id) {
      log.push(`abort ${id}`);
    },
  };
}

const file = (name: string, size = 10, lastModified = 1) =>
  Object.assign(new Blob([new Uint8Array(size)]), { name, lastModified, webkitRelativePath: '' }) as File;

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('upload queue', () => {
  it('waits for the metadata of new documents, and refuses what cannot be sent', async () => {
    const log: string[] = [];
    const queue = createUploadQueue(transport(log), createResumeRecords(memoryStorage));
    queue.add('c1', [file('Contract.pdf'), file('setup.exe'), file('Huge.mp4', 10)]);
    let items = queue.getSnapshot().items;
    expect(items.map((i) => [i.file.name, i.status, i.refusal])).toEqual([
      ['Contract.pdf', 'draft', null],
      ['setup.exe', 'refused', 'type'],
      ['Huge.mp4', 'draft', null],
    ]);
    expect(items[0]?.draft.title).toBe('Contract');
    // Without a type, nothing starts.
    expect(queue.startDrafts('c1')).toHaveLength(2);
    expect(log).toEqual([]);
    for (const item of items.filter((i) => i.status === 'draft')) {
      queue.updateDraft(item.key, { type: 'employment_contract' });
    }
    expect(queue.startDrafts('c1')).toEqual([]);
    await settle();
    items = queue.getSnapshot().items;
    expect(items.filter((i) => i.upload?.phase === 'done')).toHaveLength(2);
    expect(log).toContain('create Contract.pdf employment_contract');
  });

  it('starts a new version at once, and tells who listens that it is stored', async () => {
    const log: string[] = [];
    const queue = createUploadQueue(transport(log), createResumeRecords(memoryStorage));
    const stored: string[] = [];
    queue.onStored((caseId, doc) => stored.push(`${caseId} ${doc?.id}`));
    queue.add('c1', [file('Contract v2.pdf')], { kind: 'version', documentId: 'd1', title: 'Contract' });
    await settle();
    expect(log[0]).toBe('create Contract v2.pdf d1');
    expect(stored).toEqual(['c1 d-u1']);
  });

  it('offers to resume when the same file is chosen again', async () => {
    const storage = memoryStorage();
    const records = createResumeRecords(() => storage);
    records.save({
      uploadId: 'u9',
      caseId: 'c1',
      fileName: 'Contract.pdf',
      size: 10,
      lastModified: 1,
      title: 'Contract',
      metadata: { type: 'employment_contract', title: 'Contract' },
      receivedBytes: 0,
      expiresAt: '2999-01-01T00:00:00Z',
    });
    const log: string[] = [];
    const queue = createUploadQueue(transport(log), records);
    // Another file of the same name is not the same file.
    expect(queue.resumeRecord(records.all()[0]!, file('Contract.pdf', 10, 2))).toBe(false);
    queue.add('c1', [file('Contract.pdf')]);
    const item = queue.getSnapshot().items[0]!;
    expect(item.status).toBe('offer');
    queue.resume(item.key);
    await settle();
    expect(log).toEqual(['put u9 0 10', 'complete u9']);
    expect(records.all()).toEqual([]);
  });
});

describe('defaults', () => {
  it('titles a document after its file, without the extension', () => {
    expect(titleFromFileName('Passport scan.JPG')).toBe('Passport scan');
    expect(titleFromFileName('.env')).toBe('.env');
    expect(titleFromFileName('README')).toBe('README');
  });

  it('sends only the metadata given', () => {
    expect(
      draftToMetadata({
        type: 'photo',
        title: ' Room ',
        date: '',
        language: 'ar',
        referralId: '',
        taskId: '',
      }),
    ).toEqual({ type: 'photo', title: 'Room', language: 'ar' });
    expect(
      draftToMetadata({ type: '', title: 'x', date: '', language: '', referralId: '', taskId: '' }),
    ).toBe(null);
  });
});
