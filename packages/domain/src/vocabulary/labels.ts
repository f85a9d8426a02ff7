/**
 * The words for every enum value the app shows, in English and Arabic: the one place they are
 * written. The web's translations (packages/web/src/i18n), the case summary PDF and the
 * notification emails all read them from here. Arabic follows the glossary in docs/UX.md.
 */
import type {
  CaseCategory,
  CaseStage,
  CaseSubtype,
  ConsentMethod,
  ConsentPurpose,
  ConsentStatus,
  DocumentHolder,
  IdentityDocumentType,
  IntakeChannel,
  PartyKind,
  PartyRole,
  RiskLevel,
  Sex,
  Vulnerability,
  WorkPermitType,
} from '../case-vocabulary.js';
import type { AuditAction, AuditOutcome } from '../contracts/audit.js';
import type { SessionStage } from '../contracts/auth.js';
import type { CaseSection, DuplicateCheck, IntakeKind } from '../contracts/cases.js';
import type { DocumentType } from '../contracts/documents.js';
import type { NotificationKind } from '../contracts/workflow.js';
import type { OrganisationKind, Role } from '../roles.js';
import type { IloIndicator, PalermoElement } from '../screening/vocabulary.js';
import type {
  ProcedureKind,
  ReferralPurpose,
  ReferralStatus,
  ResolutionKind,
  TaskStatus,
} from '../sop/vocabulary.js';
import type { Label, Labels } from './label.js';

/** Where a case is in its lifecycle (a case's state: "Received", "Closed"). */
export const CASE_STAGE_LABELS: Labels<CaseStage> = {
  received: { en: 'Received', ar: 'مستلمة' },
  screening: { en: 'Screening', ar: 'قيد الفحص الأولي' },
  referral_assistance: { en: 'Referral and assistance', ar: 'الإحالة والمساعدة' },
  proceedings: { en: 'Proceedings', ar: 'الإجراءات القانونية' },
  resolution: { en: 'Resolution', ar: 'تسوية الحالة' },
  follow_up: { en: 'Follow-up', ar: 'المتابعة' },
  closed: { en: 'Closed', ar: 'مغلقة' },
};

export const CASE_CATEGORY_LABELS: Labels<CaseCategory> = {
  labour_case: { en: 'Labour case', ar: 'قضية عمالية' },
  abuse: { en: 'Abuse', ar: 'إساءة' },
  trafficking: { en: 'Trafficking in persons', ar: 'الاتجار بالأشخاص' },
};

export const CASE_SUBTYPE_LABELS: Labels<CaseSubtype> = {
  unpaid_wages: { en: 'Unpaid wages', ar: 'أجور غير مدفوعة' },
  contract_violation: { en: 'Contract violation', ar: 'مخالفة العقد' },
  employer_transfer: { en: 'Change of employer', ar: 'تغيير صاحب العمل' },
  working_conditions: { en: 'Working conditions', ar: 'ظروف العمل' },
  other: { en: 'Other', ar: 'أخرى' },
  physical: { en: 'Physical', ar: 'جسدية' },
  sexual: { en: 'Sexual', ar: 'جنسية' },
  psychological: { en: 'Psychological', ar: 'نفسية' },
  sexual_exploitation: { en: 'Sexual exploitation', ar: 'الاستغلال الجنسي' },
  forced_labour: { en: 'Forced labour', ar: 'العمل الجبري' },
  domestic_servitude: { en: 'Domestic servitude', ar: 'الاستعباد المنزلي' },
  forced_criminality: { en: 'Forced criminality', ar: 'الإكراه على ارتكاب الجرائم' },
  forced_begging: { en: 'Forced begging', ar: 'التسوّل القسري' },
  organ_removal: { en: 'Organ removal', ar: 'نزع الأعضاء' },
};

export const RISK_LEVEL_LABELS: Labels<RiskLevel> = {
  urgent: { en: 'Urgent', ar: 'عاجل' },
  high: { en: 'High', ar: 'مرتفع' },
  medium: { en: 'Medium', ar: 'متوسط' },
  low: { en: 'Low', ar: 'منخفض' },
};

