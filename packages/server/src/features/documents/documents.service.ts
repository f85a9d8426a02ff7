import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  type Actor,
  type CaseAccess,
  type CaseDocument,
  type DocumentMetadata,
  DocumentMetadata as DocumentMetadataSchema,
  type DocumentType,
  type DocumentUpdate,
  type DocumentVersion,
  type Upload,
  type UploadCreate,
} from '@opennrm/domain';
import type { Database } from '../../db/create-db.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import { readableCase } from '../cases/cases.service.js';
import {
  sanitiseFileName,
  scanWithClamd,
  sniff,
  stripImageMetadata,
  VIEWABLE_TYPES,
} from './content-check.js';
import {
  CHUNK_SIZE,
  deleteChunks,
  type FileServices,
  fileKeyOf,
  newWrappedKey,
  readChunks,
  storeChunk,
} from './files.js';

const NRM_ROLES = new Set(['nrm_supervisor', 'nrm_case_manager']);
const UPLOAD_TTL_MS = 24 * 3_600_000;
/** Images are re-encoded in memory to drop their metadata: larger ones are refused. */
const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

const num = (v: string | number | bigint) => Number(v);
const chunksOf = (size: number, chunkSize: number) => Math.max(1, Math.ceil(size / chunkSize));

/**
 * Who may see a document: the NRM any of the case's; an agency one shared with its
 * organisation, on a case referred to it. Anyone else is told it does not exist.
 */
function canSee(actor: Actor, access: CaseAccess, doc: { shared_with: string[] }): boolean {
  if (!access.read) return false;
  if (NRM_ROLES.has(actor.role)) return true;
  return access.reason === 'referral' && doc.shared_with.includes(actor.organisationId);
}

