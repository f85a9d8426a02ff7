import type { QuestionnaireSection, QuestionOption } from '../questionnaire.js';
import { option, t, UNKNOWN_OPTION, yesNo } from './helpers.js';

/** Who holds a document: the values of `DocumentHolder`, plus "has none". */
const HOLDERS: QuestionOption[] = [
  option('person', 'The person themself', 'الشخص نفسه'),
  option('employer', 'The employer', 'صاحب العمل'),
  option('recruitment_agency', 'The recruitment agency', 'وكالة التوظيف (مكتب الاستقدام)'),
  option('authority', 'An authority (police, court, immigration)', 'جهة رسمية (الشرطة أو المحكمة أو الهجرة)'),
  option('other', 'Someone else', 'شخص آخر'),
  option('no_document', 'There is no such document', 'لا توجد هذه الوثيقة'),
  UNKNOWN_OPTION,
];

export const RECRUITMENT_CONTRACT_SECTION: QuestionnaireSection = {
  id: 'recruitment_contract',
  title: t('Recruitment fees and contract', 'رسوم الاستقدام والعقد'),
  questions: [
    yesNo(
      'recruitment_fee_paid',
      t(
        'Did you or your family pay anyone a fee to get this job?',
        'هل دفعت أنت أو أسرتك رسومًا لأي جهة للحصول على هذا العمل؟',
      ),
      {
        hint: t(
          'Recruitment fees are for the employer to pay, not the worker.',
          'رسوم الاستقدام يتحملها صاحب العمل لا العامل.',
        ),
      },
    ),
    {
      id: 'recruitment_fee_amount',
      kind: 'number',
      min: 0,
      text: t(
        'How much was paid, in the currency it was paid in?',
        'كم المبلغ المدفوع، بالعملة التي دُفع بها؟',
      ),
    },
    yesNo(
      'owes_debt_for_job',
      t(
        'Do you still owe money for the job, the journey or the visa?',
        'هل ما زال عليك دَين مقابل العمل أو السفر أو التأشيرة؟',
      ),
      {
        hint: t(
          'If the debt must be worked off, also answer the debt bondage indicator.',
          'إذا كان سداد الدَّين بالعمل، فأجب أيضًا عن مؤشر عبودية الدَّين.',
        ),
      },
    ),
    yesNo('contract_signed', t('Did you sign a contract for this job?', 'هل وقّعت عقدًا لهذا العمل؟')),
    yesNo(
      'contract_language_understood',
      t('Was the contract in a language you understand?', 'هل كان العقد بلغة مفهومة لك؟'),
    ),
    yesNo(
      'contract_substituted',
      t(
        'After you arrived, were you given a different contract, or made to sign a new one with worse terms?',
        'بعد وصولك، هل أُعطيت عقدًا مختلفًا أو طُلب منك توقيع عقد جديد بشروط أسوأ؟',
      ),
      {
        hint: t(
          'Contract substitution is also evidence of deception.',
          'استبدال العقد دليل على الخداع أيضًا.',
        ),
      },
    ),
  ],
};

export const WORK_PAY_SECTION: QuestionnaireSection = {
  id: 'work_pay',
  title: t('Work, hours and pay', 'العمل وساعات العمل والأجر'),
  questions: [
    {
      id: 'working_hours_per_day',
      kind: 'number',
      min: 0,
      max: 24,
      text: t('On a normal day, how many hours do you work?', 'كم عدد ساعات العمل في يومك العادي؟'),
      hint: t(
        'From the start to the end of work, minus breaks.',
        'من بداية العمل إلى نهايته، مع طرح فترات الاستراحة.',
      ),
    },
    {
      id: 'rest_days_per_week',
      kind: 'number',
      min: 0,
      max: 7,
      text: t('How many days off do you get each week?', 'كم عدد أيام راحتك في الأسبوع؟'),
      hint: t('0 if there is no day off.', 'صفر إذا لم يكن هناك يوم راحة.'),
    },
    {
      id: 'wage_promised_monthly',
      kind: 'number',
      min: 0,
      text: t('What monthly wage were you promised?', 'ما الأجر الشهري الذي وُعدت به؟'),
      hint: t(
        'Per month, in one currency; use the same currency for the wage paid.',
        'شهريًا وبعملة واحدة؛ استخدم العملة نفسها للأجر المدفوع.',
      ),
    },
    {
      id: 'wage_paid_monthly',
      kind: 'number',
      min: 0,
      text: t('What monthly wage are you actually paid?', 'ما الأجر الشهري المدفوع لك فعليًا؟'),
      hint: t(
        '0 if nothing is paid; an average if it varies.',
        'صفر إذا لم يُدفع شيء، أو المتوسط إذا كان يتفاوت.',
      ),
    },
    {
      id: 'wage_currency',
      kind: 'text',
      text: t(
        'Currency of the two wages (for example BHD, USD)',
        'عملة الأجرين (مثل: الدينار البحريني BHD أو الدولار الأمريكي USD)',
      ),
    },
    {
      id: 'months_wages_unpaid',
      kind: 'number',
      min: 0,
      max: 600,
      text: t(
        'For how many months has your pay been late or missing?',
        'منذ كم شهرًا وأجرك متأخر أو غير مدفوع؟',
      ),
      hint: t('0 if pay is on time.', 'صفر إذا كان الأجر يُدفع في موعده.'),
    },
  ],
};