export const INTAKE_CHANNEL_LABELS: Labels<IntakeChannel> = {
  walk_in: { en: 'Walk-in at the centre', ar: 'حضور شخصي إلى المركز' },
  hotline: { en: '995 hotline', ar: 'الخط الساخن 995' },
  labour_inspection: { en: 'Labour inspection', ar: 'التفتيش العمالي' },
  police: { en: 'Police', ar: 'الشرطة' },
  embassy: { en: 'Embassy', ar: 'السفارة' },
  ngo: { en: 'NGO', ar: 'منظمة غير حكومية' },
  health: { en: 'Health facility', ar: 'منشأة صحية' },
  airport: { en: 'Airport', ar: 'المطار' },
  online_self_report: { en: 'Online self-report', ar: 'بلاغ ذاتي عبر الإنترنت' },
  other: { en: 'Other', ar: 'أخرى' },
};

export const INTAKE_KIND_LABELS: Labels<IntakeKind> = {
  walk_in: { en: 'Walk-in interview', ar: 'مقابلة حضورية' },
  hotline: { en: 'Hotline call', ar: 'مكالمة على الخط الساخن' },
  first_responder: { en: 'First-responder referral', ar: 'إحالة من جهة استجابة أولى' },
};

export const SEX_LABELS: Labels<Sex> = {
  female: { en: 'Female', ar: 'أنثى' },
  male: { en: 'Male', ar: 'ذكر' },
  other: { en: 'Other', ar: 'آخر' },
  unknown: { en: 'Not known', ar: 'غير معروف' },
};

export const WORK_PERMIT_TYPE_LABELS: Labels<WorkPermitType> = {
  employer_sponsored: { en: 'Employer-sponsored', ar: 'بكفالة صاحب العمل' },
  domestic_worker: { en: 'Domestic worker', ar: 'عامل منزلي / عاملة منزلية' },
  flexible_permit: { en: 'Flexible permit', ar: 'تصريح عمل مرن' },
  none: { en: 'No permit', ar: 'بلا تصريح' },
  unknown: { en: 'Not known', ar: 'غير معروف' },
};

export const IDENTITY_DOCUMENT_TYPE_LABELS: Labels<IdentityDocumentType> = {
  passport: { en: 'Passport', ar: 'جواز سفر' },
  national_id: { en: 'National identity card', ar: 'بطاقة هوية وطنية' },
  residence_permit: { en: 'Residence permit', ar: 'تصريح إقامة' },
  work_permit: { en: 'Work permit', ar: 'تصريح عمل' },
  other: { en: 'Other document', ar: 'وثيقة أخرى' },
};

export const DOCUMENT_HOLDER_LABELS: Labels<DocumentHolder> = {
  person: { en: 'The person', ar: 'الشخص نفسه' },
  employer: { en: 'The employer', ar: 'صاحب العمل' },
  recruitment_agency: { en: 'A recruitment agency', ar: 'وكالة توظيف' },
  authority: { en: 'An authority', ar: 'جهة رسمية' },
  other: { en: 'Someone else', ar: 'شخص آخر' },
  unknown: { en: 'Not known', ar: 'غير معروف' },
};

export const VULNERABILITY_LABELS: Labels<Vulnerability> = {
  minor: { en: 'Minor (under 18)', ar: 'قاصر (دون 18 سنة)' },
  pregnancy: { en: 'Pregnant', ar: 'حامل' },
  disability: { en: 'Disability', ar: 'إعاقة' },
  health: { en: 'Health condition', ar: 'حالة صحية' },
};

export const CONSENT_PURPOSE_LABELS: Labels<ConsentPurpose> = {
  share_with_organisation: { en: 'Share with a named organisation', ar: 'المشاركة مع جهة محددة' },
  share_with_organisation_kind: { en: 'Share with a kind of organisation', ar: 'المشاركة مع نوع من الجهات' },
  shelter: { en: 'Place in a shelter', ar: 'الإيواء في دار الإيواء' },
  embassy_contact: { en: 'Contact the embassy of their country', ar: 'التواصل مع سفارة بلده' },
  statistics: { en: 'Use in statistics, without their name', ar: 'الاستخدام في الإحصاءات دون ذكر الاسم' },
};

export const CONSENT_STATUS_LABELS: Labels<ConsentStatus> = {
  given: { en: 'Given', ar: 'ممنوحة' },
  refused: { en: 'Refused', ar: 'مرفوضة' },
  withdrawn: { en: 'Withdrawn', ar: 'مسحوبة' },
};