function presentUpload(row: {
  id: string;
  case_id: string;
  size_bytes: string;
  chunk_size: number;
  received_bytes: string;
  next_chunk: number;
  state: string;
  expires_at: Date;
}): Upload {
  const size = num(row.size_bytes);
  return {
    id: row.id,
    caseId: row.case_id,
    size,
    chunkSize: row.chunk_size,
    chunks: chunksOf(size, row.chunk_size),
    receivedBytes: num(row.received_bytes),
    nextChunk: row.next_chunk,
    state: row.state as Upload['state'],
    expiresAt: row.expires_at.toISOString(),
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
  const { access } = await readableCase(services, ctx, actor, caseId);
  const nrm = NRM_ROLES.has(actor.role);
  if (!nrm && access.read && access.reason !== 'referral') throw notFound('Case');
  if (input.size > files.maxUploadBytes) {
    throw new AppError('FILE_TOO_LARGE', 'The file is larger than the installation allows', {
      maxBytes: files.maxUploadBytes,
    });
  }
  if (input.documentId) {
    const doc = await services.db
      .selectFrom('documents')
      .select(['id', 'shared_with', 'deleted_at', 'case_id'])
      .where('id', '=', input.documentId)
      .executeTakeFirst();
    if (!doc || doc.case_id !== caseId || doc.deleted_at || !canSee(actor, access, doc))
      throw notFound('Document');
  } else if (!input.metadata) {
    throw new AppError('VALIDATION_FAILED', 'A new document needs its metadata', {
      issues: [{ location: 'body', path: ['metadata'], code: 'required', message: 'Required' }],
    });
  }
  const now = services.now();
  const id = crypto.randomUUID();
  await services.db
    .insertInto('uploads')
    .values({
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
    })
    .execute();
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
  const row = await db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
  // An upload is its uploader's alone: anyone else learns nothing of it.
  if (!row || row.user_id !== actor.userId) throw notFound('Upload');
  return row;
}

export async function getUpload(services: Services, actor: Actor, id: string): Promise<Upload> {
  return presentUpload(await ownUpload(services.db, actor, id));
}

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

function hashFor(id: string, index: number): { hash: Hash; base: Hash } | undefined {
  let state = runningHashes.get(id);
  if (!state && index === 0) state = { next: 0, hash: createHash('sha256'), before: createHash('sha256') };
  if (!state) return undefined;
  if (index === state.next) return { hash: state.hash.copy(), base: state.hash };
  if (index === state.next - 1) return { hash: state.before.copy(), base: state.before };
  runningHashes.delete(id);
  return undefined;
}

function rememberHash(id: string, next: number, hash: Hash, before: Hash) {
  runningHashes.delete(id);
  runningHashes.set(id, { next, hash, before });
  if (runningHashes.size > MAX_RUNNING_HASHES)
    runningHashes.delete(runningHashes.keys().next().value as string);
}

/**
 * Stores chunk `index` (in order; sending the last stored chunk again replaces it, so a
 * retry after a lost answer is harmless). The bytes are encrypted as they arrive.
 */
export async function receiveChunk(
  services: Services,
  files: FileServices,
  actor: Actor,
  id: string,
  index: number,
  body: Readable,
): Promise<Upload> {
  const row = await ownUpload(services.db, actor, id);
  if (row.state !== 'open' || row.expires_at < services.now())
    throw new AppError('NOT_FOUND', 'Upload not found');
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
  const updated = await services.db
    .updateTable('uploads')
    .set({ next_chunk: index + 1, received_bytes: received, updated_at: services.now() })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .returningAll()
    .executeTakeFirstOrThrow();
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
  await services.db
    .updateTable('uploads')
    .set({ state: 'aborted', updated_at: services.now() })
    .where('id', '=', id)
    .execute();
  runningHashes.delete(id);
  await deleteChunks(files, `uploads/${id}`, row.next_chunk);
  await recordAudit(
    services.db,
    ctx,
    { action: 'upload.aborted', targetType: 'case', targetId: row.case_id, details: { uploadId: id } },
    services.now(),
  );
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

/**
 * Finishes an upload: checks the content (type from its bytes, against the allow-list and the
 * extension; a virus scan when clamd is configured), strips image metadata, computes the
 * SHA-256, and records the document or its new version. Everything stored stays encrypted.
 */
export async function completeUpload(
  services: Services,
  files: FileServices,
  ctx: AuditContext,
  actor: Actor,
  id: string,
): Promise<string> {
  const row = await ownUpload(services.db, actor, id);
  if (row.state !== 'open') throw notFound('Upload');
  const size = num(row.size_bytes);
  const chunks = chunksOf(size, row.chunk_size);
  if (row.next_chunk < chunks) {
    throw new AppError('UPLOAD_INCOMPLETE', 'Some of the file has not been received', {
      nextChunk: row.next_chunk,
    });
  }
  const fileName = services.crypto.decrypt(row.file_name_enc);
  const fileKey = fileKeyOf(files.keyring, row.wrapped_key, id);
  let prefix = `uploads/${id}`;
  let parts = chunks;

  const sniffed = await sniff(await readHead(readChunks(files, fileKey, prefix, 1), 4100), fileName);
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
    const found = await scanWithClamd(files.clamd, readChunks(files, fileKey, prefix, parts));
    if (found) {
      await recordAudit(
        services.db,
        ctx,
        {
          action: 'upload.aborted',
          outcome: 'denied',
          targetType: 'case',
          targetId: row.case_id,
          details: { uploadId: id, infected: true },
        },
        services.now(),
      );
      throw new AppError('FILE_INFECTED', 'The virus scanner refused this file');
    }
  }
  let stripped = false;
  let finalSize = size;
  const hash = createHash('sha256');
  if (sniffed.strip) {
    if (size > MAX_IMAGE_BYTES) {
      throw new AppError('UNSUPPORTED_FILE_TYPE', 'Images larger than 64 MB cannot be stored', {
        reason: 'image_too_large',
      });
    }
    const original: Buffer[] = [];
    for await (const piece of readChunks(files, fileKey, prefix, parts)) original.push(piece as Buffer);
    let clean: Buffer;
    try {
      clean = await stripImageMetadata(Buffer.concat(original), sniffed.strip);
    } catch {
      throw new AppError('UNSUPPORTED_FILE_TYPE', 'The image could not be read', {
        reason: 'unreadable_image',
      });
    }
    const cleanPrefix = `uploads/${id}/clean`;
    await storeChunk(files, fileKey, cleanPrefix, 0, Readable.from([clean]), clean.length);
    await deleteChunks(files, prefix, parts);
    prefix = cleanPrefix;
    parts = 1;
    stripped = true;
    finalSize = clean.length;
    hash.update(clean);
  }
  const running = runningHashes.get(id);
  runningHashes.delete(id);
  let sha256: string;
  if (stripped) sha256 = hash.digest('hex');
  else if (running?.next === chunks) sha256 = running.hash.digest('hex');
  else {
    for await (const piece of readChunks(files, fileKey, prefix, parts)) hash.update(piece as Buffer);
    sha256 = hash.digest('hex');
  }
  const now = services.now();

  return services.db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('uploads')
      .select('state')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (locked.state !== 'open') throw notFound('Upload');
    let documentId = row.document_id;
    let version = 1;
    const agencyShare = NRM_ROLES.has(actor.role) ? [] : [actor.organisationId];
    if (documentId) {
      const doc = await trx
        .updateTable('documents')
        .set((eb) => ({
          current_version: eb('current_version', '+', 1),
          version: eb('version', '+', 1),
          updated_at: now,
        }))
        .where('id', '=', documentId)
        .returning(['current_version'])
        .executeTakeFirstOrThrow();
      version = doc.current_version;
    } else {
      const metadata: DocumentMetadata = DocumentMetadataSchema.parse(
        JSON.parse(services.crypto.decrypt(row.metadata_enc ?? '')),
      );
      const inserted = await trx
        .insertInto('documents')
        .values({
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
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      documentId = inserted.id;
    }
    await trx
      .insertInto('document_versions')
      .values({
        document_id: documentId,
        version,
        storage_prefix: prefix,
        parts,
        wrapped_key: row.wrapped_key,
        size_bytes: finalSize,
        sha256,
        content_type: sniffed.contentType,
        file_name_enc: row.file_name_enc,
        metadata_stripped: stripped,
        scan: files.clamd ? 'clean' : 'not_scanned',
        uploaded_by: actor.userId,
        uploaded_at: now,
      })
      .execute();
    await trx
      .updateTable('uploads')
      .set({ state: 'complete', updated_at: now })
      .where('id', '=', id)
      .execute();
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
          contentType: sniffed.contentType,
          sha256,
          metadataStripped: stripped,
        },
      },
      now,
    );
    return documentId;
  });
}

