import { localize } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { useCaseReferrals } from '../../api/referrals';
import { useCaseTasks } from '../../api/workflow';
import type { Option } from '../../components/fields';
import { useDisplayNames } from '../../i18n/display-names';
import { useOrganisationLabel } from '../referrals';

/**
 * What a document may be linked to: the case's referrals and tasks (as far as the reader
 * sees them), and the organisations the case was referred to, with whom it may be shared.
 */
export function useCaseLinks(caseId: string, enabled = true) {
  const { t, i18n } = useTranslation();
  const referrals = useCaseReferrals(caseId, enabled);
  const tasks = useCaseTasks(caseId, enabled);
  const organisationLabel = useOrganisationLabel();
  const referralItems = referrals.data?.items ?? [];
  const referralOptions: Option[] = referralItems.map((r) => ({
    value: r.id,
    label: t('documents.links.referralOption', {
      organisation: organisationLabel(r.organisationId, r.organisationName),
      purpose: t(`referrals.purposes.${r.purpose}`),
    }),
  }));
  const taskOptions: Option[] = (tasks.data?.items ?? []).map((task) => ({
    value: task.id,
    label: localize(task.title, i18n.language),
  }));
  const organisations = new Map<string, { id: string; label: string; revoked: boolean }>();
  for (const r of referralItems) {
    const known = organisations.get(r.organisationId);
    const revoked = r.status === 'revoked' || r.status === 'declined';
    organisations.set(r.organisationId, {
      id: r.organisationId,
      label: organisationLabel(r.organisationId, r.organisationName),
      revoked: known ? known.revoked && revoked : revoked,
    });
  }
  return {
    /** The referrals are read (until then, organisations have no names here). */
    loaded: referrals.isSuccess,
    referralOptions,
    taskOptions,
    organisations: [...organisations.values()],
    referralLabel: (id: string | null) => referralOptions.find((o) => o.value === id)?.label ?? null,
    taskLabel: (id: string | null) => taskOptions.find((o) => o.value === id)?.label ?? null,
    organisationName: (id: string) => organisations.get(id)?.label ?? null,
  };
}

/** The languages a document may be written in, named in the UI language. */
export function useLanguageOptions(): Option[] {
  return useDisplayNames().languageOptions;
}
