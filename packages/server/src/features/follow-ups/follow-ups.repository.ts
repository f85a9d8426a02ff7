import type { RiskLevel } from '@opennrm/domain';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * What a follow-up contact found, on its row in the current schedule (the newest round; the
 * scheduler reminds from the rows). A contact already recorded is not written over.
 */
export async function saveFollowUpContact(
  db: Db,
  caseId: string,
  index: number,
  found: {
    reached: boolean | null;
    situationEnc: string | null;
    riskAfter: RiskLevel;
    recordedBy: string | null;
    recordedAt: Date;
  },
): Promise<void> {
  await db
    .updateTable('follow_up_contacts')
    .set({
      reached: found.reached,
      situation_enc: found.situationEnc,
      risk_after: found.riskAfter,
      recorded_by: found.recordedBy,
      recorded_at: found.recordedAt,
    })
    .where('case_id', '=', caseId)
    .where('round', '=', (eb) =>
      eb
        .selectFrom('follow_up_contacts as newest')
        .select((e) => e.fn.max('newest.round').as('round'))
        .where('newest.case_id', '=', caseId),
    )
    .where('idx', '=', index)
    .where('recorded_at', 'is', null)
    .execute();
}
