import type { SopDocument } from '../sop-schema.js';
import {
  businessDays,
  CASE_MANAGER,
  LABOUR_RESOLUTION_TASKS,
  org,
  RECEIVED_TASKS,
  stage,
  text,
} from './shared.js';

/** SOP-REFERENCE.md "Labour case (wages, contract, transfer of employer, no indicator of trafficking)". */
export const LABOUR_CASE_SOP: SopDocument = {
  id: 'labour-case',
  version: 1,
  category: 'labour_case',
  title: text('Labour case', 'قضية عمالية'),
  description: text(
    'Wages, contract, transfer of employer; no indicator of trafficking.',
    'الأجور والعقد والانتقال إلى صاحب عمل آخر، دون أي مؤشر على الاتجار بالأشخاص.',
  ),
  stages: [
    stage('received', RECEIVED_TASKS),
    stage('screening', [
      {
        id: 'screening_interview',
        title: text(
          'Screening interview (with an interpreter if needed)',
          'مقابلة الفحص الأولي (بحضور مترجم عند الحاجة)',
        ),
        owner: CASE_MANAGER,
        deadline: businessDays(2),
        mandatory: true,
        evidence: text(
          'Screening recorded and the category confirmed',
          'تسجيل نتائج الفحص الأولي وتأكيد فئة الحالة',
        ),
      },
    ]),
    stage(
      'referral_assistance',
      [
        {
          id: 'grievance_first_meeting',
          title: text('First mediation meeting with the employer', 'عقد أول جلسة وساطة مع صاحب العمل'),
          owner: org('grievances'),
          deadline: businessDays(5, 'referral_sent', 'grievances_mediation'),
          mandatory: true,
          evidence: text('Minutes of the meeting', 'محضر الجلسة'),
        },
        {
          id: 'inspection_visit',
          title: text('Inspection visit to the workplace', 'زيارة تفتيشية لمكان العمل'),
          owner: org('labour_inspection'),
          deadline: businessDays(10, 'referral_sent', 'labour_inspection'),
          mandatory: true,
          evidence: text(
            'Inspection report with the violations found',
            'تقرير التفتيش متضمنًا المخالفات المرصودة',
          ),
        },
      ],
      [
        {
          id: 'grievances_mediation',
          organisationKind: 'grievances',
          purpose: 'grievance',
          title: text('Grievances: mediation with the employer', 'التظلمات: الوساطة مع صاحب العمل'),
          required: true,
          acknowledgeWithin: { amount: 2, unit: 'business_days' },
        },
        {
          id: 'labour_inspection',
          organisationKind: 'labour_inspection',
          purpose: 'inspection',
          title: text(
            'Labour inspection where workplace violations are reported (unpaid wages, unsafe conditions, passport kept)',
            'التفتيش العمالي عند الإبلاغ عن مخالفات في مكان العمل (أجور غير مدفوعة، ظروف غير آمنة، احتجاز جواز السفر)',
          ),
          required: false,
          requiredWhen: {
            anyOf: [
              { subtypeIn: ['unpaid_wages', 'working_conditions'] },
              { flag: 'passport_retained' },
              { flag: 'workplace_violations' },
            ],
          },
        },
        {
          id: 'shelter',
          organisationKind: 'shelter',
          purpose: 'shelter',
          title: text(
            'Shelter, on request or where the risk calls for it',
            'دار الإيواء، بناءً على الطلب أو عند وجود خطر',
          ),
          required: false,
          requiredWhen: { riskAtLeast: 'high' },
          requiredUnless: { consentRefused: { purpose: 'shelter' } },
        },
      ],
    ),
    stage('proceedings', [
      {
        id: 'record_settlement_or_claim',
        title: text(
          'Record the settlement, or the labour-court claim (court reference, hearing dates, judgment)',
          'تسجيل التسوية، أو الدعوى العمالية المرفوعة (رقم القضية، ومواعيد الجلسات، والحكم)',
        ),
        owner: CASE_MANAGER,
        mandatory: true,
        evidence: text(
          'Settlement agreement, or court reference and judgment',
          'اتفاق التسوية، أو رقم القضية والحكم',
        ),
      },
      {
        id: 'record_amounts_recovered',
        title: text(
          'Record the wages and compensation recovered (amounts)',
          'تسجيل الأجور والتعويضات المستردة (بالمبالغ)',
        ),
        owner: CASE_MANAGER,
        mandatory: true,
      },
    ]),
    stage('resolution', LABOUR_RESOLUTION_TASKS),
    stage('follow_up'),
    stage('closed'),
  ],
  followUps: [{ after: { amount: 30, unit: 'days' } }],
};
