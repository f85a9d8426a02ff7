import type { ReferralDto } from '@opennrm/domain';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { referralsApi, useCaseReferrals, useStoreReferral } from '../../api/referrals';
import { DateTime } from '../../components/date-time';
import { errorMessage } from '../../components/form-errors';
import { SkeletonRows } from '../../components/loading';
import { Notice } from '../../components/notice';
import { hasPermission } from '../../lib/permissions';
import { ReasonDialog } from './reason-dialog';
import { RecipientActions } from './recipient-actions';
import { ReferDialog } from './refer-dialog';
import { ReferralBadges, SharedSections, useOrganisationLabel } from './referral-labels';
import { OnwardRequest, ReferralSummary } from './referral-summary';
import './referrals.css';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="referral-item__fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Deadline({ at }: { at: string | null }) {
  const { t } = useTranslation();
  return at ? <DateTime iso={at} dateOnly /> : <span className="muted">{t('referrals.noDeadline')}</span>;
}

/** One referral as the NRM sees it among the case's referrals, with revocation. */
function ReferralItem({ referral, canRevoke }: { referral: ReferralDto; canRevoke: boolean }) {
  const { t } = useTranslation();
  const store = useStoreReferral();
  const organisation = useOrganisationLabel()(referral.organisationId, referral.organisationName);
  const [revoking, setRevoking] = useState(false);
  const [revoked, setRevoked] = useState(false);
  return (
    <li className={referral.overdue ? 'referral-item referral-item--overdue' : 'referral-item'}>
      <div className="referral-item__head">
        <h3 className="heading-s referral-item__title">
          {organisation}
          <span className="referral-item__purpose">{t(`referrals.purposes.${referral.purpose}`)}</span>
        </h3>
        <ReferralBadges referral={referral} />
      </div>
      {revoked ? <Notice tone="success" title={t('referrals.revoke.done')} /> : null}
      <dl className="referral-item__facts">
        <Fact label={t('referrals.sent')}>
          <DateTime iso={referral.sentAt} dateOnly />
        </Fact>
        <Fact label={t('referrals.acknowledgeBy')}>
          <Deadline at={referral.acknowledgeBy} />
        </Fact>
        <Fact label={t('referrals.completeBy')}>
          <Deadline at={referral.completeBy} />
        </Fact>
        <Fact label={t('referrals.sharedSections')}>
          <SharedSections sections={referral.sharedSections} />
        </Fact>
      </dl>
      {referral.outcome ? (
        <div className="referral-item__answer">
          <p className="referral-item__label">{t('referrals.outcome')}</p>
          <p className="narrative" dir="auto">
            {referral.outcome}
          </p>
        </div>
      ) : null}
      {referral.reason ? (
        <div className="referral-item__answer">
          <p className="referral-item__label">
            {referral.status === 'revoked' ? t('referrals.revokeReason') : t('referrals.declineReason')}
          </p>
          <p className="narrative" dir="auto">
            {referral.reason}
          </p>
        </div>
      ) : null}
      {referral.onwardRequest ? (
        <div className="referral-item__onward">
          <p className="referral-item__label">{t('referrals.onwardRequest')}</p>
          <OnwardRequest request={referral.onwardRequest} />
        </div>
      ) : null}
      <details className="referral-item__details">
        <summary>{t('referrals.allDetails')}</summary>
        <ReferralSummary referral={referral} />
      </details>
      {canRevoke && referral.allowedTransitions.includes('revoked') ? (
        <p>
          <button type="button" className="button button--secondary" onClick={() => setRevoking(true)}>
            {t('referrals.revoke.open')}
          </button>
        </p>
      ) : null}
      <ReasonDialog
        open={revoking}
        onClose={() => setRevoking(false)}
        title={t('referrals.revoke.title', { organisation })}
        intro={<p>{t('referrals.revoke.intro')}</p>}
        label={t('referrals.revoke.reason')}
        hint={t('referrals.revoke.reasonHint')}
        requiredMessage={t('referrals.revoke.reasonRequired')}
        submitLabel={t('referrals.revoke.submit')}
        danger
        onSubmit={async (reason) =>
          store(await referralsApi.transition(referral, { status: 'revoked', reason }))
        }
        onDone={() => setRevoked(true)}
      />
    </li>
  );
}