export const CONSENT_METHOD_LABELS: Labels<ConsentMethod> = {
  verbal_with_interpreter: { en: 'Spoken, with an interpreter', ar: 'شفهيًا بحضور مترجم' },
  verbal: { en: 'Spoken', ar: 'شفهيًا' },
  signed_form: { en: 'Signed form', ar: 'نموذج موقّع' },
};

export const PARTY_KIND_LABELS: Labels<PartyKind> = {
  company: { en: 'Company', ar: 'شركة' },
  recruitment_agency: { en: 'Recruitment agency', ar: 'وكالة توظيف' },
  individual: { en: 'Individual', ar: 'فرد' },
};

export const PARTY_ROLE_LABELS: Labels<PartyRole> = {
  employer: { en: 'Employer', ar: 'صاحب العمل' },
  recruitment_agency: { en: 'Recruitment agency', ar: 'وكالة التوظيف' },
  sponsor: { en: 'Sponsor', ar: 'الكفيل' },
  alleged_perpetrator: { en: 'Alleged perpetrator', ar: 'الجاني المزعوم' },
  other: { en: 'Other', ar: 'أخرى' },
};

export const CASE_SECTION_LABELS: Labels<CaseSection> = {
  person: { en: 'Person', ar: 'الشخص' },
  narrative: { en: 'What happened', ar: 'ما حدث' },
  screening: { en: 'Screening', ar: 'الفحص الأولي' },
  parties: { en: 'Parties', ar: 'الأطراف' },
  consents: { en: 'Consents', ar: 'الموافقات' },
  timeline: { en: 'Timeline', ar: 'التسلسل الزمني' },
};

export const DUPLICATE_CHECK_LABELS: Labels<DuplicateCheck> = {
  pending: { en: 'Duplicate check not done', ar: 'لم يُتحقَّق من التكرار' },
  new_person_confirmed: { en: 'Confirmed as a new person', ar: 'تأكّد أنه شخص جديد' },
  linked_existing: { en: 'Linked to an existing person', ar: 'رُبط بسجل شخص موجود' },
};

export const ILO_INDICATOR_LABELS: Labels<IloIndicator> = {
  abuse_of_vulnerability: { en: 'Abuse of vulnerability', ar: 'استغلال حالة الضعف' },
  deception: { en: 'Deception', ar: 'الخداع' },
  restriction_of_movement: { en: 'Restriction of movement', ar: 'تقييد حرية التنقل' },
  isolation: { en: 'Isolation', ar: 'العزل' },
  physical_sexual_violence: { en: 'Physical and sexual violence', ar: 'العنف الجسدي والجنسي' },
  intimidation_threats: { en: 'Intimidation and threats', ar: 'الترهيب والتهديد' },
  retention_of_identity_documents: { en: 'Retention of identity documents', ar: 'حجز وثائق الهوية' },
  withholding_of_wages: { en: 'Withholding of wages', ar: 'حجب الأجور' },
  debt_bondage: { en: 'Debt bondage', ar: 'عبودية الدَّين' },
  abusive_working_living_conditions: {
    en: 'Abusive working and living conditions',
    ar: 'ظروف عمل ومعيشة مسيئة',
  },
  excessive_overtime: { en: 'Excessive overtime', ar: 'العمل الإضافي المفرط' },
};

export const PALERMO_ELEMENT_LABELS: Labels<PalermoElement> = {
  act: { en: 'Act', ar: 'الفعل' },
  means: { en: 'Means', ar: 'الوسيلة' },
  purpose: { en: 'Purpose (exploitation)', ar: 'الغرض (الاستغلال)' },
};

export const REFERRAL_PURPOSE_LABELS: Labels<ReferralPurpose> = {
  inspection: { en: 'Labour inspection', ar: 'التفتيش العمالي' },
  grievance: { en: 'Grievance', ar: 'التظلم' },
  shelter: { en: 'Shelter', ar: 'الإيواء' },
  medical: { en: 'Medical care', ar: 'الرعاية الطبية' },
  legal_aid: { en: 'Legal aid', ar: 'المساعدة القانونية' },
  investigation: { en: 'Investigation', ar: 'التحقيق' },
  prosecution: { en: 'Prosecution', ar: 'الملاحقة القضائية' },
  travel_document: { en: 'Travel document', ar: 'وثيقة السفر' },
  repatriation: { en: 'Repatriation', ar: 'العودة إلى الوطن' },
  other: { en: 'Other', ar: 'غرض آخر' },
};

