import type { SopDocument } from '../sop-schema.js';
import {
  businessDays,
  CASE_MANAGER,
  CRIMINAL_PROCEEDINGS_TASKS,
  consentToPolice,
  hours,
  LABOUR_RESOLUTION_TASKS,
  org,
  POLICE_ACKNOWLEDGE,
  RECEIVED_TASKS,
  stage,
  text,
  URGENT,
} from './shared.js';

/** SOP-REFERENCE.md "Abuse (physical, sexual, psychological), no trafficking elements". */
export const ABUSE_SOP: SopDocument = {
  id: 'abuse',
  version: 1,
  category: 'abuse',
  title: text('Abuse (physical, sexual, psychological)', 'الإساءة (الجسدية أو الجنسية أو النفسية)'),
  description: text('Abuse with no trafficking elements.', 'إساءة لا تنطوي على عناصر الاتجار بالأشخاص.'),
  stages: [
    stage('received', [
      ...RECEIVED_TASKS,
      {
        id: 'immediate_safety_plan',
        title: text('Immediate safety plan (urgent risk)', 'خطة سلامة فورية (خطر عاجل)'),
        owner: CASE_MANAGER,
        deadline: hours(4, 'case_received'),
        mandatory: true,
        createWhen: URGENT,
        evidence: text('Safety plan recorded', 'تسجيل خطة السلامة'),
      },
      {
        id: 'urgent_shelter_offer',
        title: text('Offer shelter (urgent risk)', 'عرض الإيواء في دار الإيواء (خطر عاجل)'),
        owner: CASE_MANAGER,
        deadline: hours(4, 'case_received'),
        mandatory: true,
        createWhen: URGENT,
        evidence: text("The offer and the person's answer recorded", 'تسجيل العرض وردّ الشخص عليه'),
      },
    ]),
    stage('screening', [
      {
        id: 'screening_interview',
        title: text('Screening interview', 'مقابلة الفحص الأولي'),
        owner: CASE_MANAGER,
        deadline: businessDays(1),
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
          id: 'medical_examination',
          title: text('Medical examination, with evidence preservation', 'الفحص الطبي مع حفظ الأدلة'),
          owner: org('health'),
          deadline: businessDays(1, 'referral_sent', 'health_examination'),
          mandatory: true,
          evidence: text('Medical report; evidence preserved', 'تقرير طبي مع حفظ الأدلة'),
        },
        {
          id: 'shelter_offer',
          title: text(
            'Offer shelter (voluntary; refusing it never removes other services)',
            'عرض الإيواء (طوعيًا؛ ولا يُسقط رفضه أيّ خدمات أخرى)',
          ),
          owner: CASE_MANAGER,
          mandatory: true,
          createWhen: { not: URGENT },
          evidence: text("The offer and the person's answer recorded", 'تسجيل العرض وردّ الشخص عليه'),
        },
        {
          id: 'psychological_support',
          title: text('Psychological support', 'الدعم النفسي'),
          owner: CASE_MANAGER,
          deadline: businessDays(5),
          mandatory: true,
          evidence: text(
            "First session held, or the person's refusal recorded",
            'عقد الجلسة الأولى أو تسجيل رفض الشخص',
          ),
        },
      ],
      [
        {
          id: 'health_examination',
          organisationKind: 'health',
          purpose: 'medical',
          title: text(
            'Health: examination where there are injuries or sexual violence',
            'الصحة: فحص طبي عند وجود إصابات أو عنف جنسي',
          ),
          required: false,
          requiredWhen: { anyOf: [{ subtypeIn: ['physical', 'sexual'] }, { flag: 'injuries' }] },
        },
        {
          id: 'police_report',
          organisationKind: 'police',
          purpose: 'investigation',
          title: text('Police report, if the person consents', 'بلاغ لدى الشرطة، إذا وافق الشخص'),
          required: false,
          requiredWhen: { consentGiven: consentToPolice },
          acknowledgeWithin: POLICE_ACKNOWLEDGE,
        },
        {
          id: 'shelter',
          organisationKind: 'shelter',
          purpose: 'shelter',
          title: text('Shelter admission, if accepted', 'الإيواء في دار الإيواء، إذا قبله الشخص'),
          required: false,
          requiredWhen: { consentGiven: { purpose: 'shelter' } },
        },
        {
          id: 'embassy_contact',
          organisationKind: 'embassy',
          purpose: 'other',
          title: text('Embassy contact, if consented', 'التواصل مع السفارة، إذا وافق الشخص'),
          required: false,
          requiredWhen: { consentGiven: { purpose: 'embassy_contact' } },
        },
      ],
    ),
    stage('proceedings', CRIMINAL_PROCEEDINGS_TASKS),
    stage('resolution', LABOUR_RESOLUTION_TASKS),
    stage('follow_up'),
    stage('closed'),
  ],
  followUps: [{ after: { amount: 14, unit: 'days' } }, { after: { amount: 60, unit: 'days' } }],
};
