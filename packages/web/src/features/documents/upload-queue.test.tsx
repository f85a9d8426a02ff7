import type { CaseDocument, DocumentMetadata, Upload, UploadCreate } from '@opennrm/domain';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { api, apiError, aUser, server, signedIn } from '../../../test/dom/network';
import { renderPage } from '../../../test/dom/render';
import { i18n } from '../../i18n';
import { DropZone } from './drop-zone';
import { UploadQueue } from './upload-queue';
import { uploadQueue } from './upload-queue-store';

const CHUNK = 4;
const CONTENT = '%PDF-1.7 ok'; // 11 bytes: 3 chunks of 4, 4 and 3
const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options);

interface Chunk {
  index: number;
  bytes: number;
}

/**
 * A server that takes uploads in chunks of CHUNK bytes, as the real one does (`Upload` after each
 * chunk, `CaseDocument` on completion). `onChunk` may answer a chunk itself (an error, or later).
 */
function uploadServer(caseId: string, onChunk?: (chunk: Chunk) => Promise<Response | undefined> | undefined) {
  signedIn(aUser(['documents.upload', 'referrals.send']));
  const uploadId = caseId.replace(/.$/, 'f');
  let upload: Upload | null = null;
  let metadata: DocumentMetadata | undefined;
  const chunks: Chunk[] = [];
  const aborted: string[] = [];
  server.use(
    http.get(api(`/cases/${caseId}/referrals`), () => HttpResponse.json({ items: [] })),
    http.get(api(`/cases/${caseId}/tasks`), () => HttpResponse.json({ items: [] })),
    http.post(api(`/cases/${caseId}/uploads`), async ({ request }) => {
      const body = (await request.json()) as UploadCreate;
      metadata = body.metadata;
      upload = {
        id: uploadId,
        caseId,
        size: body.size,
        chunkSize: CHUNK,
        chunks: Math.ceil(body.size / CHUNK),
        receivedBytes: 0,
        nextChunk: 0,
        state: 'open',
        expiresAt: '2026-03-03T10:00:00.000Z',
      };
      return HttpResponse.json(upload, { status: 201 });
    }),
    http.get(api(`/uploads/${uploadId}`), () => HttpResponse.json(upload)),
    http.put(api(`/uploads/${uploadId}/chunks/:index`), async ({ request, params }) => {
      const chunk = { index: Number(params.index), bytes: (await request.arrayBuffer()).byteLength };
      chunks.push(chunk);
      const answer = await onChunk?.(chunk);
      if (answer) return answer;
      if (!upload || chunk.index !== upload.nextChunk) return apiError(409, 'UPLOAD_CHUNK_OUT_OF_ORDER');
      upload = { ...upload, receivedBytes: upload.receivedBytes + chunk.bytes, nextChunk: chunk.index + 1 };
      return HttpResponse.json(upload);
    }),
    http.post(api(`/uploads/${uploadId}/complete`), () => {
      if (!upload || !metadata) return apiError(409, 'UPLOAD_INCOMPLETE');
      const version = {
        version: 1,
        size: upload.size,
        sha256: 'a'.repeat(64),
        contentType: 'application/pdf',
        fileName: 'passport.pdf',
        uploadedAt: '2026-03-02T10:00:00.000Z',
        uploadedBy: 'Case Worker',
        metadataStripped: false,
        scan: 'clean' as const,
      };
      const document: CaseDocument = {
        id: '00000000-0000-4000-8000-00000000d0c1',
        caseId,
        type: metadata.type,
        title: metadata.title,
        date: metadata.date ?? null,
        language: metadata.language ?? null,
        referralId: null,
        taskId: null,
        sharedWith: [],
        current: version,
        versions: [version],
        viewable: true,
        deleted: null,
        createdAt: '2026-03-02T10:00:00.000Z',
        version: 1,
      };
      upload = { ...upload, state: 'complete' };
      return HttpResponse.json(document);
    }),
    http.delete(api(`/uploads/${uploadId}`), () => {
      aborted.push(uploadId);
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return { chunks, aborted };
}

/** An answer the test gives when it likes. */
function later() {
  let release: (answer?: Response) => void = () => undefined;
  const answer = new Promise<Response | undefined>((resolve) => {
    release = resolve;
  });
  return { answer, release };
}

function renderQueue(caseId: string) {
  return renderPage(
    <>
      <DropZone onFiles={(files) => uploadQueue.add(caseId, files)} limit="2 GB" />
      <UploadQueue caseId={caseId} />
    </>,
  );
}

/** Chooses the file, describes it, and starts the upload. */
async function chooseAndStart(user: ReturnType<typeof renderQueue>['user']) {
  const input = document.querySelector<HTMLInputElement>('input[type=file]');
  if (!input) throw new Error('no file input');
  await user.upload(input, new File([CONTENT], 'passport.pdf', { type: 'application/pdf' }));
  const card = await screen.findByRole('listitem');
  expect(within(card).getByRole('heading', { name: /passport\.pdf/ })).toBeTruthy();
  expect(
    (within(card).getByRole('textbox', { name: t('documents.fields.title') }) as HTMLInputElement).value,
  ).toBe('passport');
  await user.selectOptions(
    within(card).getByRole('combobox', { name: t('documents.fields.type') }),
    t('documents.types.passport_or_id'),
  );
  await user.click(screen.getByRole('button', { name: t('documents.upload.start', { count: 1 }) }));
}

const progressBar = () => screen.getByRole('progressbar') as HTMLProgressElement;

describe('the upload queue', () => {
  it('asks for the type before uploading, then shows the progress until the document is stored', async () => {
    const caseId = '00000000-0000-4000-8000-00000000ca01';
    const third = later();
    const { chunks } = uploadServer(caseId, (chunk) => (chunk.index === 2 ? third.answer : undefined));
    const { user } = renderQueue(caseId);
    const input = document.querySelector<HTMLInputElement>('input[type=file]');
    if (!input) throw new Error('no file input');
    await user.upload(input, new File([CONTENT], 'passport.pdf', { type: 'application/pdf' }));
    await user.click(await screen.findByRole('button', { name: t('documents.upload.start', { count: 1 }) }));
    expect(
      within(await screen.findByRole('alert')).getByText(
        t('documents.fields.typeRequired', { name: 'passport.pdf' }),
      ),
    ).toBeTruthy();
    expect(chunks).toHaveLength(0);

    await user.selectOptions(
      screen.getByRole('combobox', { name: t('documents.fields.type') }),
      t('documents.types.passport_or_id'),
    );
    await user.click(screen.getByRole('button', { name: t('documents.upload.start', { count: 1 }) }));

    // Two chunks of 4 bytes are in; the third is on its way.
    await waitFor(() => expect(progressBar().value).toBe(8));
    expect(progressBar().max).toBe(CONTENT.length);
    expect(progressBar().getAttribute('aria-valuetext')).toMatch(/72\s?%/);
    expect(screen.getByText(t('documents.upload.phases.uploading'))).toBeTruthy();

    third.release();
    expect(await screen.findByText(t('documents.upload.phases.done'))).toBeTruthy();
    expect(screen.getByText(t('documents.upload.doneHint'))).toBeTruthy();
    expect(progressBar().value).toBe(CONTENT.length);
    expect(chunks.map((c) => c.bytes)).toEqual([4, 4, 3]);
  });

  it('after a part failed, says the connection dropped and sends that part again', async () => {
    const caseId = '00000000-0000-4000-8000-00000000ca02';
    let failures = 0;
    const { chunks } = uploadServer(caseId, (chunk) => {
      if (chunk.index !== 1 || failures > 0) return undefined;
      failures += 1;
      return Promise.resolve(apiError(503, 'DATABASE_UNAVAILABLE'));
    });
    const { user } = renderQueue(caseId);
    await chooseAndStart(user);

    expect(await screen.findByText(t('documents.upload.phases.retrying'))).toBeTruthy();
    await user.click(screen.getByRole('button', { name: `${t('documents.upload.tryNow')} passport.pdf` }));

    expect(await screen.findByText(t('documents.upload.phases.done'))).toBeTruthy();
    expect(chunks.map((c) => c.index)).toEqual([0, 1, 1, 2]);
  });

  it('cancels an upload on its way and tells the server to forget it', async () => {
    const caseId = '00000000-0000-4000-8000-00000000ca03';
    const second = later();
    const { aborted } = uploadServer(caseId, (chunk) => (chunk.index === 1 ? second.answer : undefined));
    const { user } = renderQueue(caseId);
    await chooseAndStart(user);
    await waitFor(() => expect(progressBar().value).toBe(4));

    await user.click(screen.getByRole('button', { name: `${t('documents.upload.cancel')} passport.pdf` }));
    expect(await screen.findByText(t('documents.upload.phases.cancelled'))).toBeTruthy();
    await waitFor(() => expect(aborted).toHaveLength(1));
    expect(screen.queryByRole('button', { name: `${t('documents.upload.cancel')} passport.pdf` })).toBeNull();

    await user.click(screen.getByRole('button', { name: `${t('documents.upload.dismiss')} passport.pdf` }));
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    second.release();
  });
});
