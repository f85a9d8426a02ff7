import { type Case, IntakeChannel, type Organisation } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../components/checkbox-field';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { LanguagesField } from '../../components/languages-field';
import { organisationName } from '../../components/organisation-labels';

export interface CaseDetailsDraft {
  channel: IntakeChannel;
  referredByOrganisationId: string;
  referredByName: string;
  /** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input holds it. */
  receivedAt: string;
  languages: string[];
  interpreterUsed: boolean;
  narrative: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A date as a datetime-local input shows it, in the browser's time zone. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function newCaseDetails(languages: string[] = []): CaseDetailsDraft {
  return {
    channel: 'walk_in',
    referredByOrganisationId: '',
    referredByName: '',
    receivedAt: toLocalInput(new Date()),
    languages,
    interpreterUsed: false,
    narrative: '',
  };
}

export function caseDetailsOf(found: Case): CaseDetailsDraft {
  return {
    channel: found.channel,
    referredByOrganisationId: found.referredByOrganisation?.id ?? '',
    referredByName: found.referredByName ?? '',
    receivedAt: toLocalInput(new Date(found.receivedAt)),
    languages: found.languages,
    interpreterUsed: found.interpreterUsed,
    narrative: found.narrative ?? '',
  };
}

/** The details as the API takes them (create or update). */
export function toCaseDetails(draft: CaseDetailsDraft) {
  const received = new Date(draft.receivedAt);
  return {
    channel: draft.channel,
    referredByOrganisationId: draft.referredByOrganisationId || null,
    referredByName: draft.referredByName.trim() || null,
    ...(Number.isNaN(received.getTime()) ? {} : { receivedAt: received.toISOString() }),
    languages: draft.languages,
    interpreterUsed: draft.interpreterUsed,
    narrative: draft.narrative.trim() || null,
  };
}

export function validateCaseDetails(draft: CaseDetailsDraft) {
  const problems: { field: string; message: string }[] = [];
  const received = new Date(draft.receivedAt);
  if (!draft.receivedAt || Number.isNaN(received.getTime())) {
    problems.push({ field: 'receivedAt', message: 'caseDetails.errors.receivedAt' });
  } else if (received.getTime() > Date.now() + 5 * 60_000) {
    problems.push({ field: 'receivedAt', message: 'caseDetails.errors.receivedAtFuture' });
  }
  return problems;
}

export const CASE_DETAILS_FIELDS = [
  'channel',
  'referredByOrganisationId',
  'referredByName',
  'receivedAt',
  'languages',
  'interpreterUsed',
  'narrative',
];

export function caseDetailsFieldIds(prefix: string): Record<string, string> {
  return Object.fromEntries(CASE_DETAILS_FIELDS.map((field) => [field, `${prefix}-${field}`]));
}

interface Props {
  idPrefix: string;
  draft: CaseDetailsDraft;
  update: (patch: Partial<CaseDetailsDraft>) => void;
  errorFor: (field: string) => string | undefined;
  organisations: readonly Organisation[];
}

/** How the case reached the NRM, and what the person said. */
export function CaseDetailsFields({ idPrefix, draft, update, errorFor, organisations }: Props) {
  const { t, i18n } = useTranslation();
  const id = (field: string) => `${idPrefix}-${field}`;
  return (
    <>
      <SelectField
        id={id('channel')}
        label={t('caseDetails.channel')}
        value={draft.channel}
        onValueChange={(value) =>
          update({ channel: IntakeChannel.options.find((o) => o === value) ?? 'walk_in' })
        }
        error={errorFor('channel')}
        options={IntakeChannel.options.map((value) => ({ value, label: t(`intakeChannels.${value}`) }))}
      />
      {organisations.length > 0 ? (
        <SelectField
          id={id('referredByOrganisationId')}
          label={t('caseDetails.referredByOrganisation')}
          value={draft.referredByOrganisationId}
          onValueChange={(referredByOrganisationId) => update({ referredByOrganisationId })}
          error={errorFor('referredByOrganisationId')}
          placeholderOption={t('caseDetails.noOrganisation')}
          options={organisations
            .filter((org) => org.active || org.id === draft.referredByOrganisationId)
            .map((org) => ({ value: org.id, label: organisationName(org, i18n.language) }))}
        />
      ) : null}
      <TextField
        id={id('referredByName')}
        label={t('caseDetails.referredByName')}
        hint={t('caseDetails.referredByNameHint')}
        value={draft.referredByName}
        onValueChange={(referredByName) => update({ referredByName })}
        error={errorFor('referredByName')}
        width="full"
        maxLength={200}
      />
      <TextField
        id={id('receivedAt')}
        type="datetime-local"
        label={t('caseDetails.receivedAt')}
        value={draft.receivedAt}
        onValueChange={(receivedAt) => update({ receivedAt })}
        error={errorFor('receivedAt')}
      />
      <LanguagesField
        id={id('languages')}
        label={t('caseDetails.languages')}
        hint={t('caseDetails.languagesHint')}
        values={draft.languages}
        onValuesChange={(languages) => update({ languages })}
        error={errorFor('languages')}
      />
      <CheckboxField
        id={id('interpreterUsed')}
        label={t('caseDetails.interpreterUsed')}
        checked={draft.interpreterUsed}
        onCheckedChange={(interpreterUsed) => update({ interpreterUsed })}
      />
      <TextAreaField
        id={id('narrative')}
        label={t('caseDetails.narrative')}
        hint={t('caseDetails.narrativeHint')}
        value={draft.narrative}
        onValueChange={(narrative) => update({ narrative })}
        error={errorFor('narrative')}
        rows={8}
        maxLength={20_000}
      />
    </>
  );
}
