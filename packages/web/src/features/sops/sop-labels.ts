import {
  type LocalizedText,
  localize,
  RiskLevel,
  type SopDocument,
  type SopDuration,
  type SopFollowUp,
  type SopReferral,
  type StageCondition,
  type TaskDeadline,
  type TaskOwner,
} from '@opennrm/domain';
import type { TFunction } from 'i18next';
import { intlTag } from '../../i18n/format';
import type { DiffStep, JsonPath } from './sop-json';

/** A text of the SOP in the reader's language, English when it has none. */
export function localText(text: LocalizedText | undefined, language: string): string {
  return text ? localize(text, language) : '';
}

/** "1 business day (Urgent risk: 2 hours, High risk: 2 hours)": with the deadlines per risk level, most urgent first. */
export function durationText(
  t: TFunction,
  duration: Pick<SopDuration, 'amount' | 'unit' | 'byRisk'>,
): string {
  const general = t(`sops.duration.${duration.unit}`, { count: duration.amount });
  const levels = RiskLevel.options.flatMap((risk) => {
    const own = duration.byRisk?.[risk];
    if (!own) return [];
    const text = t(`sops.duration.${own.unit}`, { count: own.amount });
    return [t('sops.riskDuration', { risk: t(`riskLevels.${risk}`), duration: text })];
  });
  if (levels.length === 0) return general;
  return t('sops.durationByRisk', { duration: general, levels: levels.join(t('sops.riskSeparator')) });
}

export function followUpText(t: TFunction, followUp: SopFollowUp): string {
  return t('sops.followUps.after', {
    duration: t(`sops.duration.${followUp.after.unit}`, { count: followUp.after.amount }),
  });
}

/** "Grievance: Grievances", or the referral's own title when it has one. */
export function referralName(t: TFunction, referral: SopReferral, language: string): string {
  if (referral.title) return localText(referral.title, language);
  const purpose = t(`referrals.purposes.${referral.purpose}`);
  const kind = t(`organisationKinds.${referral.organisationKind}`);
  // "Labour inspection" to the labour inspection says it once.
  return purpose === kind ? purpose : t('sops.referralName', { purpose, kind });
}

/** "2 business days after the referral “Grievance: Grievances” is sent". */
export function deadlineText(
  t: TFunction,
  deadline: TaskDeadline,
  sop: SopDocument,
  language: string,
): string {
  const referral = deadline.referral
    ? sop.stages.flatMap((stage) => stage.referrals).find((r) => r.id === deadline.referral)
    : undefined;
  return t(`sops.deadlineFrom.${deadline.from}`, {
    duration: durationText(t, deadline),
    referral: referral ? referralName(t, referral, language) : (deadline.referral ?? ''),
  });
}

export function ownerText(t: TFunction, owner: TaskOwner): string {
  return 'role' in owner
    ? t('sops.owner.role', { role: t(`roles.${owner.role}`) })
    : t('sops.owner.organisationKind', { kind: t(`organisationKinds.${owner.organisationKind}`) });
}

function consentText(t: TFunction, ref: { purpose: string; organisationKind?: string }): string {
  const purpose = t(`consentPurposes.${ref.purpose}`);
  return ref.organisationKind
    ? t('sops.conditions.consentFor', { purpose, kind: t(`organisationKinds.${ref.organisationKind}`) })
    : purpose;
}

export function consentPurposeText(t: TFunction, ref: { purpose: string; organisationKind?: string }) {
  return consentText(t, ref);
}

/** Sub-types as a list in the reader's language. */
export function subtypeList(t: TFunction, subtypes: readonly string[]): string {
  return subtypes.map((s) => t(`caseSubtypes.${s}`)).join(t('sops.listSeparator'));
}

/** A condition in words: "the risk is High or higher and a case manager is assigned". */
export function conditionText(t: TFunction, condition: StageCondition, nested = false): string {
  if (typeof condition === 'string') return t(`sops.conditions.atoms.${condition}`);
  if ('riskAtLeast' in condition)
    return t('sops.conditions.riskAtLeast', { level: t(`riskLevels.${condition.riskAtLeast}`) });
  if ('minor' in condition)
    return t(condition.minor ? 'sops.conditions.minorTrue' : 'sops.conditions.minorFalse');
  if ('subtypeIn' in condition) {
    return t('sops.conditions.subtypeIn', { list: subtypeList(t, condition.subtypeIn) });
  }
  if ('flag' in condition) return t('sops.conditions.flag', { flag: condition.flag });
  if ('consentGiven' in condition)
    return t('sops.conditions.consentGiven', { purpose: consentText(t, condition.consentGiven) });
  if ('consentRefused' in condition)
    return t('sops.conditions.consentRefused', { purpose: consentText(t, condition.consentRefused) });
  if ('procedure' in condition)
    return t('sops.conditions.procedure', { kind: t(`workflow.procedureKinds.${condition.procedure}`) });
  if ('resolution' in condition)
    return t('sops.conditions.resolution', { kind: t(`workflow.resolutions.${condition.resolution}`) });
  if ('not' in condition)
    return t('sops.conditions.not', { condition: conditionText(t, condition.not, true) });
  const [parts, joiner] =
    'allOf' in condition
      ? [condition.allOf, t('sops.conditions.and')]
      : [condition.anyOf, t('sops.conditions.or')];
  const text = parts.map((part) => conditionText(t, part, true)).join(joiner);
  return nested && parts.length > 1 ? t('sops.conditions.group', { condition: text }) : text;
}

/** A path in a document for people: "stages › 2 › tasks › 0 › deadline › amount". */
export function pathText(t: TFunction, path: readonly (DiffStep | JsonPath[number])[]): string {
  if (path.length === 0) return t('sops.path.root');
  return path.map((step) => (typeof step === 'object' ? step.id : String(step))).join(' › ');
}

/**
 * The same path with the ids of the stages, tasks and referrals it passes through, read from
 * the document being edited: "stages › 2 (referral_assistance) › tasks › 0 (…) › deadline".
 */
export function describedPath(t: TFunction, path: JsonPath, document: unknown): string {
  if (path.length === 0) return t('sops.path.root');
  let node: unknown = document;
  return path
    .map((step) => {
      const next =
        node !== null && typeof node === 'object'
          ? (node as Record<string | number, unknown>)[step]
          : undefined;
      node = next;
      const id =
        typeof step === 'number' && next !== null && typeof next === 'object' && 'id' in next
          ? (next as { id: unknown }).id
          : undefined;
      return typeof id === 'string' ? `${step} (${id})` : String(step);
    })
    .join(' › ');
}

/** The name of a weekday (0 = Sunday ... 6 = Saturday) in the reader's language. */
export function weekdayName(day: number, language: string): string {
  // 7 January 2024 was a Sunday.
  return new Intl.DateTimeFormat(intlTag(language), { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 7 + day)),
  );
}
