import type { Case } from '@opennrm/domain';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CheckboxField } from '../../components/checkbox-field';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField, TextAreaField } from '../../components/fields';
import { apiErrorToFieldErrors, type FieldError, useFormErrors } from '../../components/form-errors';
import { Ltr } from '../../components/ltr';
import { Notice } from '../../components/notice';
import { usePageTitle } from '../../components/page-title';
import { useDisplayNames } from '../../i18n/display-names';
import {
  EMPTY_PERSON,
  PERSON_PATH_FIELDS,
  type PersonDraft,
  toPersonInput,
  validatePerson,
} from './person-draft';
import { NameFields, NationalityField, PhoneField, personFieldIds } from './person-fields';
import { useCreateCase } from './use-create-case';

const PREFIX = 'call';
const FIELD_IDS = {
  ...personFieldIds(PREFIX),
  '': `${PREFIX}-nameLatin`,
  language: `${PREFIX}-language`,
  narrative: `${PREFIX}-narrative`,
};
const FIELDS = ['language', 'narrative'] as const;

function Confirmation({ created, onAnother }: { created: Case; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="confirmation" role="status">
      <h2 className="confirmation__title">{t('hotline.loggedTitle')}</h2>
      <p className="confirmation__reference">
        {t('hotline.reference')} <Ltr code>{created.reference}</Ltr>
      </p>
      <p>{t('hotline.loggedBody')}</p>
      <div className="button-group">
        <button type="button" className="button" onClick={onAnother}>
          {t('hotline.another')}
        </button>
        <Link to={`/cases/${created.id}`}>{t('intake.viewCase')}</Link>
      </div>
    </div>
  );
}

/** The 995 hotline's quick intake: the minimum to log a call, in under a minute. */
export function HotlinePage() {
  const { t } = useTranslation();
  const names = useDisplayNames();
  const [person, setPerson] = useState<PersonDraft>(EMPTY_PERSON);
  const [language, setLanguage] = useState('');
  const [narrative, setNarrative] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [created, setCreated] = useState<Case | null>(null);
  const form = useFormErrors();
  const create = useCreateCase(setCreated);
  usePageTitle(t('hotline.title'), form.errors.length > 0);
  const update = (patch: Partial<PersonDraft>) => setPerson((old) => ({ ...old, ...patch }));

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const problems: FieldError[] = validatePerson(person).map((p) => ({ ...p, message: t(p.message) }));
    if (problems.length > 0) {
      form.show(problems);
      return;
    }
    form.clear();
    const languages = language ? [language] : [];
    create.mutate(
      {
        intakeKind: 'hotline',
        channel: 'hotline',
        person: { ...toPersonInput({ ...person, languages }) },
        languages,
        narrative: narrative.trim() || null,
        ...(urgent ? { risk: 'urgent' as const } : {}),
      },
      {
        onError: (error) =>
          form.show(
            apiErrorToFieldErrors(t, error, {
              form: 'intake',
              fields: FIELDS,
              pathFields: PERSON_PATH_FIELDS,
            }),
          ),
      },
    );
  }

  function another(): void {
    setPerson(EMPTY_PERSON);
    setLanguage('');
    setNarrative('');
    setUrgent(false);
    setCreated(null);
    create.reset();
  }

  return (
    <div className="narrow-form">
      <span className="caption">{t('intake.title')}</span>
      <h1 className="heading-xl">{t('hotline.title')}</h1>
      {created ? (
        <Confirmation created={created} onAnother={another} />
      ) : (
        <>
          <p className="lead">{t('hotline.intro')}</p>
          <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} summaryRef={form.summaryRef} />
          <form onSubmit={onSubmit} noValidate>
            <NameFields idPrefix={PREFIX} draft={person} update={update} errorFor={form.errorFor} />
            <PhoneField idPrefix={PREFIX} draft={person} update={update} errorFor={form.errorFor} />
            <NationalityField idPrefix={PREFIX} draft={person} update={update} errorFor={form.errorFor} />
            <SelectField
              id={`${PREFIX}-language`}
              label={t('hotline.language')}
              value={language}
              onValueChange={setLanguage}
              error={form.errorFor('language')}
              placeholderOption={t('common.chooseLanguage')}
              options={names.languageOptions}
            />
            <TextAreaField
              id={`${PREFIX}-narrative`}
              label={t('hotline.narrative')}
              hint={t('hotline.narrativeHint')}
              value={narrative}
              onValueChange={setNarrative}
              error={form.errorFor('narrative')}
              maxLength={20_000}
            />
            <CheckboxField
              id={`${PREFIX}-urgent`}
              label={t('hotline.urgent')}
              checked={urgent}
              onCheckedChange={setUrgent}
            />
            {urgent ? <Notice tone="info" title={t('hotline.urgentNote')} /> : null}
            <button type="submit" className="button" disabled={create.isPending}>
              {t('hotline.submit')}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
