import type { QuestionnaireSection } from '../questionnaire.js';
import { OTHER_OPTION, option, t, UNKNOWN_OPTION, yesNo } from './helpers.js';

/** Palermo Protocol, art. 3: act, means and purpose (wording after the official Arabic text). */
export const ACT_SECTION: QuestionnaireSection = {
  id: 'act',
  title: t(
    'Act: how the person was recruited, moved or received',
    'الفعل: كيف جرى تجنيد الشخص أو نقله أو استقباله',
  ),
  description: t('Palermo Protocol, first element.', 'بروتوكول باليرمو، العنصر الأول.'),
  questions: [
    {
      id: 'act_elements',
      kind: 'multi_choice',
      element: 'act',
      required: true,
      text: t('Which of these acts happened to the person?', 'أيٌّ من هذه الأفعال وقع على الشخص؟'),
      hint: t(
        'Tick every act the person describes, whoever did it. An act alone is not a crime: what matters is its combination with means and purpose.',
        'ضع علامة على كل فعل يصفه الشخص، أيًّا كان من قام به. الفعل وحده ليس جريمة؛ المهم اقترانه بالوسيلة والغرض.',
      ),
      options: [
        option(
          'recruitment',
          'Recruited: offered or promised a job or a journey',
          'التجنيد: عرض عمل أو سفر عليه أو وعده به',
        ),
        option(
          'transportation',
          'Transported: taken to or within the country',
          'النقل: نقله إلى البلد أو داخله',
        ),
        option(
          'transfer',
          'Transferred: handed over to another person or employer',
          'التنقيل: تسليمه إلى شخص آخر أو صاحب عمل آخر',
        ),
        option('harbouring', 'Harboured: housed or kept somewhere', 'الإيواء: إسكانه أو إبقاؤه في مكان ما'),
        option('receipt', 'Received: met and taken in on arrival', 'الاستقبال: استلامه عند الوصول'),
      ],
    },
    {
      id: 'recruitment_channel',
      kind: 'single_choice',
      text: t('Who offered you this job, or how did you find it?', 'من عرض عليك هذا العمل، أو كيف وجدته؟'),
      options: [
        option('recruitment_agency', 'A recruitment agency', 'وكالة توظيف (مكتب استقدام)'),
        option('online', 'Online or through social media', 'عبر الإنترنت أو وسائل التواصل الاجتماعي'),
        option(
          'relative_or_acquaintance',
          'A relative, friend or acquaintance',
          'قريب أو صديق أو أحد المعارف',
        ),
        option('employer_directly', 'The employer directly', 'صاحب العمل مباشرة'),
        OTHER_OPTION,
        UNKNOWN_OPTION,
      ],
    },
    {
      id: 'recruiter_details',
      kind: 'text',
      text: t(
        'Who recruited you (name of the person or agency), and where: which country and town?',
        'من الذي استقدمك أو عرض عليك العمل (اسم الشخص أو الوكالة)، وأين تم ذلك (البلد والمدينة)؟',
      ),
    },
    yesNo(
      'travel_arranged_by_others',
      t(
        'Did someone else arrange or pay for your journey to this country?',
        'هل رتّب شخص آخر سفرك إلى هذا البلد أو دفع تكاليفه؟',
      ),
      {
        element: 'act',
        hint: t('Yes is evidence of the act of transportation.', 'الإجابة بنعم دليل على فعل النقل.'),
      },
    ),
    yesNo(
      'met_on_arrival',
      t(
        'When you arrived, did someone meet you and take you to a house, a dormitory or an employer?',
        'عند وصولك، هل استقبلك أحد وأخذك إلى منزل أو سكن جماعي أو إلى صاحب عمل؟',
      ),
      {
        element: 'act',
        hint: t(
          'Yes is evidence of the act of receipt or harbouring.',
          'الإجابة بنعم دليل على فعل الاستقبال أو الإيواء.',
        ),
      },
    ),
    yesNo(
      'handed_over',
      t(
        'Were you handed over to another employer or person without your free choice?',
        'هل جرى تسليمك إلى صاحب عمل آخر أو شخص آخر دون اختيار حر منك؟',
      ),
      {
        element: 'act',
        hint: t('Yes is evidence of the act of transfer.', 'الإجابة بنعم دليل على فعل التنقيل.'),
      },
    ),
  ],
};