export const REFERRAL_STATUS_LABELS: Labels<ReferralStatus> = {
  sent: { en: 'Sent', ar: 'مُرسلة' },
  acknowledged: { en: 'Acknowledged', ar: 'تم تأكيد الاستلام' },
  accepted: { en: 'Accepted', ar: 'مقبولة' },
  declined: { en: 'Declined', ar: 'مرفوضة' },
  in_progress: { en: 'In progress', ar: 'قيد التنفيذ' },
  completed: { en: 'Completed', ar: 'مكتملة' },
  revoked: { en: 'Revoked', ar: 'مسحوبة' },
};

export const TASK_STATUS_LABELS: Labels<TaskStatus> = {
  open: { en: 'Open', ar: 'مفتوحة' },
  done: { en: 'Done', ar: 'منجزة' },
  cancelled: { en: 'Cancelled', ar: 'ملغاة' },
};

export const PROCEDURE_KIND_LABELS: Labels<ProcedureKind> = {
  complaint: { en: 'Complaint', ar: 'شكوى' },
  police_report: { en: 'Police report', ar: 'بلاغ للشرطة' },
  investigation: { en: 'Investigation', ar: 'تحقيق' },
  prosecution: { en: 'Prosecution', ar: 'ملاحقة من النيابة العامة' },
  court: { en: 'Court case', ar: 'دعوى أمام المحكمة' },
  labour_court: { en: 'Labour court case', ar: 'دعوى أمام المحكمة العمالية' },
  grievance: { en: 'Grievance', ar: 'تظلم' },
  settlement: { en: 'Settlement', ar: 'تسوية ودية' },
  administrative: { en: 'Administrative procedure', ar: 'إجراء إداري' },
  other: { en: 'Other procedure', ar: 'إجراء آخر' },
};

export const RESOLUTION_KIND_LABELS: Labels<ResolutionKind> = {
  return_to_same_employer: { en: 'Return to the same employer', ar: 'العودة إلى صاحب العمل نفسه' },
  transfer_of_employer: { en: 'Transfer to another employer', ar: 'الانتقال إلى صاحب عمل آخر' },
  flexible_permit: { en: 'Flexible work permit', ar: 'تصريح عمل مرن' },
  voluntary_repatriation: { en: 'Voluntary repatriation', ar: 'العودة الطوعية' },
  other: { en: 'Other resolution', ar: 'تسوية أخرى' },
};

export const CASE_DOCUMENT_TYPE_LABELS: Labels<DocumentType> = {
  passport_or_id: { en: 'Passport or ID copy', ar: 'نسخة من جواز السفر أو الهوية' },
  employment_contract: { en: 'Employment contract', ar: 'عقد العمل' },
  medical_report: { en: 'Medical report', ar: 'تقرير طبي' },
  police_report: { en: 'Police report', ar: 'محضر الشرطة' },
  court_judgment: { en: 'Court judgment', ar: 'حكم المحكمة' },
  consent_form: { en: 'Consent form', ar: 'استمارة الموافقة' },
  photo: { en: 'Photo', ar: 'صورة' },
  interview_record: { en: 'Interview record', ar: 'محضر المقابلة' },
  outcome_report: { en: 'Outcome report', ar: 'تقرير النتيجة' },
  other: { en: 'Other document', ar: 'مستند آخر' },
};

export const NOTIFICATION_KIND_LABELS: Labels<NotificationKind> = {
  referral_new: { en: 'New referral for your organisation', ar: 'إحالة جديدة إلى جهتك' },
  referral_updated: { en: 'A referral was updated', ar: 'تحديث على إحالة' },
  onward_requested: { en: 'Onward referral requested', ar: 'طلب إحالة إلى جهة أخرى' },
  task_assigned: { en: 'A task was assigned to you', ar: 'أُسندت إليك مهمة' },
  overdue: { en: 'Work is overdue', ar: 'عمل متأخر' },
  escalation: { en: 'Overdue work escalated to you', ar: 'صُعِّد إليك عمل متأخر' },
  approval_requested: { en: 'Your approval is requested', ar: 'مطلوب اعتمادك' },
  closure_decided: { en: 'A case closure was decided', ar: 'صدر قرار بشأن إغلاق حالة' },
  follow_up_due: { en: 'A follow-up contact is due', ar: 'حان موعد متابعة' },
  urgent_intake: { en: 'Urgent intake: act now', ar: 'حالة عاجلة واردة: يلزم التصرف فورًا' },
};

