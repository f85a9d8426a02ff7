import type { Actor, CaseDocument, DocumentVersion } from '@opennrm/domain';
import { isNrmTeam } from '@opennrm/domain';
import { VIEWABLE_TYPES } from './content-check.js';
import type { DocumentRow, findVersionRows } from './documents.repository.js';

type VersionRow = Awaited<ReturnType<typeof findVersionRows>>[number];

/**
 * The documents as the actor may see them: an agency learns only that a document is shared
 * with its own organisation, not which other organisations received it. A document without
 * its current version is left out.
 */
export function presentDocuments(
  rows: DocumentRow[],
  versions: VersionRow[],
  actor: Actor,
  decrypt: (value: string) => string,
): CaseDocument[] {
  return rows.flatMap((d) => {
    const own: DocumentVersion[] = versions
      .filter((v) => v.document_id === d.id)
      .map((v) => ({
        version: v.version,
        size: Number(v.size_bytes),
        sha256: v.sha256,
        contentType: v.content_type,
        fileName: decrypt(v.file_name_enc),
        uploadedAt: v.uploaded_at.toISOString(),
        uploadedBy: v.uploaded_by_name,
        metadataStripped: v.metadata_stripped,
        scan: v.scan,
      }));
    const current = own.find((v) => v.version === d.current_version);
    if (!current) return [];
    return [
      {
        id: d.id,
        caseId: d.case_id,
        type: d.type,
        title: decrypt(d.title_enc),
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
              reason: d.delete_reason_enc ? decrypt(d.delete_reason_enc) : '',
            }
          : null,
        createdAt: d.created_at.toISOString(),
        version: d.version,
      },
    ];
  });
}