type DocumentRow = Awaited<ReturnType<typeof loadDocumentRows>>[number];

async function loadDocumentRows(db: Database, where: { caseId?: string; id?: string }) {
  let q = db
    .selectFrom('documents as d')
    .leftJoin('users as u', 'u.id', 'd.deleted_by')
    .selectAll('d')
    .select('u.display_name as deleted_by_name');
  if (where.caseId) q = q.where('d.case_id', '=', where.caseId);
  if (where.id) q = q.where('d.id', '=', where.id);
  return q.orderBy('d.created_at', 'desc').execute();
}

/**
 * The documents as the actor may see them: an agency learns only that a document is shared
 * with its own organisation, not which other organisations received it.
 */
async function presentDocuments(
  services: Services,
  rows: DocumentRow[],
  actor: Actor,
): Promise<CaseDocument[]> {
  if (rows.length === 0) return [];
  const versions = await services.db
    .selectFrom('document_versions as v')
    .leftJoin('users as u', 'u.id', 'v.uploaded_by')
    .selectAll('v')
    .select('u.display_name as uploaded_by_name')
    .where(
      'v.document_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('v.version', 'desc')
    .execute();
  const dec = (v: string) => services.crypto.decrypt(v);
  return rows.flatMap((d) => {
    const own: DocumentVersion[] = versions
      .filter((v) => v.document_id === d.id)
      .map((v) => ({
        version: v.version,
        size: num(v.size_bytes),
        sha256: v.sha256,
        contentType: v.content_type,
        fileName: dec(v.file_name_enc),
        uploadedAt: v.uploaded_at.toISOString(),
        uploadedBy: v.uploaded_by_name,
        metadataStripped: v.metadata_stripped,
        scan: v.scan as DocumentVersion['scan'],
      }));
    const current = own.find((v) => v.version === d.current_version);
    if (!current) return [];
    return [
      {
        id: d.id,
        caseId: d.case_id,
        type: d.type as DocumentType,
        title: dec(d.title_enc),
        date: d.document_date,
        language: d.language,
        referralId: d.referral_id,
        taskId: d.task_id,
        sharedWith: NRM_ROLES.has(actor.role)
          ? d.shared_with
          : d.shared_with.filter((o) => o === actor.organisationId),
        current,
        versions: own,
        viewable: VIEWABLE_TYPES.has(current.contentType),
        deleted: d.deleted_at
          ? {
              at: d.deleted_at.toISOString(),
              by: d.deleted_by_name,
              reason: d.delete_reason_enc ? dec(d.delete_reason_enc) : '',
            }
          : null,
        createdAt: d.created_at.toISOString(),
        version: d.version,
      },
    ];
  });
}

export async function listDocuments(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  caseId: string,
  deleted: boolean,
): Promise<CaseDocument[]> {
  const { access } = await readableCase(services, ctx, actor, caseId);
  if (deleted && actor.role !== 'nrm_supervisor')
    throw new AppError('FORBIDDEN', 'Only supervisors see deleted documents');
  const rows = (await loadDocumentRows(services.db, { caseId })).filter(
    (d) => canSee(actor, access, d) && (deleted ? d.deleted_at !== null : d.deleted_at === null),
  );
  await recordAudit(
    services.db,
    ctx,
    {
      action: 'documents.listed',
      targetType: 'case',
      targetId: caseId,
      details: { count: rows.length, deleted },
    },
    services.now(),
  );
  return presentDocuments(services, rows, actor);
}

/** A document the actor may see, or 404 (audited) as if it did not exist. */
export async function visibleDocument(services: Services, ctx: AuditContext, actor: Actor, id: string) {
  const [row] = await loadDocumentRows(services.db, { id });
  if (row) {
    const { access } = await readableCase(services, ctx, actor, row.case_id).catch(() => ({
      access: { read: false } as CaseAccess,
    }));
    const deletedOk = !row.deleted_at || actor.role === 'nrm_supervisor';
    if (canSee(actor, access, row) && deletedOk) return row;
  }
  await recordAudit(
    services.db,
    ctx,
    { action: 'document.viewed', outcome: 'denied', targetType: 'document', targetId: id },
    services.now(),
  );
  throw notFound('Document');
}

export async function getDocument(services: Services, ctx: AuditContext, actor: Actor, id: string) {
  const row = await visibleDocument(services, ctx, actor, id);
  const [doc] = await presentDocuments(services, [row], actor);
  if (!doc) throw notFound('Document');
  return doc;
}

export async function updateDocument(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  input: DocumentUpdate,
  ifMatch: (version: number) => void,
) {
  if (!NRM_ROLES.has(actor.role)) throw new AppError('FORBIDDEN', 'Only the NRM edits documents');
  const row = await visibleDocument(services, ctx, actor, id);
  ifMatch(row.version);
  if (input.sharedWith) {
    const referred = await services.db
      .selectFrom('referrals')
      .select('organisation_id')
      .where('case_id', '=', row.case_id)
      .execute();
    const allowed = new Set(referred.map((r) => r.organisation_id));
    if (input.sharedWith.some((o) => !allowed.has(o))) {
      throw new AppError(
        'ORGANISATION_INVALID',
        'Share documents only with organisations the case is referred to',
      );
    }
  }
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('documents')
      .set({
        ...(input.title ? { title_enc: services.crypto.encrypt(input.title) } : {}),
        ...(input.type ? { type: input.type } : {}),
        ...(input.date !== undefined ? { document_date: input.date } : {}),
        ...(input.language !== undefined ? { language: input.language } : {}),
        ...(input.sharedWith ? { shared_with: [...new Set(input.sharedWith)] } : {}),
        version: row.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      ctx,
      {
        action: 'document.updated',
        targetType: 'case',
        targetId: row.case_id,
        details: {
          documentId: id,
          fields: Object.keys(input),
          ...(input.sharedWith ? { sharedWith: input.sharedWith } : {}),
        },
      },
      now,
    );
  });
}

