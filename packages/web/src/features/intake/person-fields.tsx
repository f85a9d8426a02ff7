import { Sex } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/fields';
import { useDisplayNames } from '../../i18n/display-names';
import type { PersonDraft } from './person-draft';

export interface PersonFieldProps {
  /** Prefix of the input ids, unique on the page. */
  idPrefix: string;
  draft: PersonDraft;
  update: (patch: Partial<PersonDraft>) => void;
  errorFor: (field: string) => string | undefined;
}

/** The person's fields that a server error can name, as in the intake form. */
export const PERSON_FIELDS = [
  'nameLatin',
  'nameArabic',
  'aliases',
  'sex',
  'dateOfBirth',
  'estimatedBirthYear',
  'nationality',
  'languages',
  'phone',
];

/** Input ids of the person fields, for the error summary's links. */
export function personFieldIds(prefix: string): Record<string, string> {
  const fields = [...PERSON_FIELDS, 'workPermitType', 'vulnerabilities', 'documents'];
  return Object.fromEntries(fields.map((field) => [field, `${prefix}-${field}`]));
}

/** The name in each script; either is enough. Each input keeps its own direction. */
export function NameFields({ idPrefix, draft, update, errorFor }: PersonFieldProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        id={`${idPrefix}-nameLatin`}
        label={t('person.nameLatin')}
        hint={t('person.nameLatinHint')}
        value={draft.nameLatin}
        onValueChange={(nameLatin) => update({ nameLatin })}
        error={errorFor('nameLatin')}
        autoComplete="off"
        spellCheck={false}
        dir="ltr"
        lang="und-Latn"
        width="full"
        maxLength={200}
      />
      <TextField
        id={`${idPrefix}-nameArabic`}
        label={t('person.nameArabic')}
        hint={t('person.nameArabicHint')}
        value={draft.nameArabic}
        onValueChange={(nameArabic) => update({ nameArabic })}
        error={errorFor('nameArabic')}
        autoComplete="off"
        spellCheck={false}
        dir="rtl"
        lang="ar"
        width="full"
        maxLength={200}
      />
    </>
  );
}

export function NationalityField({ idPrefix, draft, update, errorFor }: PersonFieldProps) {
  const { t } = useTranslation();
  const names = useDisplayNames();
  return (
    <SelectField
      id={`${idPrefix}-nationality`}
      label={t('person.nationality')}
      value={draft.nationality}
      onValueChange={(nationality) => update({ nationality })}
      error={errorFor('nationality')}
      placeholderOption={t('person.chooseNationality')}
      options={names.countryOptions}
    />
  );
}

export function PhoneField({ idPrefix, draft, update, errorFor }: PersonFieldProps) {
  const { t } = useTranslation();
  return (
    <TextField
      id={`${idPrefix}-phone`}
      type="tel"
      label={t('person.phone')}
      hint={t('person.phoneHint')}
      value={draft.phone}
      onValueChange={(phone) => update({ phone })}
      error={errorFor('phone')}
      autoComplete="off"
      inputMode="tel"
      dir="ltr"
      maxLength={40}
    />
  );
}

/** Sex, and the date of birth or, when the person does not know it, the year they were born. */
export function BirthFields({ idPrefix, draft, update, errorFor }: PersonFieldProps) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        id={`${idPrefix}-sex`}
        label={t('person.sex')}
        value={draft.sex}
        onValueChange={(sex) => update({ sex: Sex.options.find((s) => s === sex) ?? '' })}
        error={errorFor('sex')}
        placeholderOption={t('person.chooseSex')}
        options={Sex.options.map((value) => ({ value, label: t(`sexes.${value}`) }))}
      />
      <div className="field-row">
        <TextField
          id={`${idPrefix}-dateOfBirth`}
          type="date"
          label={t('person.dateOfBirth')}
          value={draft.dateOfBirth}
          onValueChange={(dateOfBirth) => update({ dateOfBirth })}
          error={errorFor('dateOfBirth')}
          width="short"
        />
        <TextField
          id={`${idPrefix}-estimatedBirthYear`}
          label={t('person.estimatedBirthYear')}
          hint={t('person.estimatedBirthYearHint')}
          value={draft.estimatedBirthYear}
          onValueChange={(estimatedBirthYear) => update({ estimatedBirthYear })}
          error={errorFor('estimatedBirthYear')}
          inputMode="numeric"
          autoComplete="off"
          dir="ltr"
          width="short"
          maxLength={4}
          disabled={draft.dateOfBirth !== ''}
        />
      </div>
    </>
  );
}
