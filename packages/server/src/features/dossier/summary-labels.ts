// The words of the case summary PDF. The enum values' words come from the domain's vocabulary
// (packages/domain/src/vocabulary), the one place the web, the PDF and the emails read them from.
import {
  CASE_CATEGORY_LABELS,
  CASE_DOCUMENT_TYPE_LABELS,
  CASE_STAGE_LABELS,
  CASE_SUBTYPE_LABELS,
  type Labels,
  REFERRAL_PURPOSE_LABELS,
  REFERRAL_STATUS_LABELS,
  RISK_LEVEL_LABELS,
  TASK_STATUS_LABELS,
} from '@opennrm/domain';

export type Locale = 'en' | 'ar';

/** A vocabulary as one value → word table per language, the shape the PDF looks words up in. */
function byLocale(labels: Labels<string>): Record<Locale, Record<string, string>> {
  const entries = Object.entries(labels);
  return {
    en: Object.fromEntries(entries.map(([value, label]) => [value, label.en])),
    ar: Object.fromEntries(entries.map(([value, label]) => [value, label.ar])),
  };
}

export const ENUM_LABELS: Record<string, Record<Locale, Record<string, string>>> = {
  stage: byLocale(CASE_STAGE_LABELS),
  category: byLocale(CASE_CATEGORY_LABELS),
  subtype: byLocale(CASE_SUBTYPE_LABELS),
  risk: byLocale(RISK_LEVEL_LABELS),
  referralPurpose: byLocale(REFERRAL_PURPOSE_LABELS),
  referralStatus: byLocale(REFERRAL_STATUS_LABELS),
  taskStatus: byLocale(TASK_STATUS_LABELS),
};

/** Case document types (packages/domain DOCUMENT_TYPES). */
export const DOCUMENT_TYPE_LABELS: Record<Locale, Record<string, string>> = byLocale(
  CASE_DOCUMENT_TYPE_LABELS,
);

export const TEXT = {
  en: {
    title: 'Case summary',
    confidential: 'Confidential: contains personal data of a possible victim of trafficking. Do not forward.',
    prepared: 'Prepared on {date} by {name}',
    caseSection: 'Case',
    reference: 'Reference',
    category: 'Category',
    subtype: 'Subtype',
    stage: 'Stage',
    risk: 'Risk',
    received: 'Received',
    opened: 'Opened',
    notCategorised: 'Not categorised yet',
    person: 'Person',
    nameLatin: 'Name (Latin script)',
    nameArabic: 'Name (Arabic script)',
    aliases: 'Other names',
    nationality: 'Nationality',
    dateOfBirth: 'Date of birth',
    personHidden: 'The person section is not shared with you.',
    referrals: 'Referrals',
    organisation: 'Organisation',
    purpose: 'Purpose',
    status: 'Status',
    sent: 'Sent',
    completed: 'Completed',
    noReferrals: 'No referrals you may see.',
    openTasks: 'Open tasks',
    doneTasks: 'Tasks done',
    task: 'Task',
    due: 'Due',
    noTasks: 'None.',
    documents: 'Documents in this dossier',
    number: 'No.',
    docTitle: 'Title',
    type: 'Type',
    date: 'Date',
    version: 'Version',
    file: 'File',
    noDocuments: 'No documents you may see.',
    page: 'Page {n} of {total}',
    none: '—',
  },
  ar: {
    title: 'ملخص الحالة',
    confidential: 'سري: يحتوي على بيانات شخصية لضحية محتملة للاتجار بالأشخاص. لا تُعِد إرساله.',
    prepared: 'أُعدّ في {date} بواسطة {name}',
    caseSection: 'الحالة',
    reference: 'الرقم المرجعي',
    category: 'الفئة',
    subtype: 'الفئة الفرعية',
    stage: 'المرحلة',
    risk: 'درجة الخطورة',
    received: 'تاريخ الاستلام',
    opened: 'تاريخ الفتح',
    notCategorised: 'لم تُصنَّف بعد',
    person: 'الشخص',
    nameLatin: 'الاسم (بالحروف اللاتينية)',
    nameArabic: 'الاسم (بالحروف العربية)',
    aliases: 'أسماء أخرى',
    nationality: 'الجنسية',
    dateOfBirth: 'تاريخ الميلاد',
    personHidden: 'قسم الشخص غير مشارَك معك.',
    referrals: 'الإحالات',
    organisation: 'الجهة',
    purpose: 'الغرض',
    status: 'الحالة',
    sent: 'تاريخ الإرسال',
    completed: 'تاريخ الإنجاز',
    noReferrals: 'لا توجد إحالات يمكنك الاطلاع عليها.',
    openTasks: 'المهام المفتوحة',
    doneTasks: 'المهام المنجزة',
    task: 'المهمة',
    due: 'الموعد النهائي',
    noTasks: 'لا توجد.',
    documents: 'المستندات في هذا الملف',
    number: 'الرقم',
    docTitle: 'العنوان',
    type: 'النوع',
    date: 'التاريخ',
    version: 'الإصدار',
    file: 'الملف',
    noDocuments: 'لا توجد مستندات يمكنك الاطلاع عليها.',
    page: 'صفحة {n} من {total}',
    none: '—',
  },
} satisfies Record<Locale, Record<string, string>>;