export const ROLE_LABELS: Labels<Role> = {
  administrator: { en: 'Administrator', ar: 'مدير النظام' },
  nrm_supervisor: { en: 'NRM supervisor', ar: 'مشرف الآلية الوطنية للإحالة' },
  nrm_case_manager: { en: 'NRM case manager', ar: 'مدير حالات في الآلية الوطنية للإحالة' },
  agency_focal_point: { en: 'Agency focal point', ar: 'ضابط ارتباط الجهة' },
  agency_officer: { en: 'Agency officer', ar: 'موظف الجهة' },
  shelter_staff: { en: 'Shelter staff', ar: 'موظف دار الإيواء' },
  hotline_operator: { en: 'Hotline operator', ar: 'موظف الخط الساخن' },
  embassy_officer: { en: 'Embassy officer', ar: 'موظف السفارة' },
  analyst: { en: 'Analyst', ar: 'محلل بيانات' },
  auditor: { en: 'Auditor', ar: 'مدقق' },
};

export const ORGANISATION_KIND_LABELS: Labels<OrganisationKind> = {
  coordinator: { en: 'National coordinator', ar: 'الجهة المنسقة الوطنية' },
  hotline: { en: 'Hotline', ar: 'الخط الساخن' },
  labour_inspection: { en: 'Labour inspection', ar: 'التفتيش العمالي' },
  grievances: { en: 'Grievances', ar: 'التظلمات' },
  human_rights_institution: { en: 'Human rights institution', ar: 'مؤسسة حقوق الإنسان' },
  shelter: { en: 'Shelter', ar: 'دار الإيواء' },
  police: { en: 'Police', ar: 'الشرطة' },
  prosecution_justice: { en: 'Public Prosecution and justice', ar: 'النيابة العامة والقضاء' },
  health: { en: 'Health', ar: 'الصحة' },
  embassy: { en: 'Embassy', ar: 'السفارة' },
  international_organisation: { en: 'International organisation', ar: 'منظمة دولية' },
  first_responder: { en: 'First responder', ar: 'المستجيب الأول' },
};

export const SESSION_STAGE_LABELS: Labels<SessionStage> = {
  mfa_required: { en: 'Second factor needed', ar: 'يلزم عامل التحقق الثاني' },
  mfa_enrolment_required: { en: 'Second factor set-up needed', ar: 'يلزم إعداد عامل التحقق الثاني' },
  password_change_required: { en: 'Password change needed', ar: 'يلزم تغيير كلمة المرور' },
  authenticated: { en: 'Signed in', ar: 'مسجّل الدخول' },
};

export const AUDIT_OUTCOME_LABELS: Labels<AuditOutcome> = {
  success: { en: 'Success', ar: 'نجاح' },
  denied: { en: 'Denied', ar: 'مرفوض' },
  failure: { en: 'Failed', ar: 'فشل' },
};

