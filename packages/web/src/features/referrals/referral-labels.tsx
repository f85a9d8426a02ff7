import type { ReferralDto, ReferralStatus } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { useAllOrganisations } from '../../api/admin';
import { useSession } from '../../api/auth';
import { Badge, type BadgeTone } from '../../components/badge';
import { DateTime } from '../../components/date-time';
import { organisationName } from '../../components/organisation-labels';
import { hasPermission } from '../../lib/permissions';

export const STATUS_TONES: Record<ReferralStatus, BadgeTone> = {
  sent: 'blue',
  acknowledged: 'purple',
  accepted: 'purple',
  in_progress: 'orange',
  completed: 'green',
  declined: 'red',
  revoked: 'grey',
};

/** Statuses after which nothing more happens to a referral. */
export const FINAL_STATUSES: readonly ReferralStatus[] = ['completed', 'declined', 'revoked'];

export function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONES[status]}>{t(`referrals.statuses.${status}`)}</Badge>;
}

/** "Overdue" in words and in red, next to the status. */
export function OverdueBadge() {
  const { t } = useTranslation();
  return <Badge tone="red">{t('referrals.overdue')}</Badge>;
}

/** The status, and "overdue" when a deadline passed while the referral is still open. */
export function ReferralBadges({ referral }: { referral: Pick<ReferralDto, 'status' | 'overdue'> }) {
  return (
    <span className="badges">
      <ReferralStatusBadge status={referral.status} />
      {referral.overdue ? <OverdueBadge /> : null}
    </span>
  );
}

/**
 * The deadline that matters now: acknowledging until the agency answered, then completing.
 * Null once the referral is final.
 */
export function currentDeadline(
  referral: Pick<ReferralDto, 'status' | 'acknowledgeBy' | 'completeBy'>,
): { kind: 'acknowledgeBy' | 'completeBy'; at: string } | null {
  if (FINAL_STATUSES.includes(referral.status)) return null;
  if (referral.status === 'sent' && referral.acknowledgeBy) {
    return { kind: 'acknowledgeBy', at: referral.acknowledgeBy };
  }
  if (referral.completeBy) return { kind: 'completeBy', at: referral.completeBy };
  return null;
}

/** The deadline a list shows, with what it is for and the relative time ("in 3 days"). */
export function DeadlineCell({
  referral,
}: {
  referral: Pick<ReferralDto, 'status' | 'acknowledgeBy' | 'completeBy'>;
}) {
  const { t } = useTranslation();
  const deadline = currentDeadline(referral);
  if (!deadline) return <span className="muted">{t('referrals.noDeadline')}</span>;
  return (
    <>
      <span className="table__secondary">{t(`referrals.deadlineKinds.${deadline.kind}`)}</span>
      <DateTime iso={deadline.at} dateOnly />
    </>
  );
}

/** The shared sections in words, in the case page's order. */
export function SharedSections({ sections }: { sections: readonly string[] }) {
  const { t } = useTranslation();
  if (sections.length === 0) return <span className="muted">{t('referrals.nothingShared')}</span>;
  return <>{sections.map((s) => t(`caseSections.${s}`)).join(t('referrals.listSeparator'))}</>;
}

/**
 * The receiving organisation's name in the reader's script. Referrals carry the English name
 * only: the Arabic one comes from the reader's own organisation or, for the NRM, the
 * organisation list (already cached by the refer dialog).
 */
export function useOrganisationLabel(): (organisationId: string | null, fallback: string) => string {
  const { i18n } = useTranslation();
  const { me } = useSession();
  const organisations = useAllOrganisations(
    i18n.language === 'ar' && hasPermission(me, 'organisations.read'),
  );
  return (organisationId, fallback) => {
    if (me && me.organisation.id === organisationId) return organisationName(me.organisation, i18n.language);
    // Without an id (a person's history), the English name identifies the organisation.
    const found = organisations.data?.find((org) =>
      organisationId ? org.id === organisationId : org.name === fallback,
    );
    return found ? organisationName(found, i18n.language) : fallback;
  };
}

/** `useOrganisationLabel` as a component. */
export function OrganisationLabel({ id, name }: { id: string | null; name: string }) {
  const label = useOrganisationLabel();
  return <>{label(id, name)}</>;
}