export const DOCUMENTS_FREEDOM_SECTION: QuestionnaireSection = {
  id: 'documents_freedom',
  title: t('Documents and freedom of movement', 'الوثائق وحرية التنقل'),
  questions: [
    {
      id: 'passport_holder',
      kind: 'single_choice',
      text: t('Who holds your passport now?', 'من يحتفظ بجواز سفرك الآن؟'),
      options: HOLDERS,
    },
    {
      id: 'work_permit_holder',
      kind: 'single_choice',
      text: t(
        'Who holds your work permit or residence card now?',
        'من يحتفظ بتصريح عملك أو بطاقة إقامتك الآن؟',
      ),
      options: HOLDERS,
    },
    yesNo(
      'can_leave_workplace',
      t(
        'Can you leave the workplace or the house when you want to, for example on your day off?',
        'هل يمكنك مغادرة مكان العمل أو البيت متى شئت، في يوم راحتك مثلًا؟',
      ),
      { hint: t('No is evidence of restriction of movement.', 'الإجابة «لا» دليل على تقييد الحركة.') },
    ),
    yesNo(
      'confined',
      t(
        'Are you locked in, or kept in a place you cannot leave?',
        'هل يُقفَل عليك الباب، أو يحتجزك أحد في مكان لا يمكنك مغادرته؟',
      ),
    ),
  ],
};

export const SAFETY_SECTION: QuestionnaireSection = {
  id: 'safety',
  title: t('Violence, threats and safety', 'العنف والتهديد والسلامة'),
  questions: [
    {
      id: 'violence_experienced',
      kind: 'multi_choice',
      text: t(
        'Which kinds of violence have you experienced in this situation?',
        'ما أنواع العنف التي تعرّضت لها في هذا الوضع؟',
      ),
      hint: t(
        "Tick all that apply; choose 'none' only when the person says so.",
        'ضع علامة على كل ما ينطبق، ولا تختر «لا شيء» إلا إذا قال الشخص ذلك.',
      ),
      options: [
        option('physical', 'Physical', 'جسدي'),
        option('sexual', 'Sexual', 'جنسي'),
        option(
          'psychological',
          'Psychological (insults, humiliation, threats)',
          'نفسي (الإهانة والإذلال والتهديد)',
        ),
        option('none', 'None', 'لا شيء'),
      ],
    },
    yesNo(
      'threats_to_family',
      t('Has anyone threatened your family, here or at home?', 'هل هدّد أحد أسرتك، هنا أو في بلدك؟'),
    ),
    yesNo(
      'still_in_situation',
      t(
        'Are you still in this situation, or will you have to go back to it after today?',
        'هل ما زلت في هذا الوضع، أو هل يتعيّن عليك العودة إليه بعد اليوم؟',
      ),
      {
        required: true,
        hint: t(
          'Decides how urgently the person needs protection.',
          'يحدّد مدى إلحاح حاجة الشخص إلى الحماية.',
        ),
      },
    ),
    yesNo(
      'others_in_same_situation',
      t(
        'Are other people in the same situation, with the same employer or in the same house or place?',
        'هل يوجد أشخاص آخرون في الوضع نفسه، لدى صاحب العمل نفسه أو في البيت أو المكان نفسه؟',
      ),
      {
        hint: t(
          'A lead for labour inspection and the police: record how many and where.',
          'معلومة مفيدة للتفتيش العمالي والشرطة: سجّل عددهم ومكانهم.',
        ),
      },
    ),
    {
      id: 'others_details',
      kind: 'text',
      text: t('If yes: how many, and where?', 'إذا كانت الإجابة نعم: كم عددهم، وأين هم؟'),
    },
  ],
};