export async function deleteDocument(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  reason: string,
  ifMatch: (version: number) => void,
) {
  const row = await visibleDocument(services, ctx, actor, id);
  ifMatch(row.version);
  if (row.deleted_at) return;
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('documents')
      .set({
        deleted_at: now,
        deleted_by: actor.userId,
        delete_reason_enc: services.crypto.encrypt(reason),
        version: row.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      ctx,
      { action: 'document.deleted', targetType: 'case', targetId: row.case_id, details: { documentId: id } },
      now,
    );
  });
}

/** The decrypted content of a version, verified as it streams, with what the response needs. */
export async function openVersion(
  services: Services,
  files: FileServices,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  version: number,
  inline: boolean,
) {
  const doc = await visibleDocument(services, ctx, actor, id);
  const v = await services.db
    .selectFrom('document_versions')
    .selectAll()
    .where('document_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!v) throw notFound('Document version');
  const uploadId = v.storage_prefix.split('/')[1] ?? '';
  const fileKey = fileKeyOf(files.keyring, v.wrapped_key, uploadId);
  await recordAudit(
    services.db,
    ctx,
    {
      action: inline ? 'document.viewed' : 'document.downloaded',
      targetType: 'case',
      targetId: doc.case_id,
      details: { documentId: id, version },
    },
    services.now(),
  );
  return {
    stream: readChunks(files, fileKey, v.storage_prefix, v.parts),
    size: num(v.size_bytes),
    contentType: v.content_type,
    fileName: services.crypto.decrypt(v.file_name_enc),
    viewable: VIEWABLE_TYPES.has(v.content_type),
  };
}

/**
 * Uploads left unfinished past their expiry (a day) are abandoned and their chunks removed.
 * Claimed with SKIP LOCKED, so several instances share the work. Returns how many.
 */
export async function purgeExpiredUploads(services: Services, files: FileServices): Promise<number> {
  const now = services.now();
  const expired = await services.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('uploads')
      .select(['id', 'next_chunk'])
      .where('state', '=', 'open')
      .where('expires_at', '<', now)
      .limit(100)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length > 0) {
      await trx
        .updateTable('uploads')
        .set({ state: 'aborted', updated_at: now })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    }
    return rows;
  });
  for (const row of expired) await deleteChunks(files, `uploads/${row.id}`, row.next_chunk);
  return expired.length;
}
