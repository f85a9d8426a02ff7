import type { CaseCategory, CaseSubtype, RiskLevel } from '../case-vocabulary.js';
import type { Condition } from './conditions.js';
import { t } from './default-questionnaire/helpers.js';
import { deepFreeze } from './freeze.js';
import type { LocalizedText } from './questionnaire.js';
import type { ScoringRule, ScoringRules } from './scoring.js';
import type { IloIndicator, PalermoPurpose } from './vocabulary.js';

/*
 * The default scoring of SOP-REFERENCE.md ("Screening questionnaire"), as data over the
 * question ids of DEFAULT_QUESTIONNAIRE version 1. Category rules are tried in order (first
 * match wins), so a later rule implicitly means "and none of the above":
 *
 *   1. trafficking: act + means + purpose, or act + purpose for a person under 18; the
 *      sub-type from the purpose, the more specific forms first (organ removal, sexual
 *      exploitation, domestic servitude, forced criminality, forced begging, forced labour);
 *   2. other exploitation: forced-labour purpose or forced-labour indicators without the
 *      trafficking elements. The SOP says "other exploitation, refer to labour inspection";
 *      CaseCategory has no such category, so it is a `labour_case` (sub-type `other`) with the
 *      reason `other_exploitation_refer_inspection`, which prompts the inspection referral
 *      without claiming trafficking. "Forced-labour indicators" follows the ILO's statistical
 *      definition of forced labour (20th ICLS guidelines, 2018): at least one indicator of
 *      involuntary work AND at least one of coercion (menace of penalty). One indicator alone,
 *      such as unpaid wages, is a labour case, and violence alone is abuse;
 *   3. abuse: violence without exploitation (sexual, physical, unspecified, psychological);
 *   4. labour case: wage, contract, working-conditions and other labour issues;
 *   5. abuse by threats alone (psychological), after the labour rules, so that threats over a
 *      wage dispute stay a labour case (with high risk);
 *   otherwise no category: the case manager decides.
 *
 * Risk is the highest level of the risk rules that hold (SOP): urgent for a child, or still
 * in the situation with violence (physical, sexual or psychological) or confinement; high
 * with document retention or threats; medium when any ILO indicator fired; otherwise low.
 * Risk rules use only positive conditions on indicators, so a new 'yes' never lowers it.
 */

const yes = (answer: string): Condition => ({ answer, is: 'yes' });
const indicator = (id: IloIndicator): Condition => ({ indicator: id });
const anyOf = (...conditions: Condition[]): Condition => ({ anyOf: conditions });
const allOf = (...conditions: Condition[]): Condition => ({ allOf: conditions });
const purpose = (values: PalermoPurpose[], ...yesQuestions: string[]): Condition =>
  anyOf({ answer: 'purpose_elements', includesAny: values }, ...yesQuestions.map(yes));

const TRAFFICKING_ELEMENTS: Condition = anyOf(
  allOf(
    { element: 'act', present: true },
    { element: 'means', present: true },
    { element: 'purpose', present: true },
  ),
  allOf({ minor: true }, { element: 'act', present: true }, { element: 'purpose', present: true }),
);
const DOMESTIC_CONTEXT = anyOf({ answer: 'work_sector', is: 'domestic_work' }, yes('lives_in_employer_home'));
const LABOUR_PURPOSE = purpose(
  ['forced_labour_or_services', 'slavery_or_similar_practices', 'servitude'],
  'forced_work',
);

/** ILO indicators of involuntary work, and of coercion (menace of penalty). */
export const INVOLUNTARINESS_INDICATORS: IloIndicator[] = [
  'deception',
  'abusive_working_living_conditions',
  'excessive_overtime',
];
export const COERCION_INDICATORS: IloIndicator[] = [
  'abuse_of_vulnerability',
  'restriction_of_movement',
  'isolation',
  'physical_sexual_violence',
  'intimidation_threats',
  'retention_of_identity_documents',
  'withholding_of_wages',
  'debt_bondage',
];

const rule = (
  id: string,
  when: Condition,
  outcome: { category: CaseCategory; subtype: CaseSubtype } | { risk: RiskLevel },
  description: LocalizedText,
): ScoringRule => ({ id, when, outcome, reason: id, description });

