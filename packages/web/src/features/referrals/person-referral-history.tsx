import type { PersonReferral } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../api/auth';
import { usePersonReferrals } from '../../api/referrals';
import { DataTable } from '../../components/data-table';
import { DateTime } from '../../components/date-time';
import { errorMessage } from '../../components/form-errors';
import { SkeletonRows } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { Notice } from '../../components/notice';
import { hasPermission } from '../../lib/permissions';
import { OrganisationLabel, ReferralStatusBadge } from './referral-labels';

/** When the referral ended and how: completed, declined or revoked. */
function Ended({ item }: { item: PersonReferral }) {
  const { t } = useTranslation();
  const at = item.completedAt ?? item.declinedAt ?? item.revokedAt;
  if (!at) return <span className="muted">{t('referrals.personHistory.open')}</span>;
  return <DateTime iso={at} dateOnly />;
}

interface Props {
  personId: string;
  /** The case being read: its referrals are marked "this case". */
  currentCaseId?: string;
}

/**
 * Every organisation the person has been referred to, across all their cases, with dates
 * and outcomes. Shown to the NRM only (agencies see just their own referral).
 */
export function PersonReferralHistory({ personId, currentCaseId }: Props) {
  const { t } = useTranslation();
  const { me } = useSession();
  const allowed = hasPermission(me, 'referrals.send');
  const history = usePersonReferrals(personId, allowed);
  if (!allowed) return null;
  return (
    <section className="person-referrals" aria-labelledby="person-referrals-title">
      <h3 className="heading-m" id="person-referrals-title">
        {t('referrals.personHistory.title')}
      </h3>
      {history.isPending ? (
        <SkeletonRows rows={2} />
      ) : history.isError ? (
        <Notice tone="error" title={errorMessage(t, history.error)} />
      ) : history.data.items.length === 0 ? (
        <div className="empty-state">
          <p>{t('referrals.personHistory.empty')}</p>
        </div>
      ) : (
        <DataTable caption={t('referrals.personHistory.caption')} variant="cards">
          <thead>
            <tr>
              <th scope="col">{t('referrals.organisation')}</th>
              <th scope="col">{t('referrals.purpose')}</th>
              <th scope="col">{t('referrals.case')}</th>
              <th scope="col">{t('referrals.sent')}</th>
              <th scope="col">{t('referrals.personHistory.result')}</th>
              <th scope="col">{t('referrals.personHistory.ended')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.items.map((item) => (
              <tr key={item.id}>
                <td data-label={t('referrals.organisation')}>
                  <OrganisationLabel id={null} name={item.organisationName} />
                  <span className="table__secondary">{t(`organisationKinds.${item.organisationKind}`)}</span>
                </td>
                <td data-label={t('referrals.purpose')}>{t(`referrals.purposes.${item.purpose}`)}</td>
                <td data-label={t('referrals.case')}>
                  <Link to={`/cases/${item.caseId}`} className="case-ref">
                    <Ltr>{item.caseReference}</Ltr>
                  </Link>
                  {item.caseId === currentCaseId ? (
                    <span className="table__secondary">{t('referrals.personHistory.thisCase')}</span>
                  ) : null}
                </td>
                <td data-label={t('referrals.sent')}>
                  <DateTime iso={item.sentAt} dateOnly />
                </td>
                <td data-label={t('referrals.personHistory.result')}>
                  <ReferralStatusBadge status={item.status} />
                  {item.outcome ? (
                    <span className="table__secondary narrative" dir="auto">
                      {item.outcome}
                    </span>
                  ) : null}
                </td>
                <td data-label={t('referrals.personHistory.ended')}>
                  <Ended item={item} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}
