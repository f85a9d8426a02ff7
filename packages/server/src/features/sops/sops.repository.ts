import { type BusinessCalendar, SopDocument } from '@opennrm/domain';
import { DEFAULT_SOPS } from '@opennrm/domain/defaults';
import type { Database } from '../../db/create-db.js';

/** The database or a transaction on it (a Kysely transaction is a Kysely). */
type DbExecutor = Database;

/** Publishes the shipped SOPs (version 1 of each) when none is stored; idempotent. */
export async function seedDefaultSops(db: Database, now: Date): Promise<void> {
  for (const sop of DEFAULT_SOPS) await insertSopVersion(db, sop, null, now);
}

/** Every published version of every SOP (a few dozen documents: read whole, parsed and checked). */
export async function publishedSops(db: DbExecutor): Promise<SopDocument[]> {
  const rows = await db
    .selectFrom('sop_versions')
    .select(['document'])
    .orderBy('sop_id')
    .orderBy('version')
    .execute();
  return rows.map((r) => SopDocument.parse(r.document));
}

/** The newest version of each SOP: what a new case is matched against. */
export async function latestSops(db: DbExecutor): Promise<SopDocument[]> {
  const all = await publishedSops(db);
  const latest = new Map<string, SopDocument>();
  for (const sop of all) {
    const seen = latest.get(sop.id);
    if (!seen || sop.version > seen.version) latest.set(sop.id, sop);
  }
  return [...latest.values()];
}

/** One version of one SOP. */
const oneVersion = (db: DbExecutor, sopId: string, version: number) =>
  db.selectFrom('sop_versions').where('sop_id', '=', sopId).where('version', '=', version);

export async function loadSop(
  db: DbExecutor,
  sopId: string,
  version: number,
): Promise<SopDocument | undefined> {
  const row = await oneVersion(db, sopId, version).select('document').executeTakeFirst();
  return row ? SopDocument.parse(row.document) : undefined;
}

export async function latestVersionOf(db: DbExecutor, sopId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('sop_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('sop_id', '=', sopId)
    .executeTakeFirst();
  return row?.v ?? undefined;
}

/**
 * The installation's business calendar: weekend days and public holidays from the database
 * (administrators edit them), the UTC offset of its days from configuration.
 */
export async function loadCalendar(db: DbExecutor, utcOffsetMinutes: number): Promise<BusinessCalendar> {
  const { weekendDays, holidays } = await readCalendarSettings(db);
  return { weekendDays: weekendDays ?? [5, 6], holidays: holidays.map((h) => h.date), utcOffsetMinutes };
}

/** Every published version with who published it, oldest first per SOP. */
export function listSopVersions(db: DbExecutor) {
  return db
    .selectFrom('sop_versions as s')
    .leftJoin('users as u', 'u.id', 's.published_by')
    .select(['s.sop_id', 's.version', 's.category', 's.document', 's.published_at', 'u.username'])
    .orderBy('s.sop_id')
    .orderBy('s.version')
    .execute();
}

/** How many cases run on each version of each SOP. */
export async function countCasesBySopVersion(db: DbExecutor) {
  const rows = await db
    .selectFrom('case_workflows')
    .select(['sop_id', 'sop_version', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['sop_id', 'sop_version'])
    .execute();
  return rows.map((r) => ({ sopId: r.sop_id, version: r.sop_version, cases: Number(r.n) }));
}

/** The category of one version of an SOP (throws when there is no such version). */
export async function sopCategory(db: DbExecutor, sopId: string, version: number) {
  const row = await oneVersion(db, sopId, version).select('category').executeTakeFirstOrThrow();
  return row.category;
}

/**
 * Stores a new version; false when that version exists already (someone published it first).
 * A shipped SOP is published by no one.
 */
export async function insertSopVersion(
  db: DbExecutor,
  sop: SopDocument,
  publishedBy: string | null,
  now: Date,
): Promise<boolean> {
  const inserted = await db
    .insertInto('sop_versions')
    .values({
      sop_id: sop.id,
      version: sop.version,
      category: sop.category,
      document: JSON.stringify(sop),
      published_by: publishedBy,
      published_at: now,
    })
    .onConflict((oc) => oc.columns(['sop_id', 'version']).doNothing())
    .returning('version')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The weekend days (undefined before an administrator saved any) and the public holidays by date. */
export async function readCalendarSettings(db: DbExecutor) {
  const settings = await db.selectFrom('calendar_settings').select('weekend_days').executeTakeFirst();
  const holidays = await db
    .selectFrom('public_holidays')
    .select((eb) => [eb.fn<string>('to_char', [eb.ref('day'), eb.val('YYYY-MM-DD')]).as('date'), 'name'])
    .orderBy('day')
    .execute();
  return { weekendDays: settings?.weekend_days, holidays };
}

/** Replaces the weekend days and the whole list of public holidays. */
export async function writeCalendarSettings(
  db: DbExecutor,
  weekendDays: number[],
  holidays: readonly { date: string; name: string }[],
  userId: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('calendar_settings')
    .values({ id: 1, weekend_days: weekendDays, updated_by: userId, updated_at: now })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ weekend_days: weekendDays, updated_by: userId, updated_at: now }),
    )
    .execute();
  await db.deleteFrom('public_holidays').execute();
  if (holidays.length) {
    await db
      .insertInto('public_holidays')
      .values(holidays.map((h) => ({ day: h.date, name: h.name })))
      .execute();
  }
}
