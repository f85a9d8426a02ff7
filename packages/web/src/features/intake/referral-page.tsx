import type { IloIndicator, IntakeChannel, OrganisationKind } from '@opennrm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllOrganisations } from '../../api/admin';
import { useSession } from '../../api/auth';
import { SelectField, TextField } from '../../components/fields';
import { organisationName } from '../../components/organisation-labels';
import { useDisplayNames } from '../../i18n/display-names';
import { hasPermission } from '../../lib/permissions';
import { IloChecklist } from './ilo-checklist';
import { toPersonInput } from './person-draft';
import { BirthFields, NameFields, NationalityField, PhoneField, personFieldIds } from './person-fields';
import { NarrativeAndUrgent, QuickIntakePage, useQuickIntake } from './quick-intake';

const PREFIX = 'ref';
const REFERRAL_CHANNELS: readonly IntakeChannel[] = [
  'labour_inspection',
  'police',
  'health',
  'airport',
  'embassy',
  'ngo',
  'other',
];
const CHANNEL_OF_KIND: Partial<Record<OrganisationKind, IntakeChannel>> = {
  labour_inspection: 'labour_inspection',
  police: 'police',
  health: 'health',
  embassy: 'embassy',
  international_organisation: 'ngo',
};
const FIELDS = ['channel', 'referredByOrganisationId', 'referredByName', 'reportedIndicators', 'narrative'];
const FIELD_IDS = {
  ...personFieldIds(PREFIX),
  '': `${PREFIX}-nameLatin`,
  channel: `${PREFIX}-channel`,
  referredByOrganisationId: `${PREFIX}-organisation`,
  referredByName: `${PREFIX}-referredByName`,
  language: `${PREFIX}-language`,
  reportedIndicators: `${PREFIX}-indicators`,
  narrative: `${PREFIX}-narrative`,
};

/** A partner organisation (labour inspector, health centre, airport) refers a person to the NRM. */
export function ReferralPage() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const names = useDisplayNames();
  const nrm = hasPermission(me, 'cases.manage');
  const organisations = useAllOrganisations(nrm && hasPermission(me, 'organisations.read'));
  const intake = useQuickIntake(t('referral.title'), FIELDS);
  const { person, update, form, create } = intake;
  const [language, setLanguage] = useState('');
  const [channel, setChannel] = useState<string>((me && CHANNEL_OF_KIND[me.organisation.kind]) ?? '');
  const [organisationId, setOrganisationId] = useState('');
  const [referredByName, setReferredByName] = useState(me?.displayName ?? '');
  const [indicators, setIndicators] = useState<IloIndicator[]>([]);
  const [narrative, setNarrative] = useState('');
  const [urgent, setUrgent] = useState(false);

  function onSubmit(): void {
    const problems = intake.personProblems();
    if (!channel) problems.push({ field: 'channel', message: t('referral.errors.channel') });
    if (!narrative.trim() && indicators.length === 0) {
      problems.push({ field: 'narrative', message: t('referral.errors.narrative') });
    }
    intake.send(problems, () => {
      const languages = language ? [language] : [];
      return {
        intakeKind: 'first_responder',
        channel: channel as IntakeChannel,
        person: toPersonInput({ ...person, languages }),
        languages,
        referredByOrganisationId: organisationId || null,
        referredByName: referredByName.trim() || null,
        reportedIndicators: indicators,
        narrative: narrative.trim() || null,
        ...(urgent ? { risk: 'urgent' as const } : {}),
      };
    });
  }

  function another(): void {
    intake.restart();
    setLanguage('');
    setIndicators([]);
    setNarrative('');
    setUrgent(false);
  }

  const props = { idPrefix: PREFIX, draft: person, update, errorFor: form.errorFor };
  return (
    <QuickIntakePage
      intake={intake}
      texts={{ page: 'referral', doneTitle: t('referral.sentTitle'), doneBody: t('referral.sentBody') }}
      fieldIds={FIELD_IDS}
      onSubmit={onSubmit}
      onAnother={another}
    >
      <h2 className="heading-m">{t('referral.personTitle')}</h2>
      <NameFields {...props} />
      <BirthFields {...props} />
      <NationalityField {...props} />
      <SelectField
        id={`${PREFIX}-language`}
        label={t('hotline.language')}
        value={language}
        onValueChange={setLanguage}
        placeholderOption={t('common.chooseLanguage')}
        options={names.languageOptions}
      />
      <PhoneField {...props} />
      <h2 className="heading-m">{t('referral.whatTitle')}</h2>
      <IloChecklist id={`${PREFIX}-indicators`} values={indicators} onValuesChange={setIndicators} />
      <NarrativeAndUrgent
        idPrefix={PREFIX}
        texts="referral"
        rows={6}
        narrative={narrative}
        onNarrative={setNarrative}
        error={form.errorFor('narrative')}
        urgent={urgent}
        onUrgent={setUrgent}
      />
      <h2 className="heading-m">{t('referral.byTitle')}</h2>
      <SelectField
        id={`${PREFIX}-channel`}
        label={t('referral.channel')}
        value={channel}
        onValueChange={setChannel}
        error={form.errorFor('channel')}
        placeholderOption={t('referral.chooseChannel')}
        options={REFERRAL_CHANNELS.map((value) => ({ value, label: t(`intakeChannels.${value}`) }))}
      />
      {nrm && organisations.data ? (
        <SelectField
          id={`${PREFIX}-organisation`}
          label={t('caseDetails.referredByOrganisation')}
          value={organisationId}
          onValueChange={setOrganisationId}
          error={form.errorFor('referredByOrganisationId')}
          placeholderOption={t('caseDetails.noOrganisation')}
          options={organisations.data.map((org) => ({
            value: org.id,
            label: organisationName(org, i18n.language),
          }))}
        />
      ) : null}
      <TextField
        id={`${PREFIX}-referredByName`}
        label={t('referral.referredByName')}
        hint={t('referral.referredByNameHint')}
        value={referredByName}
        onValueChange={setReferredByName}
        error={form.errorFor('referredByName')}
        width="full"
        maxLength={200}
      />
      <button type="submit" className="button" disabled={create.isPending}>
        {t('referral.submit')}
      </button>
    </QuickIntakePage>
  );
}
