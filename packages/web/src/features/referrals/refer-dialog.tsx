import {
  CASE_SECTIONS,
  type CaseSection,
  type ConsentCheck,
  REFERRAL_PURPOSES,
  type ReferralDto,
  type ReferralPurpose,
} from '@opennrm/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllOrganisations } from '../../api/admin';
import { useSession } from '../../api/auth';
import { isApiError } from '../../api/client';
import { REFERRALS_KEY, referralsApi, useConsentCheck, useStoreReferral } from '../../api/referrals';
import { CheckboxGroup } from '../../components/choice-fields';
import { Dialog } from '../../components/dialog';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField, TextAreaField } from '../../components/fields';
import {
  apiErrorToFieldErrors,
  errorMessage,
  type FieldError,
  useFormErrors,
} from '../../components/form-errors';
import { Notice } from '../../components/notice';
import { organisationName } from '../../components/organisation-labels';
import { hasPermission } from '../../lib/permissions';

const DEFAULT_SECTIONS: CaseSection[] = ['person', 'narrative'];

const FIELD_IDS = {
  organisationId: 'refer-organisation',
  purpose: 'refer-purpose',
  message: 'refer-message',
  sharedSections: 'refer-sections',
  withoutConsentReason: 'refer-reason',
} as const;

function ConsentStatusText({ check }: { check: ConsentCheck }) {
  const { t } = useTranslation();
  const purpose = t([`consentPurposes.${check.purpose}`, 'referrals.consentCheck.unknownPurpose']);
  return <p>{t(`referrals.consentCheck.status.${check.status}`, { purpose })}</p>;
}

/** The consent records' answer for this referral, before it is sent. */
function ConsentPanel({
  check,
  loading,
  error,
  canOverride,
  reason,
  onReason,
  reasonError,
}: {
  check: ConsentCheck | undefined;
  loading: boolean;
  error: unknown;
  canOverride: boolean;
  reason: string;
  onReason: (value: string) => void;
  reasonError?: string;
}) {
  const { t } = useTranslation();
  if (loading) return <p role="status">{t('referrals.consentCheck.checking')}</p>;
  if (error) return <Notice tone="error" title={errorMessage(t, error)} />;
  if (!check) return <p className="hint">{t('referrals.consentCheck.chooseFirst')}</p>;
  if (check.covered) {
    return (
      <Notice tone="success" title={t('referrals.consentCheck.covered')}>
        <ConsentStatusText check={check} />
      </Notice>
    );
  }
  return (
    <>
      <Notice tone="info" title={t('referrals.consentCheck.notCovered')}>
        <ConsentStatusText check={check} />
        <p>
          {canOverride
            ? t('referrals.consentCheck.overrideIntro')
            : t('referrals.consentCheck.needSupervisor')}
        </p>
      </Notice>
      {canOverride ? (
        <TextAreaField
          id={FIELD_IDS.withoutConsentReason}
          label={t('referrals.consentCheck.reason')}
          hint={t('referrals.consentCheck.reasonHint')}
          value={reason}
          onValueChange={onReason}
          error={reasonError}
          maxLength={2000}
          rows={3}
        />
      ) : null}
    </>
  );
}

interface Props {
  caseId: string;
  open: boolean;
  onClose: () => void;
  onSent: (referral: ReferralDto) => void;
}

/**
 * The NRM refers the case: to whom, why, what they will see. The consent records are
 * checked before sending; without consent only a supervisor may send, with a written reason.
 */
