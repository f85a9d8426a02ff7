import type { SopReferral, SopTask } from '../sop-schema.js';
import {
  businessDays,
  CASE_MANAGER,
  consentToPolice,
  hours,
  org,
  POLICE_ACKNOWLEDGE,
  RECEIVED_TASKS,
  SUPERVISOR,
  text,
  URGENT,
} from './shared.js';

/** Trafficking, received: safety within 4 h; urgent → shelter and police the same day (8 h here). */
export function traffickingReceivedTasks(child: boolean): SopTask[] {
  const tasks: SopTask[] = [
    ...RECEIVED_TASKS,
    {
      id: 'safety_assessment',
      title: text('Immediate safety assessment', 'تقييم فوري للسلامة'),
      owner: CASE_MANAGER,
      deadline: hours(4, 'case_received'),
      mandatory: true,
      evidence: text('Safety assessment recorded', 'تسجيل تقييم السلامة'),
    },
    {
      id: 'urgent_shelter',
      title: text('Urgent: shelter placement the same day', 'حالة عاجلة: الإيواء في اليوم نفسه'),
      owner: CASE_MANAGER,
      deadline: hours(8, 'case_received'),
      mandatory: true,
      mandatoryUnless: { consentRefused: { purpose: 'shelter' } },
      createWhen: URGENT,
      doneBy: { referral: 'shelter', on: 'accepted' },
    },
    {
      id: 'urgent_police',
      title: text('Urgent: alert the police the same day', 'حالة عاجلة: إبلاغ الشرطة في اليوم نفسه'),
      owner: CASE_MANAGER,
      deadline: hours(8, 'case_received'),
      mandatory: true,
      mandatoryUnless: { consentRefused: consentToPolice },
      createWhen: URGENT,
      doneBy: { referral: 'police_investigation', on: 'sent' },
    },
  ];
  if (child) {
    tasks.push({
      id: 'appoint_guardian',
      title: text(
        "Appoint a guardian or the child-protection authority, who consents on the child's behalf",
        'تعيين وصيّ أو جهة لحماية الطفل تُبدي الموافقة نيابةً عنه',
      ),
      owner: CASE_MANAGER,
      deadline: businessDays(1, 'case_received'),
      mandatory: true,
      evidence: text(
        'Guardian named; consents recorded by the guardian',
        'تسجيل اسم الوصيّ وتوثيق الموافقات الصادرة عنه',
      ),
    });
  }
  return tasks;
}

export function traffickingScreeningTasks(child: boolean): SopTask[] {
  return [
    {
      id: 'indicator_interview',
      title: child
        ? text(
            'Full indicator interview with an interpreter, by trained staff only',
            'مقابلة كاملة حول المؤشرات بحضور مترجم، يجريها موظفون مدرَّبون فقط',
          )
        : text('Full indicator interview with an interpreter', 'مقابلة كاملة حول المؤشرات بحضور مترجم'),
      owner: CASE_MANAGER,
      deadline: businessDays(1),
      mandatory: true,
      evidence: text('Screening questionnaire completed', 'استكمال استبيان الفحص الأولي'),
    },
    {
      id: 'presumed_victim_decision',
      title: text(
        'Presumed-victim decision by the NRM',
        'قرار الآلية الوطنية للإحالة بشأن اعتبار الشخص ضحية محتملة',
      ),
      owner: SUPERVISOR,
      deadline: businessDays(5),
      mandatory: true,
      evidence: child
        ? text(
            'A reasoned decision recorded (for a child the means element is not required)',
            'تسجيل قرار مسبَّب (لا يُشترط عنصر الوسيلة في حالة الطفل)',
          )
        : text('A reasoned decision recorded', 'تسجيل قرار مسبَّب'),
    },
    {
      id: 'recovery_reflection_period',
      title: text(
        'Start the recovery and reflection period (at least 30 days)',
        'بدء فترة التعافي والتفكير (30 يومًا على الأقل)',
      ),
      owner: CASE_MANAGER,
      deadline: businessDays(5),
      mandatory: true,
      evidence: text(
        'Start date recorded; the person is told they will not be removed during it and may decide whether to cooperate with the authorities',
        'تسجيل تاريخ البدء، وإبلاغ الشخص بأنه لن يُرحَّل خلالها وبأن له أن يقرر التعاون مع السلطات أو عدمه',
      ),
    },
  ];
}

