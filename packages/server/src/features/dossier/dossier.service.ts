import { createHash } from 'node:crypto';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Actor, CaseDocument, DossierExport, DossierStarted } from '@opennrm/domain';
import yazl from 'yazl';
import type { AuditContext } from '../../lib/act-context.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { newFileKey, unwrapFileKey, wrapFileKey } from '../../lib/file-keys.js';
import { createDecryptStream, createEncryptStream } from '../../lib/stream-crypto.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/index.js';
import { getCase, readableCase } from '../cases/index.js';
import { type FileServices, listDocuments, readStoredVersion, sanitiseFileName } from '../documents/index.js';
import { listCaseReferrals } from '../referrals/index.js';
import { listCaseTasks } from '../tasks/index.js';
import { getUser } from '../users/index.js';
import { isExpired, presentExport } from './dossier.present.js';
import {
  type ExportRow,
  findExport,
  insertExport,
  listDueExports,
  listStaleExports,
  updateExport,
} from './dossier.repository.js';
import type { Locale } from './summary-labels.js';
import { DOCUMENT_TYPE_LABELS } from './summary-labels.js';
import { renderSummaryPdf, type SummaryData, type SummaryDocument } from './summary-pdf.js';

/** How long a finished dossier can be downloaded. */
export const DOSSIER_TTL_MS = 24 * 3_600_000;
/** A job still queued or running after this long was cut off (a restart): it is failed. */
const STALE_JOB_MS = 6 * 3_600_000;

const objectKey = (id: string) => `dossiers/${id}`;
const keyContext = (id: string) => `dossier:${id}`;

/** Running jobs, so a test (or a graceful shutdown) can wait for them. */
const running = new Set<Promise<void>>();

export async function waitForDossierJobs(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}

/** The ZIP entry name of the n-th document: `documents/01-<file name>`. */
export function entryName(n: number, fileName: string, width: number): string {
  const clean = sanitiseFileName(fileName).replace(/[/\\]/g, '_');
  return `documents/${String(n).padStart(width, '0')}-${clean}`;
}

/** One CSV cell: quoted, and a leading = + - @ neutralised so a spreadsheet does not run it. */
function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

const INDEX_HEADERS: Record<Locale, string[]> = {
  en: [
    'No.',
    'Title',
    'Type',
    'Date',
    'Version',
    'File in this ZIP',
    'Original file name',
    'Size (bytes)',
    'Content type',
    'SHA-256',
  ],
  ar: [
    'الرقم',
    'العنوان',
    'النوع',
    'التاريخ',
    'الإصدار',
    'الملف في هذا الأرشيف',
    'اسم الملف الأصلي',
    'الحجم (بايت)',
    'نوع المحتوى',
    'SHA-256',
  ],
};

interface Planned {
  doc: CaseDocument;
  entry: string;
}

export function buildIndexCsv(locale: Locale, planned: Planned[]): Buffer {
  const lines = [INDEX_HEADERS[locale].map(csvCell).join(',')];
  planned.forEach(({ doc, entry }, i) => {
    lines.push(
      [
        i + 1,
        doc.title,
        DOCUMENT_TYPE_LABELS[locale][doc.type] ?? doc.type,
        doc.date,
        doc.current.version,
        entry,
        doc.current.fileName,
        doc.current.size,
        doc.current.contentType,
        doc.current.sha256,
      ]
        .map(csvCell)
        .join(','),
    );
  });
  // A byte-order mark so spreadsheet programs read the Arabic as UTF-8.
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

/** Passes bytes through and fails at the end when their SHA-256 is not the recorded one. */
class Sha256Check extends Transform {
  readonly #hash = createHash('sha256');
  constructor(private readonly expected: string) {
    super();
  }
  override _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback) {
    this.#hash.update(chunk);
    cb(null, chunk);
  }
  override _flush(cb: TransformCallback) {
    const actual = this.#hash.digest('hex');
    cb(
      actual === this.expected
        ? null
        : Object.assign(new Error('document content does not match its SHA-256'), {
            code: 'DOCUMENT_CORRUPT',
          }),
    );
  }
}

