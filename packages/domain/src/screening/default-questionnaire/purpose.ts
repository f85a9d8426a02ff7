import type { QuestionnaireSection } from '../questionnaire.js';
import { OTHER_OPTION, option, t, UNKNOWN_OPTION, yesNo } from './helpers.js';

/** Palermo Protocol, art. 3: the purpose of exploitation, plus the work context. */
export const PURPOSE_SECTION: QuestionnaireSection = {
  id: 'purpose',
  title: t('Purpose: exploitation', 'الغرض: الاستغلال'),
  description: t(
    'Palermo Protocol, third element: what the person was made to do, or what was planned.',
    'بروتوكول باليرمو، العنصر الثالث: ما أُجبر الشخص على فعله أو ما كان مخططًا له.',
  ),
  questions: [
    {
      id: 'purpose_elements',
      kind: 'multi_choice',
      element: 'purpose',
      required: true,
      text: t(
        'Which forms of exploitation did the person suffer, or were planned for them?',
        'ما أشكال الاستغلال التي تعرّض لها الشخص أو التي كانت مخططة له؟',
      ),
      hint: t(
        'Tick every form described, whether it happened or was intended.',
        'ضع علامة على كل شكل موصوف، سواء وقع فعلًا أو كان مقصودًا.',
      ),
      options: [
        option(
          'sexual_exploitation',
          'Sexual exploitation, including exploitation of the prostitution of others',
          'الاستغلال الجنسي، بما فيه استغلال دعارة الغير',
        ),
        option('forced_labour_or_services', 'Forced labour or services', 'العمل الجبري أو الخدمة قسرًا'),
        option(
          'slavery_or_similar_practices',
          'Slavery or practices similar to slavery',
          'الاسترقاق أو الممارسات الشبيهة بالرق',
        ),
        option(
          'servitude',
          'Servitude, including domestic servitude',
          'الاستعباد، بما فيه الاستعباد المنزلي',
        ),
        option('removal_of_organs', 'Removal of organs', 'نزع الأعضاء'),
        option('forced_criminality', 'Forced criminality', 'الإكراه على ارتكاب الجرائم'),
        option('forced_begging', 'Forced begging', 'الإكراه على التسول'),
      ],
    },
    yesNo(
      'forced_work',
      t(
        'Were you made to work when you did not want to, and could not refuse or leave without being punished?',
        'هل أُجبرت على العمل رغمًا عنك، دون قدرة على الرفض أو المغادرة خوفًا من العقاب؟',
      ),
      {
        element: 'purpose',
        hint: t(
          'Yes is evidence of forced labour or services.',
          'الإجابة بنعم دليل على العمل الجبري أو الخدمة قسرًا.',
        ),
      },
    ),
    yesNo(
      'forced_sexual_acts',
      t(
        'Were you made to have sex or perform sexual acts with others, or was that planned for you?',
        'هل أُجبرت على ممارسة الجنس أو أفعال جنسية مع آخرين، أو كان ذلك مخططًا لك؟',
      ),
      {
        element: 'purpose',
        hint: t(
          'Ask privately, through a trained interviewer, a man or a woman as the person prefers.',
          'اسأل على انفراد، وعن طريق موظف مدرَّب، رجلًا كان أو امرأة بحسب تفضيل الشخص.',
        ),
      },
    ),
    yesNo(
      'forced_crimes',
      t(
        'Were you made to steal, carry or sell drugs, or commit other crimes?',
        'هل أُجبرت على السرقة أو نقل المخدرات أو بيعها أو ارتكاب جرائم أخرى؟',
      ),
      {
        element: 'purpose',
        hint: t(
          'A presumed victim is not to be punished for offences they were made to commit.',
          'لا تجوز معاقبة الضحية المحتملة على جرائم أُجبرت على ارتكابها.',
        ),
      },
    ),
    yesNo('forced_to_beg', t('Were you made to beg?', 'هل أُجبرت على التسول؟'), { element: 'purpose' }),
    yesNo(
      'organ_removal',
      t(
        'Did anyone take, or try to take, an organ such as a kidney from you, or pressure you to sell one?',
        'هل انتزع أحد منك عضوًا مثل الكلية أو حاول ذلك، أو ضغط عليك لبيعه؟',
      ),
      { element: 'purpose' },
    ),
    {
      id: 'work_sector',
      kind: 'single_choice',
      text: t('What work do you do?', 'ما نوع عملك؟'),
      options: [
        option('domestic_work', 'Domestic work in a private household', 'العمل المنزلي في بيت خاص'),
        option('construction', 'Construction', 'البناء والتشييد'),
        option('agriculture_or_fishing', 'Agriculture or fishing', 'الزراعة أو صيد الأسماك'),
        option('hospitality', 'Hotels, restaurants or cafés', 'الفنادق أو المطاعم أو المقاهي'),
        option('cleaning_or_maintenance', 'Cleaning or maintenance', 'التنظيف أو الصيانة'),
        option('manufacturing', 'Factory or workshop', 'مصنع أو ورشة'),
        option('retail', 'Shop or sales', 'متجر أو مبيعات'),
        option('driving_or_delivery', 'Driving or delivery', 'القيادة أو التوصيل'),
        option(
          'entertainment',
          'Entertainment, massage or nightlife',
          'الترفيه أو التدليك أو الملاهي الليلية',
        ),
        option('not_working', 'Not working', 'بلا عمل'),
        OTHER_OPTION,
        UNKNOWN_OPTION,
      ],
    },
    yesNo(
      'lives_in_employer_home',
      t('Do you live in the home of the person you work for?', 'هل مكان سكنك هو بيت صاحب العمل نفسه؟'),
      {
        hint: t(
          'The domestic-worker context: together with servitude it points to domestic servitude.',
          'سياق العمل المنزلي: إذا اقترن بالاستعباد فإنه يشير إلى الاستعباد المنزلي.',
        ),
      },
    ),
  ],
};
