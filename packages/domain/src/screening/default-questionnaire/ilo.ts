import type { Question, QuestionnaireSection } from '../questionnaire.js';
import type { IloIndicator } from '../vocabulary.js';
import { t } from './helpers.js';

const indicator = (
  id: IloIndicator,
  text: [en: string, ar: string],
  hint: [en: string, ar: string],
): Question => ({
  id: `ilo_${id}`,
  kind: 'yes_no_unknown',
  indicator: id,
  required: true,
  text: t(...text),
  hint: t(...hint),
});

/** The ILO's 11 indicators of forced labour, one yes / no / unknown question each. */
export const ILO_SECTION: QuestionnaireSection = {
  id: 'ilo_indicators',
  title: t('ILO indicators of forced labour', 'مؤشرات منظمة العمل الدولية للعمل الجبري'),
  description: t(
    'Read each question aloud and record yes, no or unknown.',
    'اقرأ كل سؤال بصوت مسموع وسجّل: نعم أو لا أو غير معروف.',
  ),
  questions: [
    indicator(
      'abuse_of_vulnerability',
      [
        'Has anyone taken advantage of your situation (your visa status, not knowing the language or the law, having nowhere else to go, or needing money badly) to make you accept things you would not otherwise accept?',
        'هل استغل أحد وضعك، كوضع تأشيرتك أو عدم معرفتك باللغة أو القانون أو عدم وجود مكان آخر يمكن اللجوء إليه أو حاجتك الشديدة إلى المال، ليفرض عليك شروطًا غير مقبولة في الظروف العادية؟',
      ],
      [
        "Yes when the employer or another person used the person's dependence or weak position (irregular status, debt, housing or visa tied to the employer, language, age, illness) to impose conditions.",
        'نعم إذا استغل صاحب العمل أو شخص آخر تبعية الشخص أو ضعف موقفه (وضع غير نظامي، دَين، سكن أو تأشيرة مرتبطان بصاحب العمل، اللغة، السن، المرض) لفرض شروط عليه.',
      ],
    ),
    indicator(
      'deception',
      [
        'Is your job, your pay or your working conditions different from what you were promised before you came?',
        'هل يختلف عملك أو أجرك أو ظروف عملك عمّا وُعدت به قبل مجيئك؟',
      ],
      [
        'Yes when promises made at recruitment (job, pay, hours, employer, place, housing) were not kept.',
        'نعم إذا لم تُنفَّذ الوعود المقدَّمة عند التجنيد (العمل، الأجر، الساعات، صاحب العمل، المكان، السكن).',
      ],
    ),
    indicator(
      'restriction_of_movement',
      [
        'Does anyone stop you from leaving the workplace or the place where you live, or from going out when you are not working?',
        'هل يمنعك أحد من مغادرة مكان العمل أو السكن، أو من الخروج في أوقات الراحة؟',
      ],
      [
        'Locked doors, guards, being watched or followed, or being told you will be arrested if you go out all count.',
        'يُحتسب من ذلك: الأبواب المقفلة، والحراسة، والمراقبة أو التعقب، والتخويف بالقبض على الشخص إن خرج.',
      ],
    ),
    indicator(
      'isolation',
      [
        'Are you kept away from other people (not allowed a phone, to contact your family or to talk to others), or do you not know where you are?',
        'هل يعزلك أحد عن الناس، فيمنعك من الهاتف أو من الاتصال بأسرتك أو من التحدث إلى الآخرين؟ أو هل مكان وجودك مجهول بالنسبة إليك؟',
      ],
      [
        "Yes also when the person's phone was taken, or they do not know the address where they live or work.",
        'نعم أيضًا إذا أُخذ هاتف الشخص، أو كان لا يعرف عنوان سكنه أو عمله.',
      ],
    ),
    indicator(
      'physical_sexual_violence',
      [
        'Has anyone hit you, hurt you, touched you sexually or sexually assaulted you, or forced you to take drugs or alcohol?',
        'هل ضربك أحد أو آذاك أو لمسك لمسًا جنسيًا أو اعتدى عليك جنسيًا، أو أجبرك على تعاطي المخدرات أو الكحول؟',
      ],
      [
        "Ask calmly and privately; a 'yes' need not be explained now. Record the kinds of violence in the safety section.",
        'اسأل بهدوء وعلى انفراد؛ لا يلزم شرح الإجابة بنعم الآن. سجّل أنواع العنف في قسم السلامة.',
      ],
    ),
    indicator(
      'intimidation_threats',
      [
        'Has anyone threatened you: with violence, with reporting you to the police or immigration, with deportation, or with harm to your family?',
        'هل هدّدك أحد بالعنف، أو بالإبلاغ عنك للشرطة أو لسلطات الهجرة، أو بالترحيل، أو بإيذاء أسرتك؟',
      ],
      ['Threats count even if they were never carried out.', 'يُحتسب التهديد حتى لو لم يُنفَّذ.'],
    ),
    indicator(
      'retention_of_identity_documents',
      [
        'Is your passport, identity card or work permit kept by someone else, so that you cannot get it back when you ask?',
        'هل يحتفظ شخص آخر بجواز سفرك أو بطاقة هويتك أو تصريح عملك، بحيث لا يمكنك استرداده متى طلبت؟',
      ],
      ['Record who holds each document in the documents section.', 'سجّل من يحتفظ بكل وثيقة في قسم الوثائق.'],
    ),
    indicator(
      'withholding_of_wages',
      [
        'Has your pay been held back, delayed, cut or not paid at all?',
        'هل حُجز أجرك أو تأخّر أو اقتُطع منه أو لم يُدفع إطلاقًا؟',
      ],
      [
        'Record the wage promised and the wage paid in the work and pay section.',
        'سجّل الأجر الموعود والأجر المدفوع في قسم العمل والأجر.',
      ],
    ),
    indicator(
      'debt_bondage',
      [
        'Do you owe money to your employer, agent or recruiter that you must work to pay back, and that never seems to get smaller?',
        'هل عليك دَين لصاحب العمل أو الوكيل أو من استقدمك، يجب سداده بالعمل، ولا يبدو أنه يتناقص؟',
      ],
      [
        'Debt bondage: work is the security for a debt whose amount or terms the person does not control.',
        'عبودية الدَّين: يكون العمل ضمانًا لدَين لا يتحكم الشخص في مقداره أو شروطه.',
      ],
    ),
    indicator(
      'abusive_working_living_conditions',
      [
        'Are the conditions where you work or live dangerous, degrading or unhealthy: for example no proper bed, not enough food, no privacy, or dangerous work without protection?',
        'هل ظروف عملك أو سكنك خطرة أو مهينة أو غير صحية، كعدم وجود سرير مناسب أو طعام كافٍ أو خصوصية، أو القيام بعمل خطر دون حماية؟',
      ],
      [
        'Judge by what the person describes, not by local custom for migrant housing.',
        'احكم بناءً على ما يصفه الشخص، لا على ما جرى عليه العرف في سكن العمال المهاجرين.',
      ],
    ),
    indicator(
      'excessive_overtime',
      [
        'Are you made to work very long hours or without days off, beyond what the law or your contract allows, without being able to refuse?',
        'هل يُفرض عليك العمل ساعات طويلة جدًا أو دون أيام راحة، بما يتجاوز ما يسمح به القانون أو عقدك، دون إمكانية للرفض؟',
      ],
      [
        'Record the usual hours and rest days in the work and pay section.',
        'سجّل ساعات العمل المعتادة وأيام الراحة في قسم العمل والأجر.',
      ],
    ),
  ],
};