const trafficking = (subtype: CaseSubtype, when: Condition, en: string, ar: string): ScoringRule =>
  rule(
    `trafficking_${subtype}`,
    allOf(TRAFFICKING_ELEMENTS, when),
    { category: 'trafficking', subtype },
    t(
      `Presumed trafficking: act, means and purpose (means not required for a child); purpose: ${en}.`,
      `حالة اتجار بالأشخاص محتملة: توفّر الفعل والوسيلة والغرض (لا تُشترط الوسيلة للطفل)؛ الغرض: ${ar}.`,
    ),
  );

const CATEGORY_RULES: ScoringRule[] = [
  trafficking(
    'organ_removal',
    purpose(['removal_of_organs'], 'organ_removal'),
    'removal of organs',
    'نزع الأعضاء',
  ),
  trafficking(
    'sexual_exploitation',
    purpose(['sexual_exploitation'], 'forced_sexual_acts'),
    'sexual exploitation',
    'الاستغلال الجنسي',
  ),
  trafficking(
    'domestic_servitude',
    allOf(purpose(['servitude', 'slavery_or_similar_practices']), DOMESTIC_CONTEXT),
    'servitude in a household',
    'الاستعباد في بيت خاص',
  ),
  trafficking(
    'forced_criminality',
    purpose(['forced_criminality'], 'forced_crimes'),
    'forced criminality',
    'الإكراه على ارتكاب الجرائم',
  ),
  trafficking(
    'forced_begging',
    purpose(['forced_begging'], 'forced_to_beg'),
    'forced begging',
    'الإكراه على التسول',
  ),
  trafficking('forced_labour', LABOUR_PURPOSE, 'forced labour or services', 'العمل الجبري أو الخدمة قسرًا'),
  trafficking(
    'other',
    { element: 'purpose', present: true },
    'another form of exploitation',
    'شكل آخر من الاستغلال',
  ),
  rule(
    'other_exploitation_refer_inspection',
    anyOf(
      LABOUR_PURPOSE,
      allOf(
        { indicatorCountAtLeast: 1, among: INVOLUNTARINESS_INDICATORS },
        { indicatorCountAtLeast: 1, among: COERCION_INDICATORS },
      ),
    ),
    { category: 'labour_case', subtype: 'other' },
    t(
      'Other exploitation (forced-labour indicators without the elements of trafficking): refer to labour inspection.',
      'استغلال آخر (مؤشرات العمل الجبري دون توفر عناصر الاتجار بالأشخاص): يُحال إلى التفتيش العمالي.',
    ),
  ),
  rule(
    'abuse_sexual',
    { answer: 'violence_experienced', includes: 'sexual' },
    { category: 'abuse', subtype: 'sexual' },
    t('Sexual violence without exploitation.', 'عنف جنسي دون استغلال.'),
  ),
  rule(
    'abuse_physical',
    { answer: 'violence_experienced', includes: 'physical' },
    { category: 'abuse', subtype: 'physical' },
    t('Physical violence without exploitation.', 'عنف جسدي دون استغلال.'),
  ),
  rule(
    'abuse_violence_unspecified',
    indicator('physical_sexual_violence'),
    { category: 'abuse', subtype: 'other' },
    t('Violence without exploitation; its kind is not recorded.', 'عنف دون استغلال، ولم يُسجَّل نوعه.'),
  ),
  rule(
    'abuse_psychological',
    { answer: 'violence_experienced', includes: 'psychological' },
    { category: 'abuse', subtype: 'psychological' },
    t('Psychological violence without exploitation.', 'عنف نفسي دون استغلال.'),
  ),
  rule(
    'labour_unpaid_wages',
    indicator('withholding_of_wages'),
    { category: 'labour_case', subtype: 'unpaid_wages' },
    t('Wages withheld, late or below the wage promised.', 'أجور محجوزة أو متأخرة أو أقل من الأجر الموعود.'),
  ),
  rule(
    'labour_contract_violation',
    anyOf(yes('contract_substituted'), indicator('deception')),
    { category: 'labour_case', subtype: 'contract_violation' },
    t(
      'Contract substituted, or the job differs from what was promised.',
      'استُبدل العقد أو اختلف العمل عمّا وُعد به العامل.',
    ),
  ),
  rule(
    'labour_working_conditions',
    anyOf(indicator('excessive_overtime'), indicator('abusive_working_living_conditions')),
    { category: 'labour_case', subtype: 'working_conditions' },
    t(
      'Excessive hours or abusive working or living conditions.',
      'ساعات عمل مفرطة أو ظروف عمل أو سكن مسيئة.',
    ),
  ),
  rule(
    'labour_document_retention',
    indicator('retention_of_identity_documents'),
    { category: 'labour_case', subtype: 'other' },
    t(
      'Identity documents held by the employer or an agency.',
      'وثائق الهوية محتجزة لدى صاحب العمل أو الوكالة.',
    ),
  ),
  rule(
    'labour_other_indicator',
    {
      indicatorCountAtLeast: 1,
      among: ['restriction_of_movement', 'isolation', 'debt_bondage', 'abuse_of_vulnerability'],
    },
    { category: 'labour_case', subtype: 'other' },
    t(
      'Indicators of forced labour that fall short of suggesting exploitation.',
      'مؤشرات على العمل الجبري لا ترقى إلى ترجيح الاستغلال.',
    ),
  ),
  rule(
    'labour_recruitment_fees',
    yes('recruitment_fee_paid'),
    { category: 'labour_case', subtype: 'other' },
    t('The worker paid recruitment fees.', 'دفع العامل رسوم الاستقدام.'),
  ),
  rule(
    'abuse_threats',
    indicator('intimidation_threats'),
    { category: 'abuse', subtype: 'psychological' },
    t('Threats without exploitation.', 'تهديد دون استغلال.'),
  ),
];

