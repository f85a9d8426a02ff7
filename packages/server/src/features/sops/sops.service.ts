import {
  type BusinessCalendar,
  type CalendarSettings,
  SopDocument,
  type SopPublish as SopPublishSchema,
  type SopSummary as SopSummarySchema,
  type SopValidationResult as SopValidationResultSchema,
} from '@opennrm/domain';
import type { z } from 'zod';
import { AppError, notFound } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { type AuditContext, recordAudit } from '../audit/index.js';
import * as repo from './sops.repository.js';

type SopSummary = z.infer<typeof SopSummarySchema>;
type SopDb = Parameters<typeof repo.latestSops>[0];
type SopPublish = z.infer<typeof SopPublishSchema>;
type SopValidationResult = z.infer<typeof SopValidationResultSchema>;
type Issue = SopValidationResult['issues'][number];

/** Every SOP with its versions (who published each, when) and how many cases run on each. */
export async function listSops(services: Services): Promise<SopSummary[]> {
  const [rows, counts] = await Promise.all([
    repo.listSopVersions(services.db),
    repo.countCasesBySopVersion(services.db),
  ]);
  const byId = new Map<string, SopSummary>();
  for (const row of rows) {
    const document = row.document;
    const summary = byId.get(row.sop_id) ?? {
      id: row.sop_id,
      category: row.category,
      title: document.title,
      latestVersion: row.version,
      versions: [],
      casesByVersion: {},
    };
    // Rows come oldest first: the last one seen gives the title and category of the latest.
    summary.title = document.title;
    summary.category = row.category;
    summary.latestVersion = row.version;
    summary.versions.push({
      version: row.version,
      publishedAt: row.published_at.toISOString(),
      publishedBy: row.username ?? null,
    });
    summary.casesByVersion[String(row.version)] = 0;
    byId.set(row.sop_id, summary);
  }
  for (const count of counts) {
    const summary = byId.get(count.sopId);
    if (summary) summary.casesByVersion[String(count.version)] = count.cases;
  }
  return [...byId.values()];
}

export async function getSopVersion(services: Services, sopId: string, version: number) {
  const sop = await repo.loadSop(services.db, sopId, version);
  if (!sop) throw notFound('SOP version');
  return sop;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

async function existingSop(services: Services, sopId: string) {
  const latest = await repo.latestVersionOf(services.db, sopId);
  if (latest === undefined) return undefined;
  return { latest, category: await repo.sopCategory(services.db, sopId, latest) };
}

/**
 * Checks a document as publishing would: the schema (`SopDocument`), and, when it names a
 * stored SOP, the same category as that SOP. The version is the server's to choose (the
 * next one), so it is set before checking and never reported.
 */
async function check(
  services: Services,
  document: unknown,
  expectedId?: string,
): Promise<{ issues: Issue[]; data?: SopDocument; latest?: number }> {
  const issues: Issue[] = [];
  let candidate = document;
  let latest: number | undefined;
  if (isObject(document)) {
    const id = typeof document.id === 'string' ? document.id : undefined;
    if (expectedId !== undefined && id !== expectedId) {
      issues.push({ path: ['id'], message: `must be ${expectedId}, the SOP being published` });
    }
    const stored = id ? await existingSop(services, id) : undefined;
    if (stored) {
      latest = stored.latest;
      candidate = { ...document, version: stored.latest + 1 };
      if (document.category !== undefined && document.category !== stored.category) {
        issues.push({
          path: ['category'],
          message: `must stay ${stored.category}: a new version cannot change the category of an SOP`,
        });
      }
    }
  }
  const parsed = SopDocument.safeParse(candidate);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      issues.push({
        path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
        message: i.message,
      });
    }
  }
  return parsed.success && issues.length === 0 ? { issues, data: parsed.data, latest } : { issues, latest };
}

export async function validateSop(services: Services, document: unknown): Promise<SopValidationResult> {
  const { issues } = await check(services, document);
  return { valid: issues.length === 0, issues };
}

/**
 * Publishes the next version of a stored SOP. The client says which version it edited;
 * when someone published in between, nothing is published (SOP_VERSION_STALE). Cases keep
 * the version they started with.
 */
