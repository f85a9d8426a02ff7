import { createHash } from 'node:crypto';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Actor, CaseDocument, DossierExport, DossierStarted, DossierState } from '@opennrm/domain';
import type { Selectable } from 'kysely';
import yazl from 'yazl';
import type { DossierExportsTable } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { newFileKey, unwrapFileKey, wrapFileKey } from '../../lib/file-keys.js';
import { createDecryptStream, createEncryptStream } from '../../lib/stream-crypto.js';
import type { Services } from '../../services.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import { getCase, readableCase } from '../cases/cases.service.js';
import { sanitiseFileName } from '../documents/content-check.js';
import { listDocuments } from '../documents/documents.service.js';
import { type FileServices, fileKeyOf, readChunks } from '../documents/files.js';
import { listCaseReferrals } from '../workflow/referral-reads.js';
import { listCaseTasks } from '../tasks/index.js';
import type { Locale } from './summary-labels.js';
import { DOCUMENT_TYPE_LABELS } from './summary-labels.js';
import { renderSummaryPdf, type SummaryData, type SummaryDocument } from './summary-pdf.js';

/** How long a finished dossier can be downloaded. */
export const DOSSIER_TTL_MS = 24 * 3_600_000;
/** A job still queued or running after this long was cut off (a restart): it is failed. */
const STALE_JOB_MS = 6 * 3_600_000;

type Row = Selectable<DossierExportsTable>;

const objectKey = (id: string) => `dossiers/${id}`;
const keyContext = (id: string) => `dossier:${id}`;

/** Running jobs, so a test (or a graceful shutdown) can wait for them. */
const running = new Set<Promise<void>>();

export async function waitForDossierJobs(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}

function isExpired(row: Pick<Row, 'state' | 'expires_at'>, now: Date) {
  return row.state === 'expired' || (row.state === 'done' && (!row.expires_at || row.expires_at <= now));
}

function present(row: Row, now: Date): DossierExport {
  const expired = isExpired(row, now);
  const state: DossierState = expired ? 'expired' : (row.state as DossierState);
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
    services.db
      .selectFrom('users')
      .select(['locale', 'display_name'])
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow(),
  ]);
  const locale: Locale = user.locale === 'ar' ? 'ar' : 'en';
  const now = services.now();
  const row = await services.db
    .insertInto('dossier_exports')
    .values({
      case_id: caseId,
      user_id: actor.userId,
      locale,
      state: 'queued',
      progress: 0,
      total: documents.length,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
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
    generatedBy: user.display_name,
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
          await services.db
            .updateTable('dossier_exports')
            .set({
              state: 'failed',
              error_code: typeof code === 'string' && /^[A-Z_]{3,40}$/.test(code) ? code : 'EXPORT_FAILED',
              finished_at: services.now(),
            })
            .where('id', '=', row.id)
            .execute()
            .catch(() => undefined);
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
  await services.db
    .updateTable('dossier_exports')
    .set({ state: 'running', wrapped_key: wrapped })
    .where('id', '=', id)
    .execute();

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
      const version = await services.db
        .selectFrom('document_versions')
        .select(['storage_prefix', 'parts', 'wrapped_key', 'sha256'])
        .where('document_id', '=', doc.id)
        .where('version', '=', doc.current.version)
        .executeTakeFirstOrThrow();
      const uploadId = version.storage_prefix.split('/')[1] ?? '';
      const key = fileKeyOf(files.keyring, version.wrapped_key, uploadId);
      const content: Readable = readChunks(files, key, version.storage_prefix, version.parts);
      const checked = new Sha256Check(version.sha256);
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
      await services.db.updateTable('dossier_exports').set({ progress: done }).where('id', '=', id).execute();
    }
    zip.end();
    const [put] = await settled;
    const now = services.now();
    await services.db
      .updateTable('dossier_exports')
      .set({
        state: 'done',
        storage_key: objectKey(id),
        size_bytes: encrypt.result?.bytes ?? put.bytes,
        progress: planned.length,
        finished_at: now,
        expires_at: new Date(now.getTime() + DOSSIER_TTL_MS),
      })
      .where('id', '=', id)
      .execute();
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
async function ownExport(services: Services, ctx: AuditContext, actor: Actor, id: string): Promise<Row> {
  const row = await services.db
    .selectFrom('dossier_exports')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.user_id !== actor.userId) throw notFound('Dossier');
  try {
    await readableCase(services, ctx, actor, row.case_id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Dossier');
    throw error;
  }
  return row;
}

export async function getExport(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  id: string,
): Promise<DossierExport> {
  return present(await ownExport(services, ctx, actor, id), services.now());
}

/** The decrypted ZIP, verified as it streams, while the export is done and not expired. */
export async function openExport(
  services: Services,
  files: FileServices,
  ctx: AuditContext,
  actor: Actor,
  id: string,
) {
  const row = await ownExport(services, ctx, actor, id);
  const now = services.now();
  if (row.state !== 'done' || isExpired(row, now) || !row.storage_key || !row.wrapped_key)
    throw notFound('Dossier');
  const reference = await services.db
    .selectFrom('cases')
    .select('reference')
    .where('id', '=', row.case_id)
    .executeTakeFirstOrThrow();
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
    fileName: `dossier-${reference.reference}.zip`,
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
  const due = await services.db
    .selectFrom('dossier_exports')
    .select(['id', 'storage_key'])
    .where('state', '=', 'done')
    .where('expires_at', '<=', now)
    .execute();
  for (const row of due) {
    await files.storage.delete(row.storage_key ?? objectKey(row.id));
    await services.db
      .updateTable('dossier_exports')
      .set({ state: 'expired', storage_key: null, wrapped_key: null })
      .where('id', '=', row.id)
      .where('state', '=', 'done')
      .execute();
  }
  const stale = await services.db
    .selectFrom('dossier_exports')
    .select('id')
    .where('state', 'in', ['queued', 'running'])
    .where('created_at', '<=', new Date(now.getTime() - STALE_JOB_MS))
    .execute();
  for (const row of stale) {
    await files.storage.delete(objectKey(row.id));
    await services.db
      .updateTable('dossier_exports')
      .set({ state: 'failed', error_code: 'INTERRUPTED', wrapped_key: null, finished_at: now })
      .where('id', '=', row.id)
      .execute();
  }
  return { expired: due.length, failed: stale.length };
}
