import type { Readable } from 'node:stream';
import {
  type Actor,
  type CaseDocument,
  type DocumentMetadata,
  DocumentMetadata as DocumentMetadataSchema,
  isNrmTeam,
  referralAccess,
  type Upload,
  type UploadCreate,
} from '@opennrm/domain';
import type { Database } from '../../db/create-db.js';
import type { AuditContext } from '../../lib/act-context.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/index.js';
import { readableCase } from '../cases/index.js';
import { currentReferral } from '../referrals/index.js';
import { sanitiseFileName } from './content-check.js';
import {
  findDocumentSharing,
  insertDocument,
  insertDocumentVersion,
  updateDocumentRow,
} from './documents.repository.js';
import { canSeeDocument, getDocument } from './documents.service.js';
import {
  CHUNK_SIZE,
  deleteChunks,
  type FileServices,
  fileKeyOf,
  newWrappedKey,
  storeChunk,
} from './files.js';
import { checkContent, forgetRunningHash, hashFor, rememberHash } from './upload-content.js';
import {
  claimExpiredUploads,
  findTaskLink,
  findUpload,
  insertUpload,
  lockUploadState,
  markChunkReceived,
  setUploadState,
  type UploadRow,
} from './uploads.repository.js';

/**
 * Uploads of case documents: resumable, in chunks encrypted as they arrive; checked when
 * complete (type, virus scan, image metadata, SHA-256) and recorded as a new document or a
 * new version of one. Unfinished uploads expire after a day.
 */

const UPLOAD_TTL_MS = 24 * 3_600_000;

const num = (v: string | number | bigint) => Number(v);
const chunksOf = (size: number, chunkSize: number) => Math.max(1, Math.ceil(size / chunkSize));

function presentUpload(row: UploadRow): Upload {
  const size = num(row.size_bytes);
  return {
    id: row.id,
    caseId: row.case_id,
    size,
    chunkSize: row.chunk_size,
    chunks: chunksOf(size, row.chunk_size),
    receivedBytes: num(row.received_bytes),
    nextChunk: row.next_chunk,
    state: row.state,
    expiresAt: row.expires_at.toISOString(),
  };
}

/** What an upload adds to a case: a version of a document, or a document linked to a referral or task. */
interface UploadTarget {
  caseId: string;
  documentId: string | null;
  referralId?: string | null | undefined;
  taskId?: string | null | undefined;
}

/**
 * Whether the uploader may still add this file to the case: checked when the upload starts,
 * at every chunk and at completion, so access that ended (a revoked or declined referral,
 * issue 9 hole 10) stops an upload begun before. The case must be open to them (by referral
 * for an organisation), the document they add a version to visible to them, and a referral or
 * task the document is linked to one of this case, theirs and still active (else 422
 * `REFERENCE_INVALID` naming the field, issue 9 hole 11).
 */
async function assertMayUpload(services: Services, ctx: AuditContext, actor: Actor, target: UploadTarget) {
  const { access } = await readableCase(services, ctx, actor, target.caseId);
  const nrm = isNrmTeam(actor);
  if (!nrm && access.read && access.reason !== 'referral') throw notFound('Case');
  const db = services.db;
  if (target.documentId) {
    const doc = await findDocumentSharing(db, target.documentId);
    if (!doc || doc.case_id !== target.caseId || doc.deleted_at || !canSeeDocument(actor, access, doc))
      throw notFound('Document');
  }
  if (target.referralId) {
    const r = await currentReferral(db, target.referralId).catch(unlessNotFound);
    const ra = r && referralAccess(actor, { organisationId: r.organisation_id, status: r.status });
    if (!r || r.case_id !== target.caseId || !ra?.read || ra.view !== 'full') throw badLink('referralId');
  }
  if (target.taskId) {
    const t = await findTaskLink(db, target.taskId);
    const own = nrm || t?.owner_organisation_id === actor.organisationId || t?.assignee_id === actor.userId;
    if (!t || t.case_id !== target.caseId || !own) throw badLink('taskId');
  }
}

/** A record that does not exist reads as undefined; any other error stands. */
function unlessNotFound(error: unknown): undefined {
  if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
  throw error;
}

/** The same answer whether the record does not exist, is another case's, or is not (or no longer) the uploader's. */
const badLink = (field: 'referralId' | 'taskId') =>
  new AppError('REFERENCE_INVALID', 'The linked record does not belong to this case or is not yours', {
    field,
  });