export function ReferDialog({ caseId, open, onClose, onSent }: Props) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const store = useStoreReferral();
  const organisations = useAllOrganisations(open && hasPermission(me, 'organisations.read'));
  const canOverride = hasPermission(me, 'referrals.send_without_consent');
  const [organisationId, setOrganisationId] = useState('');
  const [purpose, setPurpose] = useState<ReferralPurpose | ''>('');
  const [message, setMessage] = useState('');
  const [sections, setSections] = useState<CaseSection[]>(DEFAULT_SECTIONS);
  const [reason, setReason] = useState('');
  const form = useFormErrors();
  const consent = useConsentCheck(caseId, open ? organisationId : '', purpose);
  const check = consent.data;
  const blocked = check !== undefined && !check.covered && !canOverride;

  const send = useMutation({
    mutationFn: () =>
      referralsApi.send(caseId, {
        organisationId,
        purpose: purpose as ReferralPurpose,
        message: message.trim(),
        sharedSections: sections,
        ...(check && !check.covered && canOverride ? { withoutConsentReason: reason.trim() } : {}),
      }),
    onSuccess: (referral) => {
      store(referral);
      reset();
      onSent(referral);
    },
    onError: (error) => {
      if (isApiError(error, 'CONSENT_REQUIRED')) {
        void queryClient.invalidateQueries({ queryKey: [REFERRALS_KEY, 'consent-check', caseId] });
      }
      form.show(
        apiErrorToFieldErrors(t, error, {
          form: 'referral',
          fields: ['organisationId', 'purpose', 'message', 'sharedSections', 'withoutConsentReason'],
          codeFields: {
            ORGANISATION_INVALID: 'organisationId',
            CONSENT_REQUIRED: 'withoutConsentReason',
          },
        }),
      );
    },
  });

  function reset(): void {
    setOrganisationId('');
    setPurpose('');
    setMessage('');
    setSections(DEFAULT_SECTIONS);
    setReason('');
    form.clear();
  }

  function close(): void {
    send.reset();
    form.clear();
    onClose();
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!organisationId)
      problems.push({ field: 'organisationId', message: t('referrals.refer.errors.organisation') });
    if (!purpose) problems.push({ field: 'purpose', message: t('referrals.refer.errors.purpose') });
    if (sections.length === 0)
      problems.push({ field: 'sharedSections', message: t('referrals.refer.errors.sections') });
    if (check && !check.covered && canOverride && !reason.trim()) {
      problems.push({ field: 'withoutConsentReason', message: t('referrals.refer.errors.reason') });
    }
    if (problems.length > 0) {
      form.show(problems);
      return;
    }
    form.clear();
    send.mutate();
  }

  const options = (organisations.data ?? [])
    .filter((org) => org.active && org.kind !== 'coordinator' && org.id !== me?.organisation.id)
    .map((org) => ({
      value: org.id,
      label: `${organisationName(org, i18n.language)} (${t(`organisationKinds.${org.kind}`)})`,
    }))
    .sort((a, b) => a.label.localeCompare(b.label, i18n.language));

  return (
    <Dialog open={open} onClose={close} title={t('referrals.refer.title')}>
      <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <div className="dialog__body">
          <SelectField
            id={FIELD_IDS.organisationId}
            label={t('referrals.refer.organisation')}
            hint={t('referrals.refer.organisationHint')}
            value={organisationId}
            onValueChange={setOrganisationId}
            error={form.errorFor('organisationId')}
            placeholderOption={
              organisations.isPending ? t('common.loading') : t('referrals.refer.chooseOrganisation')
            }
            options={options}
          />
          <SelectField
            id={FIELD_IDS.purpose}
            label={t('referrals.refer.purpose')}
            value={purpose}
            onValueChange={(value) => setPurpose(REFERRAL_PURPOSES.find((p) => p === value) ?? '')}
            error={form.errorFor('purpose')}
            placeholderOption={t('referrals.refer.choosePurpose')}
            options={REFERRAL_PURPOSES.map((value) => ({ value, label: t(`referrals.purposes.${value}`) }))}
          />
          <h3 className="heading-s">{t('referrals.consentCheck.title')}</h3>
          <ConsentPanel
            check={check}
            loading={consent.isFetching && !check}
            error={consent.error}
            canOverride={canOverride}
            reason={reason}
            onReason={setReason}
            reasonError={form.errorFor('withoutConsentReason')}
          />
          <TextAreaField
            id={FIELD_IDS.message}
            label={t('referrals.refer.message')}
            hint={t('referrals.refer.messageHint')}
            value={message}
            onValueChange={setMessage}
            error={form.errorFor('message')}
            maxLength={4000}
            rows={4}
          />
          <CheckboxGroup
            id={FIELD_IDS.sharedSections}
            name="refer-sections"
            legend={t('referrals.refer.sections')}
            hint={t('referrals.refer.sectionsHint')}
            small
            error={form.errorFor('sharedSections')}
            values={sections}
            onValuesChange={(values) => setSections(CASE_SECTIONS.filter((s) => values.includes(s)))}
            options={CASE_SECTIONS.map((value) => ({ value, label: t(`caseSections.${value}`) }))}
          />
        </div>
        <div className="button-group">
          {blocked ? null : (
            <button type="submit" className="button" disabled={send.isPending}>
              {check && !check.covered
                ? t('referrals.refer.submitWithoutConsent')
                : t('referrals.refer.submit')}
            </button>
          )}
          <button type="button" className="button button--secondary" onClick={close}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