/**
 * Starts a dossier export of the case for the actor: checks need-to-know now (the case, and
 * exactly the documents `listDocuments` shows this actor), records the job, and builds the
 * ZIP in the background. Answers at once with the job's id.
 */
export async function startExport(
  services: Services,
  files: FileServices,
  ctx: AuditContext,
  actor: Actor,
  caseId: string,
): Promise<DossierStarted> {
  // getCase checks need-to-know (404 otherwise) and gives only the sections the actor may see.
  const caseData = await getCase(services, ctx, actor, caseId);
  // Exactly the documents this actor may see, oldest first (the order they came into the case).
  const documents = (await listDocuments(services, ctx, actor, caseId, false)).sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  const [referrals, tasks, user] = await Promise.all([
    listCaseReferrals(services, actor, caseId),
    listCaseTasks(services, actor, caseId),
    getUser(services, actor.userId),
  ]);
  const locale: Locale = user.locale === 'ar' ? 'ar' : 'en';
  const now = services.now();
  const row = await insertExport(services.db, {
    case_id: caseId,
    user_id: actor.userId,
    locale,
    state: 'queued',
    progress: 0,
    total: documents.length,
    created_at: now,
  });
  await recordAudit(
    services.db,
    ctx,
    {
      action: 'dossier.requested',
      targetType: 'case',
      targetId: caseId,
      details: { exportId: row.id, documents: documents.map((d) => d.id), locale },
    },
    now,
  );

  const width = Math.max(2, String(documents.length).length);
  const planned = documents.map((doc, i) => ({ doc, entry: entryName(i + 1, doc.current.fileName, width) }));
  const summary: SummaryData = {
    locale,
    generatedAt: now,
    generatedBy: user.displayName,
    caseData,
    referrals,
    tasks,
    documents: planned.map(
      ({ doc, entry }, i): SummaryDocument => ({
        n: i + 1,
        title: doc.title,
        type: doc.type,
        date: doc.date,
        version: doc.current.version,
        fileName: entry.slice('documents/'.length),
      }),
    ),
  };
  const job = new Promise<void>((resolve) => {
    setImmediate(() => {
      runExport(services, files, row.id, locale, planned, summary)
        .catch(async (error: unknown) => {
          const code = (error as { code?: unknown }).code;
          await updateExport(services.db, row.id, {
            state: 'failed',
            error_code: typeof code === 'string' && /^[A-Z_]{3,40}$/.test(code) ? code : 'EXPORT_FAILED',
            finished_at: services.now(),
          }).catch(() => undefined);
          await files.storage.delete(objectKey(row.id)).catch(() => undefined);
        })
        .finally(resolve);
    });
  });
  running.add(job);
  void job.finally(() => running.delete(job));
  return { id: row.id, state: 'queued', progress: 0, total: documents.length };
}

/**
 * Builds the ZIP: index.csv, summary.pdf, then each document's current version. The ZIP is
 * encrypted as it is produced, straight into the storage: it is never whole in memory and
 * never on disk in the clear. A document that fails verification fails the whole export.
 */
async function runExport(
  services: Services,
  files: FileServices,
  id: string,
  locale: Locale,
  planned: Planned[],
  summary: SummaryData,
): Promise<void> {
  const fileKey = newFileKey();
  const wrapped = wrapFileKey(fileKey, files.keyring, keyContext(id));
  await updateExport(services.db, id, { state: 'running', wrapped_key: wrapped });

  const zip = new yazl.ZipFile();
  const encrypt = createEncryptStream(fileKey);
  const stored = files.storage.put(objectKey(id), encrypt);
  const piped = pipeline(zip.outputStream, encrypt);
  // If anything fails, both ends are torn down and the storage keeps nothing.
  const settled = Promise.all([stored, piped]);
  settled.catch(() => undefined);
  const fail = (error: Error) => {
    (zip.outputStream as Readable).destroy(error);
    encrypt.destroy(error);
  };

  try {
    const mtime = summary.generatedAt;
    zip.addBuffer(buildIndexCsv(locale, planned), 'index.csv', { mtime });
    zip.addBuffer(await renderSummaryPdf(summary), 'summary.pdf', { mtime });
    let done = 0;
    for (const { doc, entry } of planned) {
      const stored = await readStoredVersion(services, files, doc.id, doc.current.version);
      if (!stored) throw new Error('document version not found');
      const content: Readable = stored.stream;
      const checked = new Sha256Check(stored.sha256);
      const finished = new Promise<void>((resolve, reject) => {
        checked.on('end', resolve);
        checked.on('error', reject);
        content.on('error', reject);
      });
      content.pipe(checked);
      // Already-compressed formats (PDF, JPEG, …) are stored, not deflated again.
      zip.addReadStream(checked, entry, { mtime: new Date(doc.current.uploadedAt), compress: false });
      await Promise.race([finished, settled]);
      done++;
      await updateExport(services.db, id, { progress: done });
    }
    zip.end();
    const [put] = await settled;
    const now = services.now();
    await updateExport(services.db, id, {
      state: 'done',
      storage_key: objectKey(id),
      size_bytes: encrypt.result?.bytes ?? put.bytes,
      progress: planned.length,
      finished_at: now,
      expires_at: new Date(now.getTime() + DOSSIER_TTL_MS),
    });
  } catch (error) {
    fail(error as Error);
    await settled.catch(() => undefined);
    throw error;
  }
}