/** The target of a stored upload, from its row (the metadata is encrypted). */
function targetOf(
  services: Services,
  row: { case_id: string; document_id: string | null; metadata_enc: string | null },
) {
  const metadata = row.metadata_enc
    ? (JSON.parse(services.crypto.decrypt(row.metadata_enc)) as Partial<DocumentMetadata>)
    : {};
  return {
    caseId: row.case_id,
    documentId: row.document_id,
    referralId: metadata.referralId,
    taskId: metadata.taskId,
  };
}

/** Starts an upload: a new document (with its metadata) or a new version of one. */
export async function startUpload(
  services: Services,
  files: FileServices,
  ctx: AuditContext,
  actor: Actor,
  caseId: string,
  input: UploadCreate,
): Promise<Upload> {
  await assertMayUpload(services, ctx, actor, {
    caseId,
    documentId: input.documentId ?? null,
    referralId: input.metadata?.referralId,
    taskId: input.metadata?.taskId,
  });
  if (input.size > files.maxUploadBytes) {
    throw new AppError('FILE_TOO_LARGE', 'The file is larger than the installation allows', {
      maxBytes: files.maxUploadBytes,
    });
  }
  if (!input.documentId && !input.metadata) {
    throw new AppError('VALIDATION_FAILED', 'A new document needs its metadata', {
      issues: [{ location: 'body', path: ['metadata'], code: 'required', message: 'Required' }],
    });
  }
  const now = services.now();
  const id = crypto.randomUUID();
  await insertUpload(services.db, {
    id,
    case_id: caseId,
    user_id: actor.userId,
    document_id: input.documentId ?? null,
    metadata_enc: input.metadata ? services.crypto.encrypt(JSON.stringify(input.metadata)) : null,
    file_name_enc: services.crypto.encrypt(sanitiseFileName(input.fileName)),
    declared_type: input.contentType ?? null,
    size_bytes: input.size,
    chunk_size: CHUNK_SIZE,
    wrapped_key: newWrappedKey(files.keyring, id),
    created_at: now,
    updated_at: now,
    expires_at: new Date(now.getTime() + UPLOAD_TTL_MS),
  });
  await recordAudit(
    services.db,
    ctx,
    {
      action: 'upload.started',
      targetType: 'case',
      targetId: caseId,
      details: { uploadId: id, size: input.size, documentId: input.documentId ?? null },
    },
    now,
  );
  return getUpload(services, actor, id);
}

async function ownUpload(db: Database, actor: Actor, id: string) {
  const row = await findUpload(db, id);
  // An upload is its uploader's alone: anyone else learns nothing of it.
  if (!row || row.user_id !== actor.userId) throw notFound('Upload');
  return row;
}

export async function getUpload(services: Services, actor: Actor, id: string): Promise<Upload> {
  return presentUpload(await ownUpload(services.db, actor, id));
}

/**
 * Stores chunk `index` (in order; sending the last stored chunk again replaces it, so a
 * retry after a lost answer is harmless). The bytes are encrypted as they arrive.
 */
export async function receiveChunk(
  services: Services,
  files: FileServices,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  index: number,
  body: Readable,
): Promise<Upload> {
  const row = await ownUpload(services.db, actor, id);
  if (row.state !== 'open' || row.expires_at < services.now())
    throw new AppError('NOT_FOUND', 'Upload not found');
  try {
    await assertMayUpload(services, ctx, actor, targetOf(services, row));
  } catch (error) {
    body.resume();
    throw error;
  }
  const size = num(row.size_bytes);
  const chunks = chunksOf(size, row.chunk_size);
  if (index >= chunks || (index !== row.next_chunk && index !== row.next_chunk - 1)) {
    body.resume();
    throw new AppError('UPLOAD_CHUNK_OUT_OF_ORDER', 'Send the chunks in order', {
      nextChunk: row.next_chunk,
    });
  }
  const bytes = index === chunks - 1 ? size - index * row.chunk_size : row.chunk_size;
  const fileKey = fileKeyOf(files.keyring, row.wrapped_key, id);
  try {
    const running = hashFor(id, index);
    await storeChunk(files, fileKey, `uploads/${id}`, index, body, bytes, (piece) =>
      running?.hash.update(piece),
    );
    if (running) rememberHash(id, index + 1, running.hash, running.base);
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'LengthMismatch' || name === 'TooLarge') {
      throw new AppError('BAD_REQUEST', `Chunk ${index} must be exactly ${bytes} bytes`);
    }
    throw error;
  }
  const received = Math.min(size, (index + 1) * row.chunk_size);
  const updated = await markChunkReceived(services.db, id, index + 1, received, services.now());
  return presentUpload(updated);
}