export async function publishSop(
  services: Services,
  ctx: AuditContext,
  sopId: string,
  input: SopPublish,
  userId: string,
): Promise<SopDocument> {
  const stored = await existingSop(services, sopId);
  if (!stored) throw notFound('SOP');
  if (input.basedOnVersion !== stored.latest) {
    throw new AppError('SOP_VERSION_STALE', 'A newer version was published since this one was opened', {
      latestVersion: stored.latest,
    });
  }
  const { issues, data } = await check(services, input.document, sopId);
  if (!data) throw new AppError('SOP_INVALID', 'The SOP document has problems', { issues });
  const version = stored.latest + 1;
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const inserted = await repo.insertSopVersion(trx, { ...data, id: sopId, version }, userId, now);
    // Someone published the same next version a moment ago.
    if (!inserted) {
      throw new AppError('SOP_VERSION_STALE', 'A newer version was published since this one was opened', {
        latestVersion: version,
      });
    }
    await recordAudit(
      trx,
      ctx,
      { action: 'sop.published', targetType: 'sop', targetId: sopId, details: { sopId, version } },
      now,
    );
  });
  return { ...data, version };
}

// ---------------------------------------------------------------------------------------------
// What the workflow feature reads (through index.ts), in the caller's transaction

/** The newest version of each SOP: what a new case is matched against. */
export function latestSops(db: SopDb): Promise<SopDocument[]> {
  return repo.latestSops(db);
}

/** One published version of an SOP, or undefined. */
export function loadSop(db: SopDb, sopId: string, version: number): Promise<SopDocument | undefined> {
  return repo.loadSop(db, sopId, version);
}

/** The newest version number of an SOP, or undefined when none is published. */
export function latestVersionOf(db: SopDb, sopId: string): Promise<number | undefined> {
  return repo.latestVersionOf(db, sopId);
}

/** The installation's business calendar (weekend days, public holidays, UTC offset). */
export function loadCalendar(db: SopDb, utcOffsetMinutes: number): Promise<BusinessCalendar> {
  return repo.loadCalendar(db, utcOffsetMinutes);
}

/** Publishes the shipped SOPs (version 1 of each) when none is stored; idempotent. */
export function seedDefaultSops(db: SopDb, now: Date): Promise<void> {
  return repo.seedDefaultSops(db, now);
}

// ---------------------------------------------------------------------------------------------
// Business calendar

export async function getCalendar(services: Services): Promise<CalendarSettings> {
  const { weekendDays, holidays } = await repo.readCalendarSettings(services.db);
  return { weekendDays: [...(weekendDays ?? [5, 6])].sort((a, b) => a - b), holidays };
}

/** Replaces the weekend days and the whole list of public holidays. */
export async function updateCalendar(
  services: Services,
  ctx: AuditContext,
  input: CalendarSettings,
  userId: string,
): Promise<CalendarSettings> {
  const seen = new Set<string>();
  const duplicates = input.holidays.flatMap((holiday, i) => {
    if (seen.has(holiday.date)) {
      return [
        { location: 'body', path: ['holidays', i, 'date'], code: 'duplicate', message: 'Listed twice' },
      ];
    }
    seen.add(holiday.date);
    return [];
  });
  if (duplicates.length) {
    throw new AppError('VALIDATION_FAILED', 'A holiday is listed twice', { issues: duplicates });
  }
  if (input.weekendDays.length !== new Set(input.weekendDays).size) {
    throw new AppError('VALIDATION_FAILED', 'A weekend day is listed twice', {
      issues: [{ location: 'body', path: ['weekendDays'], code: 'duplicate', message: 'Listed twice' }],
    });
  }
  const weekendDays = [...input.weekendDays].sort((a, b) => a - b);
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await repo.writeCalendarSettings(trx, weekendDays, input.holidays, userId, now);
    await recordAudit(
      trx,
      ctx,
      {
        action: 'calendar.updated',
        targetType: 'calendar',
        details: { weekendDays, holidays: input.holidays.length },
      },
      now,
    );
  });
  return getCalendar(services);
}