/**
 * The export, if it is the actor's and the actor may still open its case. Need-to-know is
 * checked again on every read (the same `caseAccess` decision as opening the case): access
 * that ended after the export was built (a referral revoked, a consent withdrawn, an account
 * moved) ends the export with it. Anyone else learns nothing of it: 404, as for a case one
 * cannot see.
 */
async function ownExport(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  id: string,
): Promise<{ row: ExportRow; caseReference: string }> {
  const row = await findExport(services.db, id);
  if (!row || row.user_id !== actor.userId) throw notFound('Dossier');
  try {
    const found = await readableCase(services, ctx, actor, row.case_id);
    return { row, caseReference: found.row.reference };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Dossier');
    throw error;
  }
}

export async function getExport(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  id: string,
): Promise<DossierExport> {
  return presentExport((await ownExport(services, ctx, actor, id)).row, services.now());
}

/** The decrypted ZIP, verified as it streams, while the export is done and not expired. */
export async function openExport(
  services: Services,
  files: FileServices,
  ctx: AuditContext,
  actor: Actor,
  id: string,
) {
  const { row, caseReference } = await ownExport(services, ctx, actor, id);
  const now = services.now();
  if (row.state !== 'done' || isExpired(row, now) || !row.storage_key || !row.wrapped_key)
    throw notFound('Dossier');
  const fileKey = unwrapFileKey(row.wrapped_key, files.keyring, keyContext(row.id));
  const source = await files.storage.get(row.storage_key);
  const decrypt = createDecryptStream(fileKey, { sha256: false });
  source.on('error', (error) => decrypt.destroy(error));
  source.pipe(decrypt);
  await recordAudit(
    services.db,
    ctx,
    {
      action: 'dossier.downloaded',
      targetType: 'case',
      targetId: row.case_id,
      details: { exportId: row.id },
    },
    now,
  );
  return {
    stream: decrypt as Readable,
    size: row.size_bytes === null ? undefined : Number(row.size_bytes),
    fileName: `dossier-${caseReference}.zip`,
  };
}

/**
 * Deletes the ZIPs of expired exports and marks them expired; fails jobs cut off by a restart.
 * For the scheduler. Answers how many exports it expired and failed.
 */
export async function purgeExpiredDossiers(
  services: Services,
  files: FileServices,
): Promise<{ expired: number; failed: number }> {
  const now = services.now();
  const due = await listDueExports(services.db, now);
  for (const row of due) {
    await files.storage.delete(row.storage_key ?? objectKey(row.id));
    await updateExport(
      services.db,
      row.id,
      { state: 'expired', storage_key: null, wrapped_key: null },
      'done',
    );
  }
  const stale = await listStaleExports(services.db, new Date(now.getTime() - STALE_JOB_MS));
  for (const row of stale) {
    await files.storage.delete(objectKey(row.id));
    await updateExport(services.db, row.id, {
      state: 'failed',
      error_code: 'INTERRUPTED',
      wrapped_key: null,
      finished_at: now,
    });
  }
  return { expired: due.length, failed: stale.length };
}
