import type { DossierExport, DossierState } from '@opennrm/domain';
import type { ExportRow } from './dossier.repository.js';

/** A finished export past its download time reads as expired before the purge marks it. */
export function isExpired(row: Pick<ExportRow, 'state' | 'expires_at'>, now: Date) {
  return row.state === 'expired' || (row.state === 'done' && (!row.expires_at || row.expires_at <= now));
}

/** An export as its requester sees it: its state, progress, and where to download it once done. */
export function presentExport(row: ExportRow, now: Date): DossierExport {
  const expired = isExpired(row, now);
  const state: DossierState = expired ? 'expired' : row.state;
  return {
    id: row.id,
    caseId: row.case_id,
    state,
    progress: row.progress,
    total: row.total,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    size: row.size_bytes === null ? null : Number(row.size_bytes),
    errorCode: row.error_code,
    ...(state === 'done' ? { downloadUrl: `/api/dossiers/${row.id}/download` } : {}),
  };
}