export const AUDIT_ACTION_LABELS: Labels<AuditAction> = {
  'auth.login': { en: 'Signed in', ar: 'تسجيل الدخول' },
  'auth.login_failed': { en: 'Sign-in failed', ar: 'فشل تسجيل الدخول' },
  'auth.locked_out': { en: 'Account locked after failed sign-ins', ar: 'قفل الحساب بعد محاولات دخول فاشلة' },
  'auth.mfa_verified': { en: 'Second factor verified', ar: 'التحقق بعامل التحقق الثاني' },
  'auth.mfa_failed': { en: 'Second factor failed', ar: 'فشل التحقق بعامل التحقق الثاني' },
  'auth.recovery_code_used': { en: 'Recovery code used', ar: 'استخدام رمز استرداد' },
  'auth.logout': { en: 'Signed out', ar: 'تسجيل الخروج' },
  'auth.password_changed': { en: 'Password changed', ar: 'تغيير كلمة المرور' },
  'auth.mfa_enrolled': { en: 'Second factor set up', ar: 'إعداد عامل التحقق الثاني' },
  'auth.mfa_disabled': { en: 'Second factor turned off', ar: 'إيقاف عامل التحقق الثاني' },
  'auth.recovery_codes_regenerated': { en: 'New recovery codes issued', ar: 'إصدار رموز استرداد جديدة' },
  'profile.updated': { en: 'Profile updated', ar: 'تحديث الملف الشخصي' },
  'organisation.created': { en: 'Organisation created', ar: 'إنشاء جهة' },
  'organisation.updated': { en: 'Organisation changed', ar: 'تعديل جهة' },
  'user.created': { en: 'User account created', ar: 'إنشاء حساب مستخدم' },
  'user.updated': { en: 'User account changed', ar: 'تعديل حساب مستخدم' },
  'user.password_reset': {
    en: 'Password reset by an administrator',
    ar: 'إعادة تعيين كلمة المرور من قِبل مدير النظام',
  },
  'user.mfa_reset': {
    en: 'Second factor reset by an administrator',
    ar: 'إعادة تعيين عامل التحقق الثاني من قِبل مدير النظام',
  },
  'access.denied': { en: 'Access refused', ar: 'رفض الوصول' },
  'audit.viewed': { en: 'Audit trail viewed', ar: 'الاطلاع على سجل التدقيق' },
  'audit.verified': { en: 'Audit trail verified', ar: 'التحقق من سلامة سجل التدقيق' },
  'person.created': { en: 'Person record created', ar: 'إنشاء سجل شخص' },
  'person.viewed': { en: 'Person record viewed', ar: 'الاطلاع على سجل شخص' },
  'person.updated': { en: 'Person record changed', ar: 'تعديل سجل شخص' },
  'person.duplicates_searched': {
    en: 'Searched for duplicate person records',
    ar: 'البحث عن سجلات أشخاص مكررة',
  },
  'case.created': { en: 'Case created', ar: 'إنشاء حالة' },
  'case.viewed': { en: 'Case viewed', ar: 'الاطلاع على حالة' },
  'case.listed': { en: 'Case list viewed', ar: 'الاطلاع على قائمة الحالات' },
  'case.updated': { en: 'Case changed', ar: 'تعديل حالة' },
  'case.assigned': { en: 'Case assigned', ar: 'إسناد حالة' },
  'case.person_linked': { en: 'Person linked to a case', ar: 'ربط شخص بحالة' },
  'case.duplicate_check_confirmed': { en: 'Duplicate check confirmed', ar: 'تأكيد التحقق من التكرار' },
  'consent.recorded': { en: 'Consent recorded', ar: 'تسجيل الموافقة' },
  'party.linked': { en: 'Party linked to a case', ar: 'ربط طرف بحالة' },
  'party.unlinked': { en: 'Party removed from a case', ar: 'إزالة طرف من حالة' },
  'screening.saved': { en: 'Screening saved', ar: 'حفظ الفحص الأولي' },
  'screening.confirmed': { en: 'Screening confirmed', ar: 'تأكيد الفحص الأولي' },
  'screening.questionnaire_published': {
    en: 'Screening questionnaire published',
    ar: 'نشر استبيان الفحص الأولي',
  },
  'sop.published': { en: 'SOP version published', ar: 'نُشر إصدار من إجراء التشغيل القياسي' },
  'calendar.updated': { en: 'Business calendar changed', ar: 'عُدّل تقويم أيام العمل' },
  'notification.preferences_updated': {
    en: 'Notification preferences changed',
    ar: 'تغيير تفضيلات الإشعارات',
  },
  'workflow.started': { en: 'SOP started', ar: 'بدء تطبيق إجراءات التشغيل الموحدة' },
  'workflow.action': { en: 'Case moved in its SOP', ar: 'إجراء ضمن إجراءات التشغيل الموحدة' },
  'workflow.sop_changed': { en: 'SOP version changed', ar: 'تغيير إصدار إجراءات التشغيل الموحدة' },
  'task.created': { en: 'Task added', ar: 'إضافة مهمة' },
  'task.updated': { en: 'Task updated', ar: 'تحديث مهمة' },
  'tasks.listed': { en: 'Task list viewed', ar: 'عرض قائمة المهام' },
  'referral.sent': { en: 'Referral sent', ar: 'إرسال إحالة' },
  'referral.updated': { en: 'Referral status changed', ar: 'تغيير حالة الإحالة' },
  'referral.viewed': { en: 'Referral viewed', ar: 'عرض إحالة' },
  'referral.onward_requested': { en: 'Onward referral requested', ar: 'طلب إحالة إلى جهة أخرى' },
  'referrals.inbox_listed': { en: 'Inbox viewed', ar: 'عرض صندوق الوارد' },
  'person.referrals_viewed': { en: 'Referral history viewed', ar: 'عرض سجل الإحالات' },
  'follow_up.recorded': { en: 'Follow-up contact recorded', ar: 'تسجيل اتصال متابعة' },
  'procedure_map.viewed': { en: 'Procedure map viewed', ar: 'عرض خريطة الإجراءات' },
  'scheduler.swept': { en: 'Overdue work checked', ar: 'فحص الأعمال المتأخرة' },
  'upload.started': { en: 'Upload started', ar: 'بدء رفع ملف' },
  'upload.aborted': { en: 'Upload abandoned or refused', ar: 'إلغاء رفع ملف أو رفضه' },
  'document.uploaded': { en: 'Document added', ar: 'إضافة مستند' },
  'document.version_added': { en: 'New version of a document', ar: 'إضافة نسخة جديدة من مستند' },
  'document.updated': { en: 'Document details or sharing changed', ar: 'تعديل بيانات المستند أو مشاركته' },
  'document.deleted': {
    en: 'Document deleted (kept for audit)',
    ar: 'حذف مستند (مع الاحتفاظ به لأغراض التدقيق)',
  },
  'documents.listed': { en: 'Documents listed', ar: 'عرض قائمة المستندات' },
  'document.viewed': { en: 'Document viewed', ar: 'عرض مستند' },
  'document.downloaded': { en: 'Document downloaded', ar: 'تنزيل مستند' },
  'dossier.requested': { en: 'Dossier export requested', ar: 'طلب تصدير ملف الحالة' },
  'dossier.downloaded': { en: 'Dossier downloaded', ar: 'تنزيل ملف الحالة' },
};

