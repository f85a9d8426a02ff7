import { ConsentMethod, type ConsentPurpose, type ConsentStatus, OrganisationKind } from '@opennrm/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllOrganisations } from '../../../api/admin';
import { useSession } from '../../../api/auth';
import { CASES_KEY, type ConsentCreateBody, casesApi } from '../../../api/cases';
import { RadioGroup } from '../../../components/choice-fields';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextField } from '../../../components/fields';
import { apiErrorToFieldErrors, type FieldError, useFormErrors } from '../../../components/form-errors';
import { organisationName } from '../../../components/organisation-labels';
import { hasPermission } from '../../../lib/permissions';

const PURPOSES: readonly ConsentPurpose[] = [
  'statistics',
  'shelter',
  'embassy_contact',
  'share_with_organisation_kind',
  'share_with_organisation',
];
const STATUSES: readonly ConsentStatus[] = ['given', 'refused', 'withdrawn'];
type Row = { status: ConsentStatus | ''; target: string };
const EMPTY_ROWS = Object.fromEntries(PURPOSES.map((p) => [p, { status: '', target: '' }])) as Record<
  ConsentPurpose,
  Row
>;

interface Props {
  caseId: string;
  minor: boolean;
  onSaved: (count: number) => void;
  submitLabel?: string;
}

/**
 * Records the person's answers for each purpose at once: given, refused or withdrawn, how
 * it was recorded, and for a minor, who gave it. Purposes left unanswered are not recorded.
 */
