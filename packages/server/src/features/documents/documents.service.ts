import type { Readable } from 'node:stream';
import type { Actor, CaseAccess, CaseDocument, DocumentUpdate } from '@opennrm/domain';
import { can, isNrmTeam, seesDocument } from '@opennrm/domain';
import type { AuditContext } from '../../lib/act-context.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/index.js';
import { readableCase } from '../cases/index.js';
import { listCaseReferrals } from '../referrals/index.js';
import { VIEWABLE_TYPES } from './content-check.js';
import { presentDocuments } from './documents.present.js';
import {
  type DocumentRow,
  findDocumentRows,
  findVersion,
  findVersionRows,
  updateDocumentRow,
} from './documents.repository.js';
import { type FileServices, fileKeyOf, readChunks, uploadIdOf } from './files.js';

/**
 * The case's documents once stored: who may see which, listing, reading, editing, sharing,
 * deleting, and opening a version's content. Uploads (receiving and checking files, and
 * recording them as documents or versions) are in uploads.service.ts.
 */

/**
 * Who may see a document: the NRM any of the case's; an agency one shared with its
 * organisation, on a case referred to it. Anyone else is told it does not exist.
 */
export function canSeeDocument(actor: Actor, access: CaseAccess, doc: { shared_with: string[] }): boolean {
  return seesDocument(access, actor, doc.shared_with);
}

async function present(services: Services, rows: DocumentRow[], actor: Actor): Promise<CaseDocument[]> {
  if (rows.length === 0) return [];
  const versions = await findVersionRows(
    services.db,
    rows.map((r) => r.id),
  );
  return presentDocuments(rows, versions, actor, (v) => services.crypto.decrypt(v));
}

export async function listDocuments(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  caseId: string,
  deleted: boolean,
): Promise<CaseDocument[]> {
  const { access } = await readableCase(services, ctx, actor, caseId);
  if (deleted && !can(actor, 'documents.delete'))
    throw new AppError('FORBIDDEN', 'Only supervisors see deleted documents');
  const rows = (await findDocumentRows(services.db, { caseId })).filter(
    (d) => canSeeDocument(actor, access, d) && (deleted ? d.deleted_at !== null : d.deleted_at === null),
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
  return present(services, rows, actor);
}

/** A document the actor may see, or 404 (audited) as if it did not exist. */
export async function visibleDocument(services: Services, ctx: AuditContext, actor: Actor, id: string) {
  const [row] = await findDocumentRows(services.db, { id });
  if (row) {
    const { access } = await readableCase(services, ctx, actor, row.case_id).catch(() => ({
      access: { read: false } as CaseAccess,
    }));
    const deletedOk = !row.deleted_at || can(actor, 'documents.delete');
    if (canSeeDocument(actor, access, row) && deletedOk) return row;
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
  const [doc] = await present(services, [row], actor);
  if (!doc) throw notFound('Document');
  return doc;
}

/**
 * Edits a document's metadata or the organisations it is shared with, on the version the
 * client read (`ifMatch`: 428 without it, 412 when stale, also if it changes meanwhile).
 * Answers the document as it now is.
 */
export async function updateDocument(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  input: DocumentUpdate,
  ifMatch: (version: number) => void,
): Promise<CaseDocument> {
  if (!isNrmTeam(actor)) throw new AppError('FORBIDDEN', 'Only the NRM edits documents');
  const row = await visibleDocument(services, ctx, actor, id);
  ifMatch(row.version);
  if (input.sharedWith) {
    // Every referral of the case: the NRM (who alone edits documents) sees them all.
    const referrals = await listCaseReferrals(services, actor, row.case_id);
    const allowed = new Set(referrals.map((r) => r.organisationId));
    if (input.sharedWith.some((o) => !allowed.has(o))) {
      throw new AppError(
        'ORGANISATION_INVALID',
        'Share documents only with organisations the case is referred to',
      );
    }
  }
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await updateDocumentRow(
      trx,
      id,
      {
        ...(input.title ? { title_enc: services.crypto.encrypt(input.title) } : {}),
        ...(input.type ? { type: input.type } : {}),
        ...(input.date !== undefined ? { document_date: input.date } : {}),
        ...(input.language !== undefined ? { language: input.language } : {}),
        ...(input.sharedWith ? { shared_with: [...new Set(input.sharedWith)] } : {}),
      },
      now,
      { expectedVersion: row.version },
    );
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
  return getDocument(services, ctx, actor, id);
}

/** Soft-deletes a document with a reason, on the version the client read (`ifMatch`). */
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
    await updateDocumentRow(
      trx,
      id,
      { deleted_at: now, deleted_by: actor.userId, delete_reason_enc: services.crypto.encrypt(reason) },
      now,
      { expectedVersion: row.version },
    );
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
  const v = await findVersion(services.db, id, version);
  if (!v) throw notFound('Document version');
  const fileKey = fileKeyOf(files.keyring, v.wrapped_key, uploadIdOf(v.storage_prefix));
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
    size: Number(v.size_bytes),
    contentType: v.content_type,
    fileName: services.crypto.decrypt(v.file_name_enc),
    viewable: VIEWABLE_TYPES.has(v.content_type),
  };
}

/**
 * A version's content for an export that already checked who may see the document: decrypted
 * and verified chunk by chunk as it streams, with the SHA-256 recorded when it was stored.
 * Not audited here (the export is). Undefined when there is no such version.
 */
export async function readStoredVersion(
  services: Services,
  files: FileServices,
  documentId: string,
  version: number,
): Promise<{ stream: Readable; sha256: string } | undefined> {
  const v = await findVersion(services.db, documentId, version);
  if (!v) return undefined;
  const fileKey = fileKeyOf(files.keyring, v.wrapped_key, uploadIdOf(v.storage_prefix));
  return { stream: readChunks(files, fileKey, v.storage_prefix, v.parts), sha256: v.sha256 };
}
