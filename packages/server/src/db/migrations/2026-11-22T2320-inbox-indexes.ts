import { type Kysely, sql } from 'kysely';

/**
 * The organisation inbox at a million cases: one partial index per box, in the order the box
 * is read (newest first), so a page is an index range with no sort, and each box's count an
 * index-only scan of its own entries. Overdue referrals are counted from their deadlines.
 */
const statements = [
  'DROP INDEX IF EXISTS referrals_inbox',
  `CREATE INDEX referrals_box_new ON referrals (organisation_id, created_at DESC, id DESC)
    WHERE status IN ('sent', 'acknowledged')`,
  `CREATE INDEX referrals_box_in_progress ON referrals (organisation_id, created_at DESC, id DESC)
    WHERE status IN ('accepted', 'in_progress')`,
  `CREATE INDEX referrals_box_completed ON referrals (organisation_id, created_at DESC, id DESC)
    WHERE status IN ('completed', 'declined', 'revoked')`,
  `CREATE INDEX referrals_box_open ON referrals (organisation_id, created_at DESC, id DESC)
    WHERE status IN ('sent', 'accepted', 'in_progress')`,
  `CREATE INDEX referrals_ack_deadline ON referrals (organisation_id, acknowledge_by) WHERE status = 'sent'`,
  `CREATE INDEX referrals_complete_deadline ON referrals (organisation_id, complete_by)
    WHERE status IN ('accepted', 'in_progress')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
