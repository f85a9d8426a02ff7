import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/fields';
import { Notice } from '../../components/notice';
import { useDisplayNames } from '../../i18n/display-names';
import { toPersonInput } from './person-draft';
import { NameFields, NationalityField, PhoneField, personFieldIds } from './person-fields';
import { NarrativeAndUrgent, QuickIntakePage, useQuickIntake } from './quick-intake';

const PREFIX = 'call';
const FIELD_IDS = {
  ...personFieldIds(PREFIX),
  '': `${PREFIX}-nameLatin`,
  language: `${PREFIX}-language`,
  narrative: `${PREFIX}-narrative`,
};
const FIELDS = ['language', 'narrative'] as const;

/** The 995 hotline's quick intake: the minimum to log a call, in under a minute. */
export function HotlinePage() {
  const { t } = useTranslation();
  const names = useDisplayNames();
  const intake = useQuickIntake(t('hotline.title'), FIELDS);
  const { person, update, form, create } = intake;
  const [language, setLanguage] = useState('');
  const [narrative, setNarrative] = useState('');
  const [urgent, setUrgent] = useState(false);

  function onSubmit(): void {
    intake.send(intake.personProblems(), () => {
      const languages = language ? [language] : [];
      return {
        intakeKind: 'hotline',
        channel: 'hotline',
        person: { ...toPersonInput({ ...person, languages }) },
        languages,
        narrative: narrative.trim() || null,
        ...(urgent ? { risk: 'urgent' as const } : {}),
      };
    });
  }

  function another(): void {
    intake.restart();
    setLanguage('');
    setNarrative('');
    setUrgent(false);
  }

  return (
    <QuickIntakePage
      intake={intake}
      texts={{ page: 'hotline', doneTitle: t('hotline.loggedTitle'), doneBody: t('hotline.loggedBody') }}
      fieldIds={FIELD_IDS}
      onSubmit={onSubmit}
      onAnother={another}
    >
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
      <NarrativeAndUrgent
        idPrefix={PREFIX}
        texts="hotline"
        narrative={narrative}
        onNarrative={setNarrative}
        error={form.errorFor('narrative')}
        urgent={urgent}
        onUrgent={setUrgent}
      />
      {urgent ? <Notice tone="info" title={t('hotline.urgentNote')} /> : null}
      <button type="submit" className="button" disabled={create.isPending}>
        {t('hotline.submit')}
      </button>
    </QuickIntakePage>
  );
}
