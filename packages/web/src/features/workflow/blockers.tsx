import {
  type BlockerDto,
  CaseCategory,
  type CaseWorkflow,
  LIFECYCLE_STAGES,
  localize,
  type SopDocument,
  type StageCondition,
} from '@opennrm/domain';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../api/auth';
import { useCaseReferrals } from '../../api/referrals';
import { useCaseTasks, useSopDocument } from '../../api/workflow';
import { useFormatters } from '../../i18n/format';
import { hasPermission } from '../../lib/permissions';
import { useOrganisationLabel } from '../referrals';
import { flagLabel, humanise } from './workflow-labels';

const isStage = (value: string): value is (typeof LIFECYCLE_STAGES)[number] =>
  (LIFECYCLE_STAGES as readonly string[]).includes(value);

function sopTaskTitle(sop: SopDocument | undefined, id: string, language: string): string | null {
  const base = id.replace(/#\d+$/, '');
  for (const stage of sop?.stages ?? []) {
    const task = stage.tasks.find((task) => task.id === base);
    if (task) return localize(task.title, language);
  }
  return null;
}

function sopReferralTitle(sop: SopDocument | undefined, id: string, language: string, t: TFunction) {
  for (const stage of sop?.stages ?? []) {
    const referral = stage.referrals.find((r) => r.id === id);
    if (referral?.title) return localize(referral.title, language);
    if (referral) {
      return `${t(`organisationKinds.${referral.organisationKind}`)}: ${t(`workflow.purposes.${referral.purpose}`)}`;
    }
  }
  return null;
}

/** An SOP condition in words, for CONDITION_NOT_MET. */
export function describeCondition(condition: StageCondition, t: TFunction): string {
  const listOf = (items: string[], joiner: string) => items.join(` ${t(joiner)} `);
  if (typeof condition === 'string') return t(`workflow.conditions.${condition}`);
  if ('allOf' in condition)
    return listOf(
      condition.allOf.map((c) => describeCondition(c, t)),
      'workflow.conditions.and',
    );
  if ('anyOf' in condition)
    return listOf(
      condition.anyOf.map((c) => describeCondition(c, t)),
      'workflow.conditions.or',
    );
  if ('not' in condition)
    return t('workflow.conditions.not', { condition: describeCondition(condition.not, t) });
  if ('flag' in condition) return t('workflow.conditions.flag', { flag: flagLabel(t, condition.flag) });
  if ('procedure' in condition)
    return t('workflow.conditions.procedure', { kind: t(`workflow.procedureKinds.${condition.procedure}`) });
  if ('resolution' in condition)
    return t('workflow.conditions.resolution', { kind: t(`workflow.resolutions.${condition.resolution}`) });
  if ('riskAtLeast' in condition)
    return t('workflow.conditions.riskAtLeast', { risk: t(`riskLevels.${condition.riskAtLeast}`) });
  if ('minor' in condition)
    return t(condition.minor ? 'workflow.conditions.minor' : 'workflow.conditions.adult');
  if ('subtypeIn' in condition)
    return t('workflow.conditions.subtypeIn', {
      subtypes: condition.subtypeIn.map((s) => t(`caseSubtypes.${s}`)).join(t('cases.listSeparator')),
    });
  const consent = 'consentGiven' in condition ? condition.consentGiven : condition.consentRefused;
  return t(
    'consentGiven' in condition ? 'workflow.conditions.consentGiven' : 'workflow.conditions.consentRefused',
    {
      purpose: t(`consentPurposes.${consent.purpose}`),
    },
  );
}

function parseCondition(ref: string): StageCondition | null {
  try {
    return JSON.parse(ref) as StageCondition;
  } catch {
    return null;
  }
}

/** Where on the case page a blocker can be worked on. */
type Section = 'tasks' | 'referrals' | 'follow-ups';
const SECTION_LINKS: Record<Section, string> = {
  tasks: 'blockers.go.tasks',
  referrals: 'blockers.go.referrals',
  'follow-ups': 'blockers.go.followUps',
};

function sectionOf(code: BlockerDto['code']): Section | null {
  if (code === 'OPEN_MANDATORY_TASK' || code === 'MANDATORY_TASK_CANCELLED') return 'tasks';
  if (code === 'REFERRAL_NOT_CONCLUDED' || code === 'REFERRAL_NOT_ANSWERED') return 'referrals';
  if (code === 'REQUIRED_REFERRAL_MISSING' || code === 'NO_EMBASSY_OF_NATIONALITY') return 'referrals';
  if (code === 'FOLLOW_UPS_PENDING' || code === 'FOLLOW_UP_RISK_NOT_LOW') return 'follow-ups';
  return null;
}

/**
 * Turns a blocker into a sentence, naming what it points at: a task by its title, a referral
 * by its organisation, an SOP referral by its title, a stage, a procedure, a follow-up.
 */
export function useBlockerText(caseId: string, workflow: CaseWorkflow | null | undefined) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const format = useFormatters();
  const tasks = useCaseTasks(caseId);
  const referrals = useCaseReferrals(caseId, hasPermission(me, 'cases.manage'));
  const sop = useSopDocument(workflow?.sop?.id, workflow?.sop?.version, hasPermission(me, 'sop.read'));
  const organisationLabel = useOrganisationLabel();
  const language = i18n.language;

  function refText(blocker: BlockerDto): string | null {
    const ref = blocker.ref;
    if (ref === undefined || ref === '') return null;
    switch (blocker.code) {
      case 'OPEN_MANDATORY_TASK':
      case 'MANDATORY_TASK_CANCELLED': {
        const task = tasks.data?.items.find((item) => item.key === ref || item.id === ref);
        if (task) return localize(task.title, language);
        return sopTaskTitle(sop.data, ref, language) ?? humanise(ref);
      }
      case 'REFERRAL_NOT_CONCLUDED':
      case 'REFERRAL_NOT_ANSWERED': {
        const referral = referrals.data?.items.find((item) => item.id === ref);
        if (referral) return organisationLabel(referral.organisationId, referral.organisationName);
        return sopReferralTitle(sop.data, ref, language, t) ?? t('blockers.aReferral');
      }
      case 'REQUIRED_REFERRAL_MISSING':
      case 'NO_EMBASSY_OF_NATIONALITY':
        return sopReferralTitle(sop.data, ref, language, t) ?? humanise(ref);
      case 'PROCEDURE_OPEN': {
        const procedure = workflow?.procedures.find((p) => p.id === ref);
        return procedure ? t(`workflow.procedureKinds.${procedure.kind}`) : humanise(ref);
      }
      case 'FOLLOW_UPS_PENDING':
      case 'FOLLOW_UP_RISK_NOT_LOW': {
        const index = Number(ref);
        const followUp = workflow?.followUps.find((f) => f.index === index);
        const number = Number.isInteger(index) ? index + 1 : ref;
        return followUp
          ? t('blockers.followUpRef', { number, date: format.date(followUp.dueAt) })
          : t('blockers.followUpNumber', { number });
      }
      case 'WRONG_STAGE':
      case 'STAGE_NOT_SKIPPABLE':
      case 'UNKNOWN_STAGE':
        return isStage(ref) ? t(`workflow.stageNames.${ref}`) : ref;
      case 'SOP_CATEGORY_MISMATCH':
        return (CaseCategory.options as readonly string[]).includes(ref) ? t(`caseCategories.${ref}`) : ref;
      case 'SUBTYPE_MISMATCH':
        return t([`caseSubtypes.${ref}`, 'blockers.unknownRef']);
      case 'CONDITION_NOT_MET': {
        const condition = parseCondition(ref);
        return condition ? describeCondition(condition, t) : ref;
      }
      default:
        return ref;
    }
  }

  /** `context: 'close'` words a blocker for closing (WRONG_STAGE: "must first reach its last stage"). */
  return (blocker: BlockerDto, context?: 'close'): string => {
    const ref = refText(blocker);
    return ref === null
      ? t([`blockers.${blocker.code}_noRef`, `blockers.${blocker.code}`], { ref: '' })
      : t(`blockers.${blocker.code}`, { ref, context });
  };
}

interface ListProps {
  caseId: string;
  workflow: CaseWorkflow | null | undefined;
  blockers: readonly BlockerDto[];
  id?: string;
  /** Links to the part of the case page where each blocker can be dealt with. */
  links?: boolean;
  /** The blockers are those of closing the case. */
  context?: 'close';
}

/** What keeps an action from applying, one sentence per blocker. */
export function BlockerList({ caseId, workflow, blockers, id, links = true, context }: ListProps) {
  const { t } = useTranslation();
  const text = useBlockerText(caseId, workflow);
  if (blockers.length === 0) return null;
  return (
    <ul className="blocker-list" id={id}>
      {blockers.map((blocker) => {
        // Follow-ups not scheduled yet (no ref) have nothing to go to.
        const section =
          links && !(blocker.code === 'FOLLOW_UPS_PENDING' && !blocker.ref) ? sectionOf(blocker.code) : null;
        return (
          <li key={`${blocker.code}:${blocker.ref ?? ''}`} className="blocker-list__item">
            {text(blocker, context)}
            {section ? (
              <>
                {' '}
                <Link className="blocker-list__link" to={`/cases/${caseId}/${section}`}>
                  {t(SECTION_LINKS[section])}
                </Link>
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