export const MEANS_SECTION: QuestionnaireSection = {
  id: 'means',
  title: t('Means: how the person was controlled', 'الوسيلة: كيف جرت السيطرة على الشخص'),
  description: t(
    'Palermo Protocol, second element. Not required when the person is under 18.',
    'بروتوكول باليرمو، العنصر الثاني. لا يُشترط إذا كان عمر الشخص أقل من 18 سنة.',
  ),
  questions: [
    {
      id: 'means_elements',
      kind: 'multi_choice',
      element: 'means',
      required: true,
      text: t(
        'Which of these means were used to bring the person here or to keep them in the situation?',
        'أيٌّ من هذه الوسائل استُخدم لجلب الشخص أو لإبقائه في هذا الوضع؟',
      ),
      hint: t(
        'Tick every means the person describes. The means are not required for a child (under 18).',
        'ضع علامة على كل وسيلة يصفها الشخص. لا تُشترط الوسيلة في حالة الطفل (أقل من 18 سنة).',
      ),
      options: [
        option('threat', 'Threat', 'التهديد'),
        option('force', 'Use of force', 'استعمال القوة'),
        option('coercion', 'Other forms of coercion', 'أشكال أخرى من القسر'),
        option('abduction', 'Abduction', 'الاختطاف'),
        option('fraud', 'Fraud', 'الاحتيال'),
        option(
          'deception',
          'Deception (about the job, pay, conditions, employer or country)',
          'الخداع (بشأن العمل أو الأجر أو الظروف أو صاحب العمل أو البلد)',
        ),
        option(
          'abuse_of_power_or_vulnerability',
          'Abuse of power or of a position of vulnerability',
          'استغلال السلطة أو استغلال حالة استضعاف',
        ),
        option(
          'payments_to_person_in_control',
          'Payments or benefits given to a person who has control over them',
          'إعطاء أو تلقي مبالغ مالية أو مزايا لنيل موافقة شخص له سيطرة عليه',
        ),
      ],
    },
    yesNo(
      'means_threat_or_force',
      t(
        'Did anyone threaten you or use force to make you come, stay or work?',
        'هل هدّدك أحد أو استعمل القوة معك لإجبارك على المجيء أو البقاء أو العمل؟',
      ),
      { element: 'means' },
    ),
    yesNo(
      'means_deceived',
      t(
        'Were you lied to about the job, the pay, the conditions, the employer or the country?',
        'هل خُدعت بشأن العمل أو الأجر أو ظروف العمل أو صاحب العمل أو البلد؟',
      ),
      { element: 'means' },
    ),
    {
      id: 'deceived_about',
      kind: 'multi_choice',
      text: t('What were you lied to about?', 'في أي الأمور خُدعت؟'),
      hint: t('Ask only if the previous answer is yes.', 'لا تسأل إلا إذا كانت الإجابة السابقة «نعم».'),
      options: [
        option('job', 'The kind of job', 'نوع العمل'),
        option('pay', 'The pay', 'الأجر'),
        option('conditions', 'Working or living conditions', 'ظروف العمل أو السكن'),
        option('employer', 'The employer', 'صاحب العمل'),
        option('country', 'The country', 'البلد'),
      ],
    },
    yesNo(
      'means_abducted',
      t('Were you taken or held somewhere against your will?', 'هل أُخذت أو احتُجزت في مكان ما رغمًا عنك؟'),
      { element: 'means' },
    ),
    yesNo(
      'means_payment_for_person',
      t(
        "Did anyone pay or receive money or favours in exchange for you, for example to 'buy' you or your visa from someone who controlled you?",
        'هل دفع أحد أو تلقّى مالًا أو منافع مقابلك، كأن «يشتريك» أو يشتري تأشيرتك من شخص كان يسيطر عليك؟',
      ),
      { element: 'means' },
    ),
  ],
};