/** The referral to the reader's own organisation, with what they can do about it. */
function AgencyReferral({ referral }: { referral: ReferralDto }) {
  const { t } = useTranslation();
  const organisation = useOrganisationLabel()(referral.organisationId, referral.organisationName);
  return (
    <article className="referral-item">
      <div className="referral-item__head">
        <h3 className="heading-s referral-item__title">
          {t(`referrals.purposes.${referral.purpose}`)}
          <span className="referral-item__purpose">{organisation}</span>
        </h3>
        <ReferralBadges referral={referral} />
      </div>
      <RecipientActions referral={referral} />
      <ReferralSummary referral={referral} />
    </article>
  );
}

/**
 * The case's referrals: for the NRM every organisation the case went to, with "Refer" and
 * revocation; for an agency only its own organisation's referral, with its answers.
 */
export function CaseReferralsSection({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const nrm = hasPermission(me, 'referrals.send');
  const referrals = useCaseReferrals(caseId);
  const organisationLabel = useOrganisationLabel();
  const [referring, setReferring] = useState(false);
  const [sent, setSent] = useState<ReferralDto | null>(null);

  if (referrals.isPending) return <SkeletonRows rows={3} />;
  if (referrals.isError) return <Notice tone="error" title={errorMessage(t, referrals.error)} />;
  const items = nrm
    ? referrals.data.items
    : referrals.data.items.filter((r) => r.organisationId === me?.organisation.id);

  if (!nrm) {
    if (items.length === 0) {
      return (
        <div className="empty-state">
          <p>{t('referrals.emptyAgency')}</p>
        </div>
      );
    }
    return (
      <div className="referral-list">
        {items.map((referral) => (
          <AgencyReferral key={referral.id} referral={referral} />
        ))}
      </div>
    );
  }

  const onward = items.filter((r) => r.onwardRequest);
  return (
    <>
      {sent ? (
        <Notice
          tone="success"
          title={t('referrals.refer.sent', {
            organisation: organisationLabel(sent.organisationId, sent.organisationName),
          })}
        />
      ) : null}
      {onward.length > 0 ? (
        <Notice tone="info" title={t('referrals.onwardWaiting', { count: onward.length })}>
          <ul className="plain-list">
            {onward.map((r) => (
              <li key={r.id}>
                {r.onwardRequest?.organisationKind
                  ? t('referrals.onwardAsksTo', {
                      organisation: organisationLabel(r.organisationId, r.organisationName),
                      kind: t(`organisationKinds.${r.onwardRequest.organisationKind}`),
                    })
                  : t('referrals.onwardAsks', {
                      organisation: organisationLabel(r.organisationId, r.organisationName),
                    })}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <div className="section-heading">
        <p className="referral-intro">{t('referrals.intro')}</p>
        <button
          type="button"
          className="button"
          onClick={() => {
            setSent(null);
            setReferring(true);
          }}
        >
          {t('referrals.refer.open')}
        </button>
      </div>
      {items.length === 0 ? (
        <div className="empty-state">
          <p>{t('referrals.empty')}</p>
        </div>
      ) : (
        <ul className="referral-list">
          {items.map((referral) => (
            <ReferralItem key={referral.id} referral={referral} canRevoke={nrm} />
          ))}
        </ul>
      )}
      <ReferDialog
        caseId={caseId}
        open={referring}
        onClose={() => setReferring(false)}
        onSent={(referral) => {
          setReferring(false);
          setSent(referral);
        }}
      />
    </>
  );
}
