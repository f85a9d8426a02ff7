import { type BusinessCalendar, DEFAULT_SOPS, SopDocument } from '@opennrm/domain';
import type { Database } from '../../db/create-db.js';

/** The database or a transaction on it (a Kysely transaction is a Kysely). */
type DbExecutor = Database;

/** Publishes the shipped SOPs (version 1 of each) when none is stored; idempotent. */
export async function seedDefaultSops(db: Database, now: Date): Promise<void> {
  for (const sop of DEFAULT_SOPS) {
    await db
      .insertInto('sop_versions')
      .values({
        sop_id: sop.id,
        version: sop.version,
        category: sop.category,
        document: JSON.stringify(sop),
        published_by: null,
        published_at: now,
      })
      .onConflict((oc) => oc.columns(['sop_id', 'version']).doNothing())
      .execute();
  }
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

export async function loadSop(
  db: DbExecutor,
  sopId: string,
  version: number,
): Promise<SopDocument | undefined> {
  const row = await db
    .selectFrom('sop_versions')
    .select('document')
    .where('sop_id', '=', sopId)
    .where('version', '=', version)
    .executeTakeFirst();
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
  const settings = await db.selectFrom('calendar_settings').select('weekend_days').executeTakeFirst();
  const holidays = await db
    .selectFrom('public_holidays')
    .select((eb) => eb.fn<string>('to_char', [eb.ref('day'), eb.val('YYYY-MM-DD')]).as('day'))
    .orderBy('day')
    .execute();
  return {
    weekendDays: settings?.weekend_days ?? [5, 6],
    holidays: holidays.map((h) => h.day),
    utcOffsetMinutes,
  };
}