/**
 * Every vocabulary by the key under which the web's translations hold it (`t('referrals.purposes.shelter')`):
 * the web builds these parts of its i18next resources from here at start-up.
 */
export const VOCABULARIES = {
  caseStages: CASE_STAGE_LABELS,
  caseCategories: CASE_CATEGORY_LABELS,
  caseSubtypes: CASE_SUBTYPE_LABELS,
  riskLevels: RISK_LEVEL_LABELS,
  intakeChannels: INTAKE_CHANNEL_LABELS,
  intakeKinds: INTAKE_KIND_LABELS,
  sexes: SEX_LABELS,
  workPermitTypes: WORK_PERMIT_TYPE_LABELS,
  documentTypes: IDENTITY_DOCUMENT_TYPE_LABELS,
  documentHolders: DOCUMENT_HOLDER_LABELS,
  vulnerabilities: VULNERABILITY_LABELS,
  consentPurposes: CONSENT_PURPOSE_LABELS,
  consentStatuses: CONSENT_STATUS_LABELS,
  consentMethods: CONSENT_METHOD_LABELS,
  partyKinds: PARTY_KIND_LABELS,
  partyRoles: PARTY_ROLE_LABELS,
  caseSections: CASE_SECTION_LABELS,
  duplicateChecks: DUPLICATE_CHECK_LABELS,
  iloIndicators: ILO_INDICATOR_LABELS,
  palermoElements: PALERMO_ELEMENT_LABELS,
  'referrals.purposes': REFERRAL_PURPOSE_LABELS,
  'referrals.statuses': REFERRAL_STATUS_LABELS,
  'tasks.statuses': TASK_STATUS_LABELS,
  'workflow.procedureKinds': PROCEDURE_KIND_LABELS,
  'workflow.resolutions': RESOLUTION_KIND_LABELS,
  'documents.types': CASE_DOCUMENT_TYPE_LABELS,
  'notifications.kinds': NOTIFICATION_KIND_LABELS,
  roles: ROLE_LABELS,
  organisationKinds: ORGANISATION_KIND_LABELS,
  sessionStages: SESSION_STAGE_LABELS,
  auditOutcomes: AUDIT_OUTCOME_LABELS,
  auditActions: AUDIT_ACTION_LABELS,
} as const satisfies Readonly<Record<string, Labels<string>>>;
export type VocabularyKey = keyof typeof VOCABULARIES;

/** One value's label in a language (English for anything but Arabic); the value itself when unknown. */
export function labelOf<T extends string>(labels: Labels<T>, value: string, locale: string): string {
  const found = (labels as Readonly<Record<string, Label>>)[value];
  if (!found) return value;
  return locale === 'ar' ? found.ar : found.en;
}
