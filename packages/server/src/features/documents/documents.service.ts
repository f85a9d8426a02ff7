import type {
  Actor,
  CaseAccess,
  CaseDocument,
  DocumentType,
  DocumentUpdate,
  DocumentVersion,
} from '@opennrm/domain';
import { can, isNrmTeam, seesDocument } from '@opennrm/domain';
import type { Database } from '../../db/create-db.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import { readableCase } from '../cases/cases.service.js';
import { VIEWABLE_TYPES } from './content-check.js';
import { type FileServices, fileKeyOf, readChunks } from './files.js';

/**
 * The case's documents once stored: who may see which, listing, reading, editing, sharing,
 * deleting, and opening a version's content. Uploads (receiving and checking files, and
 * recording them as documents or versions) are in uploads.service.ts.
 */

const num = (v: string | number | bigint) => Number(v);

/**
 * Who may see a document: the NRM any of the case's; an agency one shared with its
 * organisation, on a case referred to it. Anyone else is told it does not exist.
 */
export function canSeeDocument(actor: Actor, access: CaseAccess, doc: { shared_with: string[] }): boolean {
  return seesDocument(access, actor, doc.shared_with);
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
        sharedWith: isNrmTeam(actor)
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
  if (deleted && !can(actor, 'documents.delete'))
    throw new AppError('FORBIDDEN', 'Only supervisors see deleted documents');
  const rows = (await loadDocumentRows(services.db, { caseId })).filter(
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
  return presentDocuments(services, rows, actor);
}

/** A document the actor may see, or 404 (audited) as if it did not exist. */
export async function visibleDocument(services: Services, ctx: AuditContext, actor: Actor, id: string) {
  const [row] = await loadDocumentRows(services.db, { id });
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
  if (!isNrmTeam(actor)) throw new AppError('FORBIDDEN', 'Only the NRM edits documents');
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
