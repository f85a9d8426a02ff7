import type { LocalizedText } from '../../screening/questionnaire.js';
import type { StageCondition } from '../conditions.js';
import type { SopDuration, SopReferral, SopStage, SopTask, TaskDeadline, TaskOwner } from '../sop-schema.js';
import type { LifecycleStage } from '../vocabulary.js';

/** English and Arabic text (UX.md glossary terms). */
export const text = (en: string, ar: string): LocalizedText => ({ en, ar });

export const CASE_MANAGER: TaskOwner = { role: 'nrm_case_manager' };
export const SUPERVISOR: TaskOwner = { role: 'nrm_supervisor' };
export const org = (
  organisationKind: Extract<TaskOwner, { organisationKind: unknown }>['organisationKind'],
): TaskOwner => ({
  organisationKind,
});

export const businessDays = (
  amount: number,
  from: TaskDeadline['from'] = 'stage_entered',
  referral?: string,
): TaskDeadline => ({
  amount,
  unit: 'business_days',
  from,
  ...(referral ? { referral } : {}),
});
export const hours = (amount: number, from: TaskDeadline['from'] = 'stage_entered'): TaskDeadline => ({
  amount,
  unit: 'hours',
  from,
});

/**
 * The police acknowledge a referral within 1 business day; within 2 hours when the case's risk
 * is high or urgent (a person in danger cannot wait for Sunday).
 */
export const POLICE_ACKNOWLEDGE: SopDuration = {
  amount: 1,
  unit: 'business_days',
  byRisk: { urgent: { amount: 2, unit: 'hours' }, high: { amount: 2, unit: 'hours' } },
};

export const URGENT: StageCondition = { riskAtLeast: 'urgent' };
export const consentToPolice = {
  purpose: 'share_with_organisation_kind',
  organisationKind: 'police',
} as const;

const STAGE_TITLES: Record<LifecycleStage, LocalizedText> = {
  received: text('Received', 'استلام الحالة'),
  screening: text('Screening', 'الفحص الأولي'),
  referral_assistance: text('Referral and assistance', 'الإحالة والمساعدة'),
  proceedings: text('Legal and administrative proceedings', 'الإجراءات القانونية والإدارية'),
  resolution: text(
    'Resolution (reintegration or voluntary return)',
    'تسوية الحالة (إعادة الإدماج أو العودة الطوعية)',
  ),
  follow_up: text('Follow-up', 'المتابعة'),
  closed: text('Closed', 'إغلاق الحالة'),
};

/**
 * When each stage is entered and left, shared by every SOP (SOP-REFERENCE.md "Stages shared by
 * every SOP"). Leaving a stage also needs its mandatory tasks done (the engine's rule), which
 * is how "immediate needs met" is expressed. Proceedings may be skipped while none is open.
 */
const STAGE_RULES: Record<LifecycleStage, Omit<SopStage, 'id' | 'title' | 'tasks' | 'referrals'>> = {
  received: { leaveWhen: 'assigned' },
  screening: { enterWhen: 'assigned', leaveWhen: 'category_confirmed' },
  referral_assistance: { enterWhen: 'category_confirmed', leaveWhen: 'required_referrals_answered' },
  proceedings: {
    canSkip: true,
    skipWhen: 'no_open_procedures',
    enterWhen: 'procedure_open',
    leaveWhen: 'no_open_procedures',
  },
  resolution: { enterWhen: 'no_open_procedures', leaveWhen: 'resolution_recorded' },
  follow_up: { enterWhen: 'resolution_recorded', leaveWhen: 'followups_done_and_low_risk' },
  closed: { enterWhen: 'closure_approved' },
};

export function stage(id: LifecycleStage, tasks: SopTask[] = [], referrals: SopReferral[] = []): SopStage {
  return { id, title: STAGE_TITLES[id], ...STAGE_RULES[id], tasks, referrals };
}

/** received, every SOP: acknowledge within 1 bd, assign a case manager within 1 bd (labour case). */
export const RECEIVED_TASKS: SopTask[] = [
  {
    id: 'acknowledge_receipt',
    title: text('Acknowledge receipt of the case', 'الإقرار باستلام الحالة'),
    owner: CASE_MANAGER,
    deadline: businessDays(1, 'case_received'),
    mandatory: true,
    evidence: text(
      'Acknowledgement sent to the person or the referring body',
      'إرسال إشعار الاستلام إلى الشخص أو إلى الجهة المُحيلة',
    ),
  },
  {
    id: 'assign_case_manager',
    title: text('Assign a case manager', 'تعيين مدير للحالة'),
    owner: SUPERVISOR,
    deadline: businessDays(1, 'case_received'),
    mandatory: true,
    evidence: text('A case manager is named on the case', 'تسجيل اسم مدير الحالة في ملفها'),
  },
];

/** resolution, labour case (and abuse, "as labour case"). */
export const LABOUR_RESOLUTION_TASKS: SopTask[] = [
  {
    id: 'arrange_resolution',
    title: text(
      'Arrange the resolution: transfer of employer, flexible permit or return home',
      'ترتيب تسوية الحالة: الانتقال إلى صاحب عمل آخر، أو تصريح العمل المرن، أو العودة إلى الوطن',
    ),
    owner: CASE_MANAGER,
    mandatory: true,
    evidence: text('The resolution recorded with its documents', 'تسجيل التسوية مع مستنداتها'),
  },
  {
    id: 'return_passport',
    title: text('Return the passport to the person', 'إعادة جواز السفر إلى صاحبه'),
    owner: CASE_MANAGER,
    mandatory: false,
    mandatoryWhen: { flag: 'passport_retained' },
    evidence: text(
      'Receipt signed by the person (mandatory where the passport was held)',
      'إيصال استلام موقَّع من الشخص (إلزامي إذا كان جواز السفر محتجزًا)',
    ),
  },
];

/** proceedings in which a police report, a prosecution file and court hearings are recorded (abuse). */
export const CRIMINAL_PROCEEDINGS_TASKS: SopTask[] = [
  {
    id: 'record_police_report',
    title: text('Record the police report number', 'تسجيل رقم البلاغ لدى الشرطة'),
    owner: CASE_MANAGER,
    mandatory: false,
    mandatoryWhen: { procedure: 'police_report' },
  },
  {
    id: 'record_prosecution_file',
    title: text('Record the prosecution file', 'تسجيل رقم ملف النيابة العامة'),
    owner: CASE_MANAGER,
    mandatory: false,
    mandatoryWhen: { procedure: 'prosecution' },
  },
  {
    id: 'record_hearings_verdict',
    title: text('Record the court hearings and the verdict', 'تسجيل جلسات المحكمة والحكم الصادر'),
    owner: CASE_MANAGER,
    mandatory: false,
    mandatoryWhen: { procedure: 'court' },
  },
];
