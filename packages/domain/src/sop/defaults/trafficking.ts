import type { StageCondition } from '../conditions.js';
import type { SopDocument, SopFollowUp, SopTask } from '../sop-schema.js';
import { CASE_MANAGER, org, stage, text } from './shared.js';
import {
  traffickingAssistanceTasks,
  traffickingReceivedTasks,
  traffickingReferrals,
  traffickingScreeningTasks,
} from './trafficking-early.js';

const REPATRIATION: StageCondition = { resolution: 'voluntary_repatriation' };

/** Investigation, prosecution, court hearings with testimony support, verdict, compensation. */
const PROCEEDINGS_TASKS: SopTask[] = [
  {
    id: 'record_investigation',
    title: text('Record the investigation and its outcome', 'تسجيل التحقيق ونتيجته'),
    owner: CASE_MANAGER,
    mandatory: false,
    mandatoryWhen: { procedure: 'investigation' },
  },
  {
    id: 'record_prosecution_file',
    title: text('Record the prosecution file', 'تسجيل ملف النيابة العامة'),
    owner: CASE_MANAGER,
    mandatory: false,
    mandatoryWhen: { procedure: 'prosecution' },
  },
  {
    id: 'testimony_support',
    title: text(
      "Support the person's testimony at each hearing (interpreter, protection)",
      'دعم الشخص في الإدلاء بشهادته في كل جلسة (مترجم وحماية)',
    ),
    owner: CASE_MANAGER,
    mandatory: false,
    mandatoryWhen: { procedure: 'court' },
  },
  {
    id: 'record_verdict_compensation',
    title: text('Record the verdict and the compensation', 'تسجيل الحكم والتعويض'),
    owner: CASE_MANAGER,
    mandatory: false,
    mandatoryWhen: { procedure: 'court' },
  },
];

/** Voluntary return to the workforce, or voluntary repatriation with everything it needs. */
const RESOLUTION_TASKS: SopTask[] = [
  {
    id: 'agree_resolution',
    title: text(
      'Agree the resolution with the person: return to the workforce (new employer or flexible permit) or voluntary repatriation',
      'الاتفاق مع الشخص على تسوية الحالة: العودة إلى سوق العمل (صاحب عمل جديد أو تصريح عمل مرن) أو العودة الطوعية',
    ),
    owner: CASE_MANAGER,
    mandatory: true,
    evidence: text("The person's informed choice recorded", 'تسجيل الخيار الذي اتخذه الشخص عن علم'),
  },
  {
    id: 'travel_document',
    title: text('Travel document from the embassy', 'وثيقة سفر من السفارة'),
    owner: org('embassy'),
    mandatory: false,
    mandatoryWhen: REPATRIATION,
  },
  {
    id: 'return_ticket',
    title: text('Ticket for the return', 'تذكرة سفر العودة'),
    owner: CASE_MANAGER,
    mandatory: false,
    mandatoryWhen: REPATRIATION,
  },
  {
    id: 'reception_arranged',
    title: text('Reception in the country of origin arranged', 'ترتيب الاستقبال في بلد المنشأ'),
    owner: org('international_organisation'),
    mandatory: false,
    mandatoryWhen: REPATRIATION,
  },
];

const AFTER_RETURN = text(
  'Including after repatriation, through the embassy or a partner in the country of origin',
  'بما في ذلك بعد العودة الطوعية، عن طريق السفارة أو شريك في بلد المنشأ',
);
const followUp = (amount: number, unit: 'days' | 'months'): SopFollowUp => ({
  after: { amount, unit },
  note: AFTER_RETURN,
});

function traffickingSop(child: boolean): SopDocument {
  return {
    id: child ? 'trafficking-child' : 'trafficking-adult',
    version: 1,
    category: 'trafficking',
    variant: child ? 'child' : 'adult',
    appliesWhen: { minor: child },
    title: child
      ? text('Trafficking in persons: child (under 18)', 'الاتجار بالأشخاص: الأطفال (دون 18 عامًا)')
      : text('Trafficking in persons / modern slavery: adult', 'الاتجار بالأشخاص / الرق الحديث: البالغون'),
    stages: [
      stage('received', traffickingReceivedTasks(child)),
      stage('screening', traffickingScreeningTasks(child)),
      stage('referral_assistance', traffickingAssistanceTasks(child), traffickingReferrals(child)),
      stage('proceedings', PROCEEDINGS_TASKS),
      stage('resolution', RESOLUTION_TASKS, [
        {
          id: 'return_support',
          organisationKind: 'international_organisation',
          purpose: 'repatriation',
          title: text('Return support by an international organisation', 'دعم العودة من قِبل منظمة دولية'),
          required: false,
          requiredWhen: REPATRIATION,
        },
      ]),
      stage('follow_up'),
      stage('closed'),
    ],
    followUps: [
      followUp(14, 'days'),
      followUp(3, 'months'),
      followUp(6, 'months'),
      ...(child ? [followUp(12, 'months')] : []),
    ],
  };
}

/** SOP-REFERENCE.md "Trafficking in persons / modern slavery, adult". */
export const TRAFFICKING_ADULT_SOP: SopDocument = traffickingSop(false);
/** SOP-REFERENCE.md "Trafficking, child (under 18)": as adult, plus the child's safeguards. */
export const TRAFFICKING_CHILD_SOP: SopDocument = traffickingSop(true);