export async function abortUpload(
  services: Services,
  files: FileServices,
  ctx: AuditContext,
  actor: Actor,
  id: string,
) {
  const row = await ownUpload(services.db, actor, id);
  if (row.state !== 'open') return;
  await setUploadState(services.db, [id], 'aborted', services.now());
  forgetRunningHash(id);
  await deleteChunks(files, `uploads/${id}`, row.next_chunk);
  await recordAudit(
    services.db,
    ctx,
    { action: 'upload.aborted', targetType: 'case', targetId: row.case_id, details: { uploadId: id } },
    services.now(),
  );
}

/**
 * Finishes an upload: checks the content (type from its bytes, against the allow-list and the
 * extension; a virus scan when clamd is configured), strips image metadata, computes the
 * SHA-256, and records the document or its new version. Everything stored stays encrypted.
 * Answers the document as it now is.
 */
export async function completeUpload(
  services: Services,
  files: FileServices,
  ctx: AuditContext,
  actor: Actor,
  id: string,
): Promise<CaseDocument> {
  const row = await ownUpload(services.db, actor, id);
  if (row.state !== 'open') throw notFound('Upload');
  await assertMayUpload(services, ctx, actor, targetOf(services, row));
  const size = num(row.size_bytes);
  const chunks = chunksOf(size, row.chunk_size);
  if (row.next_chunk < chunks) {
    throw new AppError('UPLOAD_INCOMPLETE', 'Some of the file has not been received', {
      nextChunk: row.next_chunk,
    });
  }
  const fileName = services.crypto.decrypt(row.file_name_enc);
  const fileKey = fileKeyOf(files.keyring, row.wrapped_key, id);
  const content = await checkContent(services, files, ctx, {
    uploadId: id,
    caseId: row.case_id,
    fileName,
    fileKey,
    size,
    chunks,
  });
  // The checks above can take a while (a virus scan of a large file): access may have ended since.
  await assertMayUpload(services, ctx, actor, targetOf(services, row));
  const { prefix, parts, sha256, contentType, stripped } = content;
  const finalSize = content.size;
  const now = services.now();

  const documentId = await services.db.transaction().execute(async (trx) => {
    if ((await lockUploadState(trx, id)) !== 'open') throw notFound('Upload');
    let documentId = row.document_id;
    let version = 1;
    const agencyShare = isNrmTeam(actor) ? [] : [actor.organisationId];
    if (documentId) {
      const doc = await updateDocumentRow(trx, documentId, {}, now, { addVersion: true });
      version = doc.current_version;
    } else {
      const metadata: DocumentMetadata = DocumentMetadataSchema.parse(
        JSON.parse(services.crypto.decrypt(row.metadata_enc ?? '')),
      );
      documentId = await insertDocument(trx, {
        case_id: row.case_id,
        type: metadata.type,
        title_enc: services.crypto.encrypt(metadata.title),
        document_date: metadata.date ?? null,
        language: metadata.language ?? null,
        referral_id: metadata.referralId ?? null,
        task_id: metadata.taskId ?? null,
        shared_with: agencyShare,
        current_version: 1,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
    }
    await insertDocumentVersion(trx, {
      document_id: documentId,
      version,
      storage_prefix: prefix,
      parts,
      wrapped_key: row.wrapped_key,
      size_bytes: finalSize,
      sha256,
      content_type: contentType,
      file_name_enc: row.file_name_enc,
      metadata_stripped: stripped,
      scan: files.clamd ? 'clean' : 'not_scanned',
      uploaded_by: actor.userId,
      uploaded_at: now,
    });
    await setUploadState(trx, [id], 'complete', now);
    await recordAudit(
      trx,
      ctx,
      {
        action: version === 1 ? 'document.uploaded' : 'document.version_added',
        targetType: 'case',
        targetId: row.case_id,
        details: {
          documentId,
          version,
          size: finalSize,
          contentType,
          sha256,
          metadataStripped: stripped,
        },
      },
      now,
    );
    return documentId;
  });
  return getDocument(services, ctx, actor, documentId);
}

/**
 * Uploads left unfinished past their expiry (a day) are abandoned and their chunks removed.
 * Claimed with SKIP LOCKED, so several instances share the work. Returns how many.
 */
export async function purgeExpiredUploads(services: Services, files: FileServices): Promise<number> {
  const now = services.now();
  const expired = await services.db.transaction().execute(async (trx) => {
    const rows = await claimExpiredUploads(trx, now, 100);
    await setUploadState(
      trx,
      rows.map((r) => r.id),
      'aborted',
      now,
    );
    return rows;
  });
  for (const row of expired) await deleteChunks(files, `uploads/${row.id}`, row.next_chunk);
  return expired.length;
}