export function ConsentRecorder({ caseId, minor, onSaved, submitLabel }: Props) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const organisations = useAllOrganisations(hasPermission(me, 'organisations.read'));
  const [rows, setRows] = useState(EMPTY_ROWS);
  const [method, setMethod] = useState('');
  const [givenBy, setGivenBy] = useState<'person' | 'guardian'>(minor ? 'guardian' : 'person');
  const [guardianName, setGuardianName] = useState('');
  const form = useFormErrors();
  const chosen = PURPOSES.filter((p) => rows[p].status !== '');
  const setRow = (purpose: ConsentPurpose, patch: Partial<Row>) =>
    setRows((old) => ({ ...old, [purpose]: { ...old[purpose], ...patch } }));

  const record = useMutation({
    mutationFn: async (purposes: readonly ConsentPurpose[]) => {
      for (const purpose of purposes) {
        const row = rows[purpose];
        const body: ConsentCreateBody = {
          purpose,
          status: row.status as ConsentStatus,
          method: method as ConsentMethod,
          givenBy,
          guardianName: givenBy === 'guardian' ? guardianName.trim() : null,
          ...(purpose === 'share_with_organisation' ? { organisationId: row.target } : {}),
          ...(purpose === 'share_with_organisation_kind'
            ? { organisationKind: row.target as OrganisationKind }
            : {}),
        };
        const result = await casesApi.recordConsent(caseId, body);
        queryClient.setQueryData([CASES_KEY, 'consents', caseId], result);
        // Recorded: clear the row, so a retry after a later failure does not record it twice.
        setRow(purpose, { status: '', target: '' });
      }
      return purposes.length;
    },
    onSuccess: (count) => {
      void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'timeline', caseId] });
      onSaved(count);
    },
    onError: (error) =>
      form.show(apiErrorToFieldErrors(t, error, { form: 'consent', fields: ['method', 'guardianName'] })),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (chosen.length === 0) problems.push({ field: 'statistics', message: t('consents.errors.none') });
    for (const purpose of chosen) {
      if (
        (purpose === 'share_with_organisation' || purpose === 'share_with_organisation_kind') &&
        !rows[purpose].target
      ) {
        problems.push({ field: `${purpose}-target`, message: t(`consents.errors.${purpose}`) });
      }
    }
    if (chosen.length > 0 && !method)
      problems.push({ field: 'method', message: t('consents.errors.method') });
    if (givenBy === 'guardian' && !guardianName.trim()) {
      problems.push({ field: 'guardianName', message: t('consents.errors.guardianName') });
    }
    if (problems.length > 0) {
      form.show(problems);
      return;
    }
    form.clear();
    record.mutate(chosen);
  }

  const fieldIds: Record<string, string> = {
    method: 'consent-method',
    guardianName: 'consent-guardian-name',
    '': 'consent-statistics',
    ...Object.fromEntries(
      PURPOSES.flatMap((p) => [
        [p, `consent-${p}`],
        [`${p}-target`, `consent-${p}-target`],
      ]),
    ),
  };
  const statusOptions = [
    ...STATUSES.map((value) => ({ value, label: t(`consentStatuses.${value}`) })),
    { value: '', label: t('consents.notAsked') },
  ];
  return (
    <div className="edit-panel">
      <ErrorSummary errors={form.errors} fieldIds={fieldIds} summaryRef={form.summaryRef} />
      <form onSubmit={onSubmit} noValidate>
        {PURPOSES.map((purpose) => (
          <div className="consent-row" key={purpose}>
            <RadioGroup
              id={`consent-${purpose}`}
              name={`consent-${purpose}`}
              legend={t(`consentPurposes.${purpose}`)}
              hint={t(`consents.hints.${purpose}`)}
              small
              inline
              error={form.errorFor(purpose)}
              value={rows[purpose].status}
              onValueChange={(status) =>
                setRow(purpose, { status: STATUSES.find((s) => s === status) ?? '' })
              }
              options={statusOptions}
            />
            {purpose === 'share_with_organisation_kind' && rows[purpose].status ? (
              <SelectField
                id={`consent-${purpose}-target`}
                label={t('consents.organisationKind')}
                value={rows[purpose].target}
                onValueChange={(target) => setRow(purpose, { target })}
                error={form.errorFor(`${purpose}-target`)}
                placeholderOption={t('consents.chooseKind')}
                options={OrganisationKind.options.map((value) => ({
                  value,
                  label: t(`organisationKinds.${value}`),
                }))}
              />
            ) : null}
            {purpose === 'share_with_organisation' && rows[purpose].status ? (
              <SelectField
                id={`consent-${purpose}-target`}
                label={t('consents.organisation')}
                value={rows[purpose].target}
                onValueChange={(target) => setRow(purpose, { target })}
                error={form.errorFor(`${purpose}-target`)}
                placeholderOption={t('consents.chooseOrganisation')}
                options={(organisations.data ?? [])
                  .filter((org) => org.active)
                  .map((org) => ({ value: org.id, label: organisationName(org, i18n.language) }))}
              />
            ) : null}
          </div>
        ))}
        <SelectField
          id="consent-method"
          label={t('consents.method')}
          value={method}
          onValueChange={setMethod}
          error={form.errorFor('method')}
          placeholderOption={t('consents.chooseMethod')}
          options={ConsentMethod.options.map((value) => ({ value, label: t(`consentMethods.${value}`) }))}
        />
        {minor ? (
          <>
            <RadioGroup
              id="consent-given-by"
              name="consent-given-by"
              legend={t('consents.givenBy')}
              hint={t('consents.minorHint')}
              small
              value={givenBy}
              onValueChange={(value) => setGivenBy(value === 'person' ? 'person' : 'guardian')}
              options={[
                { value: 'guardian', label: t('consents.givenByGuardian') },
                { value: 'person', label: t('consents.givenByPerson') },
              ]}
            />
            {givenBy === 'guardian' ? (
              <TextField
                id="consent-guardian-name"
                label={t('consents.guardianName')}
                hint={t('consents.guardianNameHint')}
                value={guardianName}
                onValueChange={setGuardianName}
                error={form.errorFor('guardianName')}
                width="full"
                maxLength={200}
              />
            ) : null}
          </>
        ) : null}
        <button type="submit" className="button" disabled={record.isPending}>
          {submitLabel ?? t('consents.submit')}
        </button>
      </form>
    </div>
  );
}
