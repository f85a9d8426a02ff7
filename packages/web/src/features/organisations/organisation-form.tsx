import { ORGANISATION_KINDS, type OrganisationKind } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField, TextField } from '../../components/fields';
import type { FieldError } from '../../components/form-errors';
import { useRecordForm } from '../../components/use-record-form';

export interface OrganisationValues {
  name: string;
  nameAr: string;
  kind: OrganisationKind | '';
  countryCode: string;
}

const FIELDS = ['name', 'nameAr', 'kind', 'countryCode'] as const;
const FIELD_IDS = {
  '': 'org-name',
  name: 'org-name',
  nameAr: 'org-name-ar',
  kind: 'org-kind',
  countryCode: 'org-country',
};

interface Props {
  mode: 'create' | 'edit';
  initial: OrganisationValues;
  submit: (values: OrganisationValues) => Promise<unknown>;
  onSaved: (values: OrganisationValues) => void;
  onErrorsChange: (hasErrors: boolean) => void;
}

function validate(values: OrganisationValues, mode: Props['mode']): FieldError[] {
  const problems: FieldError[] = [];
  const name = values.name.trim();
  if (!name) problems.push({ field: 'name', message: 'forms.organisation.errors.name.required' });
  else if (name.length < 2)
    problems.push({ field: 'name', message: 'forms.organisation.errors.name.too_small' });
  const nameAr = values.nameAr.trim();
  if (nameAr && nameAr.length < 2) {
    problems.push({ field: 'nameAr', message: 'forms.organisation.errors.nameAr.too_small' });
  }
  if (mode === 'create' && !values.kind) {
    problems.push({ field: 'kind', message: 'forms.organisation.errors.kind.required' });
  }
  const country = values.countryCode.trim();
  if (values.kind === 'embassy' && !country) {
    problems.push({ field: 'countryCode', message: 'validation.embassyNeedsCountry' });
  } else if (country && !/^[A-Za-z]{2}$/.test(country)) {
    problems.push({ field: 'countryCode', message: 'forms.organisation.errors.countryCode.invalid' });
  }
  return problems;
}

/** Name in both scripts, kind, and (for an embassy) the country it represents. */
export function OrganisationForm({ mode, initial, submit, onSaved, onErrorsChange }: Props) {
  const { t } = useTranslation();
  const { values, set, form, save, onSubmit } = useRecordForm({
    initial,
    validate: (v) => validate(v, mode),
    submit,
    onSaved,
    onErrorsChange,
    mapping: { form: 'organisation', fields: FIELDS, codeFields: { ORGANISATION_NAME_TAKEN: 'name' } },
  });
  const showCountry = values.kind === 'embassy' || initial.countryCode !== '';

  return (
    <>
      <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} summaryRef={form.summaryRef} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          id="org-name"
          label={t('organisations.nameEn')}
          value={values.name}
          onValueChange={set('name')}
          error={form.errorFor('name')}
          lang="en"
          dir="ltr"
          width="full"
          maxLength={200}
        />
        <TextField
          id="org-name-ar"
          label={t('organisations.nameAr')}
          hint={t('organisations.nameArHint')}
          value={values.nameAr}
          onValueChange={set('nameAr')}
          error={form.errorFor('nameAr')}
          lang="ar"
          dir="rtl"
          width="full"
          maxLength={200}
        />
        {mode === 'create' ? (
          <SelectField
            id="org-kind"
            label={t('organisations.kind')}
            hint={t('organisations.kindHint')}
            value={values.kind}
            onValueChange={set('kind')}
            error={form.errorFor('kind')}
            placeholderOption={t('organisations.chooseKind')}
            options={ORGANISATION_KINDS.map((kind) => ({
              value: kind,
              label: t(`organisationKinds.${kind}`),
            }))}
          />
        ) : null}
        {showCountry ? (
          <TextField
            id="org-country"
            label={t('organisations.countryCode')}
            hint={t('organisations.countryCodeHint')}
            value={values.countryCode}
            onValueChange={(value) => set('countryCode')(value.toUpperCase())}
            error={form.errorFor('countryCode')}
            dir="ltr"
            width="short"
            maxLength={2}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
          />
        ) : null}
        <button type="submit" className="button" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </form>
    </>
  );
}