const STILL_IN_SITUATION = yes('still_in_situation');

const RISK_RULES: ScoringRule[] = [
  rule(
    'risk_child',
    { minor: true },
    { risk: 'urgent' },
    t('The person is under 18.', 'عمر الشخص أقل من 18 سنة.'),
  ),
  rule(
    'risk_still_in_situation_violence',
    allOf(
      STILL_IN_SITUATION,
      anyOf(indicator('physical_sexual_violence'), {
        answer: 'violence_experienced',
        includesAny: ['physical', 'sexual', 'psychological'],
      }),
    ),
    { risk: 'urgent' },
    t('Still in the situation, with violence.', 'ما زال الشخص في الوضع نفسه، مع وجود عنف.'),
  ),
  rule(
    'risk_still_in_situation_confinement',
    allOf(STILL_IN_SITUATION, indicator('restriction_of_movement')),
    { risk: 'urgent' },
    t(
      'Still in the situation, confined or not free to leave.',
      'ما زال الشخص في الوضع نفسه، وهو محتجز أو ممنوع من المغادرة.',
    ),
  ),
  rule(
    'risk_document_retention',
    indicator('retention_of_identity_documents'),
    { risk: 'high' },
    t('Identity documents retained.', 'وثائق الهوية محتجزة.'),
  ),
  rule(
    'risk_threats',
    indicator('intimidation_threats'),
    { risk: 'high' },
    t('Threats to the person or their family.', 'تهديد الشخص أو أسرته.'),
  ),
  rule(
    'risk_indicator',
    { indicatorCountAtLeast: 1 },
    { risk: 'medium' },
    t('At least one indicator of forced labour.', 'مؤشر واحد على الأقل من مؤشرات العمل الجبري.'),
  ),
];

/** The shipped scoring rules, version 1, for DEFAULT_QUESTIONNAIRE version 1. */
export const DEFAULT_SCORING_RULES: ScoringRules = deepFreeze({
  version: 1,
  indicatorEvidence: {
    deception: anyOf(yes('contract_substituted'), yes('means_deceived')),
    restriction_of_movement: anyOf(yes('confined'), { answer: 'can_leave_workplace', is: 'no' }),
    physical_sexual_violence: { answer: 'violence_experienced', includesAny: ['physical', 'sexual'] },
    intimidation_threats: yes('threats_to_family'),
    retention_of_identity_documents: anyOf(
      { answer: 'passport_holder', includesAny: ['employer', 'recruitment_agency'] },
      { answer: 'work_permit_holder', includesAny: ['employer', 'recruitment_agency'] },
    ),
    withholding_of_wages: anyOf(
      { answer: 'wage_paid_monthly', lessThanAnswer: 'wage_promised_monthly' },
      { answer: 'months_wages_unpaid', atLeast: 1 },
    ),
    excessive_overtime: anyOf(
      { answer: 'working_hours_per_day', atLeast: 12 },
      { answer: 'rest_days_per_week', atMost: 0 },
    ),
  },
  rules: [...CATEGORY_RULES, ...RISK_RULES],
});
