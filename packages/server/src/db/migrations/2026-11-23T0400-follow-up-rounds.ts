import { type Kysely, sql } from 'kysely';

/**
 * A follow-up contact recorded is kept for good. A contact that found a high or urgent risk
 * reopens the case, which empties the SOP's follow-up schedule; the rows were keyed by the
 * contact's position alone, so the schedule's sync deleted the contact just recorded (its
 * situation with it), and a schedule made anew would have reused its position. Each schedule
 * is now a round of its own: round 1 the first, the next one after the case was resolved again.
 * Only contacts not yet made are dropped when the schedule changes.
 */
const statements = [
  'ALTER TABLE follow_up_contacts ADD COLUMN round integer NOT NULL DEFAULT 1',
  'ALTER TABLE follow_up_contacts DROP CONSTRAINT follow_up_contacts_pkey',
  'ALTER TABLE follow_up_contacts ADD PRIMARY KEY (case_id, round, idx)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
