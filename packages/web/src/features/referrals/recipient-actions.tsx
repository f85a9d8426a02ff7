import { OrganisationKind, type ReferralDto, type ReferralTransition } from '@opennrm/domain';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { referralsApi, useStoreReferral } from '../../api/referrals';
import { Dialog } from '../../components/dialog';
import { SelectField, TextAreaField } from '../../components/fields';
import { FormActions } from '../../components/form-actions';
import { Notice } from '../../components/notice';
import { hasPermission } from '../../lib/permissions';
import { ReasonDialog } from './reason-dialog';
import { ReferralChangeFailed } from './referral-errors';

type Open = 'declined' | 'completed' | 'onward' | null;

/** Steps taken with one press: acknowledging, accepting and starting the work. */
const DIRECT = ['acknowledged', 'accepted', 'in_progress'] as const;
type Direct = (typeof DIRECT)[number];

/** Whether this user answers the referral for the receiving organisation. */
export function isRecipient(referral: ReferralDto, me: ReturnType<typeof useSession>['me']): boolean {
  return hasPermission(me, 'referrals.respond') && me?.organisation.id === referral.organisationId;
}

function OnwardDialog({
  referral,
  open,
  onClose,
  onDone,
}: {
  referral: ReferralDto;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const store = useStoreReferral();
  const [kind, setKind] = useState('');
  const [message, setMessage] = useState('');
  const [missing, setMissing] = useState(false);
  const mutation = useMutation({
    mutationFn: () =>
      referralsApi.onwardRequest(referral.id, {
        message: message.trim(),
        ...(kind ? { organisationKind: kind as OrganisationKind } : {}),
      }),
    onSuccess: (updated) => {
      store(updated);
      setMessage('');
      setKind('');
      onClose();
      onDone();
    },
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!message.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    mutation.mutate();
  }
  return (
    <Dialog open={open} onClose={onClose} title={t('referrals.onward.title')}>
      {mutation.isError ? <ReferralChangeFailed error={mutation.error} /> : null}
      <form onSubmit={submit} noValidate>
        <div className="dialog__body">
          <p>{t('referrals.onward.intro')}</p>
          <SelectField
            id="onward-kind"
            label={t('referrals.onward.kind')}
            hint={t('referrals.onward.kindHint')}
            value={kind}
            onValueChange={setKind}
            placeholderOption={t('referrals.onward.anyKind')}
            options={OrganisationKind.options
              .filter((k) => k !== 'coordinator' && k !== referral.organisationKind)
              .map((value) => ({ value, label: t(`organisationKinds.${value}`) }))}
          />
          <TextAreaField
            id="onward-message"
            label={t('referrals.onward.message')}
            hint={t('referrals.onward.messageHint')}
            value={message}
            onValueChange={setMessage}
            error={missing ? t('referrals.onward.messageRequired') : undefined}
            maxLength={2000}
            rows={4}
          />
        </div>
        <FormActions submit={t('referrals.onward.submit')} pending={mutation.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/**
 * What the receiving organisation can do with a referral now: only the steps the server
 * lists in `allowedTransitions`, each sent with the referral's version as If-Match.
 */
export function RecipientActions({ referral }: { referral: ReferralDto }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const store = useStoreReferral();
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: (body: ReferralTransition) => referralsApi.transition(referral, body),
    onSuccess: (updated) => {
      store(updated);
      setDone(t(`referrals.actions.done.${updated.status}`));
    },
  });
  if (!isRecipient(referral, me)) return null;
  const allowed = referral.allowedTransitions.filter((s) => s !== 'revoked');
  const canOnward = referral.status !== 'revoked' && referral.status !== 'declined';
  const direct = DIRECT.filter((s): s is Direct => allowed.includes(s));

  return (
    <div className="referral-actions">
      {done && !move.isError ? <Notice tone="success" title={done} /> : null}
      {move.isError ? <ReferralChangeFailed error={move.error} /> : null}
      {allowed.length > 0 ? (
        <div className="button-group">
          {direct.map((status) => (
            <button
              key={status}
              type="button"
              className={status === 'accepted' || direct.length === 1 ? 'button' : 'button button--secondary'}
              disabled={move.isPending}
              onClick={() => {
                setDone(null);
                move.mutate({ status });
              }}
            >
              {t(`referrals.actions.${status}`)}
            </button>
          ))}
          {allowed.includes('completed') ? (
            <button
              type="button"
              className={direct.length === 0 ? 'button' : 'button button--secondary'}
              onClick={() => {
                move.reset();
                setOpen('completed');
              }}
            >
              {t('referrals.actions.completed')}
            </button>
          ) : null}
          {allowed.includes('declined') ? (
            <button
              type="button"
              className="button button--warning"
              onClick={() => {
                move.reset();
                setOpen('declined');
              }}
            >
              {t('referrals.actions.declined')}
            </button>
          ) : null}
        </div>
      ) : null}
      {canOnward ? (
        <p>
          <button
            type="button"
            className="button button--link"
            onClick={() => {
              setDone(null);
              move.reset();
              setOpen('onward');
            }}
          >
            {t('referrals.onward.open')}
          </button>
        </p>
      ) : null}
      <ReasonDialog
        open={open === 'declined'}
        onClose={() => setOpen(null)}
        title={t('referrals.decline.title')}
        intro={<p>{t('referrals.decline.intro')}</p>}
        label={t('referrals.decline.reason')}
        hint={t('referrals.decline.reasonHint')}
        requiredMessage={t('referrals.decline.reasonRequired')}
        submitLabel={t('referrals.decline.submit')}
        danger
        onSubmit={async (reason) =>
          store(await referralsApi.transition(referral, { status: 'declined', reason }))
        }
        onDone={() => setDone(t('referrals.actions.done.declined'))}
      />
      <ReasonDialog
        open={open === 'completed'}
        onClose={() => setOpen(null)}
        title={t('referrals.complete.title')}
        intro={<p>{t('referrals.complete.intro')}</p>}
        label={t('referrals.complete.outcome')}
        hint={t('referrals.complete.outcomeHint')}
        requiredMessage={t('referrals.complete.outcomeRequired')}
        submitLabel={t('referrals.complete.submit')}
        onSubmit={async (outcome) =>
          store(await referralsApi.transition(referral, { status: 'completed', outcome }))
        }
        onDone={() => setDone(t('referrals.actions.done.completed'))}
      />
      <OnwardDialog
        referral={referral}
        open={open === 'onward'}
        onClose={() => setOpen(null)}
        onDone={() => setDone(t('referrals.onward.sent'))}
      />
    </div>
  );
}
