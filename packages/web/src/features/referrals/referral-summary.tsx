import type { ReferralDto, ReferralStatus } from '@opennrm/domain';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DateTime } from '../../components/date-time';
import { Ltr } from '../../components/ltr';
import { OrganisationLabel, ReferralBadges, SharedSections } from './referral-labels';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** When the referral reached each status, oldest first. */
export function statusHistory(referral: ReferralDto): { status: ReferralStatus; at: string }[] {
  const steps: [ReferralStatus, string | null][] = [
    ['sent', referral.sentAt],
    ['acknowledged', referral.acknowledgedAt],
    ['accepted', referral.acceptedAt],
    ['in_progress', referral.startedAt],
    ['completed', referral.completedAt],
    ['declined', referral.declinedAt],
    ['revoked', referral.revokedAt],
  ];
  return steps
    .filter((step): step is [ReferralStatus, string] => step[1] !== null)
    .map(([status, at]) => ({ status, at }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

function Deadline({ at, met }: { at: string | null; met: string | null }) {
  const { t } = useTranslation();
  if (!at) return <span className="muted">{t('referrals.noDeadline')}</span>;
  return (
    <>
      <DateTime iso={at} />
      {met ? (
        <span className="table__secondary">
          {t('referrals.metOn')} <DateTime iso={met} relative={false} />
        </span>
      ) : null}
    </>
  );
}

/**
 * Everything about one referral, as the sender and the receiving organisation both see it:
 * purpose, status, message, what was shared, deadlines, answers, and when each step happened.
 */
export function ReferralSummary({ referral, showCase }: { referral: ReferralDto; showCase?: boolean }) {
  const { t } = useTranslation();
  const answeredAt = referral.acknowledgedAt ?? referral.acceptedAt ?? referral.declinedAt;
  return (
    <dl className="summary-list summary-list--compact">
      {showCase ? (
        <Row label={t('referrals.case')}>
          <Link to={`/cases/${referral.caseId}`} className="case-ref">
            <Ltr>{referral.caseReference}</Ltr>
          </Link>
        </Row>
      ) : null}
      <Row label={t('referrals.organisation')}>
        <OrganisationLabel id={referral.organisationId} name={referral.organisationName} />
        <span className="table__secondary">{t(`organisationKinds.${referral.organisationKind}`)}</span>
      </Row>
      <Row label={t('referrals.purpose')}>{t(`referrals.purposes.${referral.purpose}`)}</Row>
      <Row label={t('referrals.status')}>
        <ReferralBadges referral={referral} />
      </Row>
      <Row label={t('referrals.sent')}>
        <DateTime iso={referral.sentAt} />
        {referral.sentBy ? (
          <span className="table__secondary">{t('referrals.sentBy', { name: referral.sentBy })}</span>
        ) : null}
      </Row>
      <Row label={t('referrals.acknowledgeBy')}>
        <Deadline at={referral.acknowledgeBy} met={answeredAt} />
      </Row>
      <Row label={t('referrals.completeBy')}>
        <Deadline at={referral.completeBy} met={referral.completedAt} />
      </Row>
      <Row label={t('referrals.message')}>
        {referral.message ? (
          <p className="narrative" dir="auto">
            {referral.message}
          </p>
        ) : (
          <span className="muted">{t('referrals.noMessage')}</span>
        )}
      </Row>
      <Row label={t('referrals.sharedSections')}>
        <SharedSections sections={referral.sharedSections} />
      </Row>
      {referral.consentOverride ? (
        <Row label={t('referrals.consent')}>{t('referrals.sentWithoutConsent')}</Row>
      ) : null}
      {referral.outcome ? (
        <Row label={t('referrals.outcome')}>
          <p className="narrative" dir="auto">
            {referral.outcome}
          </p>
        </Row>
      ) : null}
      {referral.reason ? (
        <Row
          label={referral.status === 'revoked' ? t('referrals.revokeReason') : t('referrals.declineReason')}
        >
          <p className="narrative" dir="auto">
            {referral.reason}
          </p>
        </Row>
      ) : null}
      {referral.onwardRequest ? (
        <Row label={t('referrals.onwardRequest')}>
          <OnwardRequest request={referral.onwardRequest} />
        </Row>
      ) : null}
      <Row label={t('referrals.history')}>
        <ol className="plain-list">
          {statusHistory(referral).map((step) => (
            <li key={step.status}>
              {t(`referrals.statuses.${step.status}`)}: <DateTime iso={step.at} relative={false} />
            </li>
          ))}
        </ol>
      </Row>
    </dl>
  );
}

export function OnwardRequest({ request }: { request: NonNullable<ReferralDto['onwardRequest']> }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="block">
        {request.organisationKind
          ? t('referrals.onwardTo', { kind: t(`organisationKinds.${request.organisationKind}`) })
          : t('referrals.onwardAny')}
      </span>
      <p className="narrative" dir="auto">
        {request.message}
      </p>
      <DateTime iso={request.at} />
    </>
  );
}