const shelterService = (id: string, title: ReturnType<typeof text>, days: number): SopTask => ({
  id,
  title,
  owner: org('shelter'),
  deadline: businessDays(days, 'referral_accepted', 'shelter'),
  mandatory: true,
});

export function traffickingAssistanceTasks(child: boolean): SopTask[] {
  const tasks: SopTask[] = [
    // The reference gives no deadline for the briefing; 1 bd after admission is this SOP's default.
    shelterService('security_briefing', text('Security briefing', 'إحاطة أمنية'), 1),
    shelterService('medical_checkup', text('Medical check-up', 'فحص طبي'), 2),
    shelterService('legal_advice', text('Legal advice', 'استشارة قانونية'), 5),
    shelterService(
      'social_assessment',
      text('Social and psychological assessment', 'تقييم اجتماعي ونفسي'),
      5,
    ),
  ];
  if (child) {
    tasks.push(
      {
        id: 'family_tracing',
        title: text('Family tracing', 'البحث عن أسرة الطفل'),
        owner: CASE_MANAGER,
        mandatory: true,
      },
      {
        id: 'best_interests_assessment',
        title: text('Best-interests assessment, before any return', 'تقييم المصالح الفضلى للطفل قبل أي عودة'),
        owner: CASE_MANAGER,
        mandatory: true,
        evidence: text('Assessment recorded', 'تسجيل التقييم'),
      },
    );
  }
  return tasks;
}

/** Mandatory unless consent refused, which is recorded. */
export function traffickingReferrals(child: boolean): SopReferral[] {
  const shareWith = (organisationKind: 'labour_inspection' | 'prosecution_justice') => ({
    consentRefused: { purpose: 'share_with_organisation_kind' as const, organisationKind },
  });
  return [
    {
      id: 'shelter',
      organisationKind: 'shelter',
      purpose: 'shelter',
      title: child
        ? text(
            'Child-appropriate accommodation (never the adult shelter)',
            'إيواء ملائم للأطفال (لا يُودَع الطفل أبدًا في دار إيواء البالغين)',
          )
        : text('Shelter admission offer', 'عرض الإيواء في دار الإيواء'),
      required: true,
      requiredUnless: { consentRefused: { purpose: 'shelter' } },
    },
    {
      id: 'police_investigation',
      organisationKind: 'police',
      purpose: 'investigation',
      title: text(
        'Police (trafficking unit): investigation',
        'الشرطة (وحدة مكافحة الاتجار بالأشخاص): التحقيق',
      ),
      required: true,
      requiredUnless: { consentRefused: consentToPolice },
      acknowledgeWithin: POLICE_ACKNOWLEDGE,
    },
    {
      id: 'public_prosecution',
      organisationKind: 'prosecution_justice',
      purpose: 'prosecution',
      title: text(
        'Public Prosecution, once the investigation file is opened',
        'النيابة العامة، بعد فتح ملف التحقيق',
      ),
      required: false,
      requiredWhen: { procedure: 'investigation' },
      requiredUnless: shareWith('prosecution_justice'),
    },
    {
      id: 'embassy',
      organisationKind: 'embassy',
      purpose: 'travel_document',
      title: text(
        'Embassy of nationality: documents and consular help',
        'سفارة بلد الجنسية: الوثائق والمساعدة القنصلية',
      ),
      required: true,
      requiredUnless: { consentRefused: { purpose: 'embassy_contact' } },
    },
    {
      id: 'labour_inspection',
      organisationKind: 'labour_inspection',
      purpose: 'inspection',
      title: text(
        'Labour inspection of the employer and the recruitment agency',
        'التفتيش العمالي على صاحب العمل ووكالة الاستقدام',
      ),
      required: true,
      requiredUnless: shareWith('labour_inspection'),
    },
    {
      id: 'immigration_status',
      organisationKind: 'police',
      purpose: 'other',
      title: text(
        'Immigration / interior: regularise status during the recovery period',
        'الهجرة والجوازات / الداخلية: تسوية الوضع القانوني خلال فترة التعافي',
      ),
      required: true,
      requiredUnless: { consentRefused: consentToPolice },
    },
  ];
}
