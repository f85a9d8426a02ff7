import type {
  DocumentHolder,
  DuplicateQuery,
  IdentityDocumentType,
  Sex,
  Vulnerability,
  WorkPermitType,
} from '@opennrm/domain';
import type { PersonCreateBody } from '../../api/cases';
import type { FieldError } from '../../components/form-errors';

export interface DocumentDraft {
  /** Local key for React lists; never sent. */
  key: string;
  type: IdentityDocumentType | '';
  number: string;
  issuingCountry: string;
  holder: DocumentHolder;
}

/** A person as typed into an intake form: every field a string or list, so nothing is lost. */
export interface PersonDraft {
  nameLatin: string;
  nameArabic: string;
  aliases: string[];
  sex: Sex | '';
  dateOfBirth: string;
  estimatedBirthYear: string;
  nationality: string;
  languages: string[];
  interpreterNeeded: boolean;
  workPermitType: WorkPermitType | '';
  vulnerabilities: Vulnerability[];
  phone: string;
  documents: DocumentDraft[];
}

export const EMPTY_PERSON: PersonDraft = {
  nameLatin: '',
  nameArabic: '',
  aliases: [],
  sex: '',
  dateOfBirth: '',
  estimatedBirthYear: '',
  nationality: '',
  languages: [],
  interpreterNeeded: false,
  workPermitType: '',
  vulnerabilities: [],
  phone: '',
  documents: [],
};

let nextKey = 0;
export function newDocument(): DocumentDraft {
  nextKey += 1;
  return { key: `doc-${nextKey}`, type: '', number: '', issuingCountry: '', holder: 'unknown' };
}

const PHONE = /^[+\d\s().-]*$/;
const ARABIC = /[\u0600-\u06FF]/;
const LATIN = /[A-Za-z]/;
const thisYear = new Date().getFullYear();

const text = (value: string): string | null => value.trim() || null;

/** Problems the browser can see before sending; messages are translation keys. */
export function validatePerson(draft: PersonDraft): FieldError[] {
  const problems: FieldError[] = [];
  const add = (field: string, key: string) => problems.push({ field, message: `intake.errors.${key}` });
  if (!draft.nameLatin.trim() && !draft.nameArabic.trim()) add('nameLatin', 'nameRequired');
  if (draft.nameLatin.trim() && ARABIC.test(draft.nameLatin)) add('nameLatin', 'nameLatinScript');
  if (draft.nameArabic.trim() && LATIN.test(draft.nameArabic)) add('nameArabic', 'nameArabicScript');
  if (draft.phone.trim() && !PHONE.test(draft.phone.trim())) add('phone', 'phoneFormat');
  if (draft.dateOfBirth && new Date(draft.dateOfBirth) > new Date()) add('dateOfBirth', 'dateOfBirthFuture');
  const year = draft.estimatedBirthYear.trim();
  if (year && (!/^\d{4}$/.test(year) || Number(year) < 1900 || Number(year) > thisYear)) {
    add('estimatedBirthYear', 'estimatedBirthYear');
  }
  draft.documents.forEach((doc, index) => {
    if (!doc.type && !doc.number.trim()) return;
    if (!doc.type) add(`documents.${index}.type`, 'documentType');
    if (!doc.number.trim()) add(`documents.${index}.number`, 'documentNumber');
  });
  return problems;
}

/** Whole years between a date of birth (or an estimated year) and now; null when unknown. */
export function ageOf(dateOfBirth: string | null, estimatedBirthYear: number | string | null): number | null {
  const now = new Date();
  if (dateOfBirth) {
    const born = new Date(dateOfBirth);
    if (Number.isNaN(born.getTime())) return null;
    let age = now.getFullYear() - born.getFullYear();
    const before =
      now.getMonth() < born.getMonth() ||
      (now.getMonth() === born.getMonth() && now.getDate() < born.getDate());
    if (before) age -= 1;
    return age;
  }
  const year = Number(estimatedBirthYear);
  return estimatedBirthYear && Number.isInteger(year) ? now.getFullYear() - year : null;
}

export function isMinorDraft(draft: PersonDraft): boolean {
  if (draft.vulnerabilities.includes('minor')) return true;
  const age = ageOf(draft.dateOfBirth || null, draft.estimatedBirthYear || null);
  return age !== null && age < 18;
}

function filledDocuments(draft: PersonDraft) {
  return draft.documents.filter((doc) => doc.type && doc.number.trim());
}

/** The person as the API takes it: empty fields left out, so the server keeps its defaults. */
export function toPersonInput(draft: PersonDraft): PersonCreateBody {
  const year = draft.estimatedBirthYear.trim();
  return {
    nameLatin: text(draft.nameLatin),
    nameArabic: text(draft.nameArabic),
    aliases: draft.aliases.map((a) => a.trim()).filter(Boolean),
    ...(draft.sex ? { sex: draft.sex } : {}),
    dateOfBirth: draft.dateOfBirth || null,
    estimatedBirthYear: !draft.dateOfBirth && year ? Number(year) : null,
    nationality: draft.nationality || null,
    languages: draft.languages,
    interpreterNeeded: draft.interpreterNeeded,
    ...(draft.workPermitType ? { workPermitType: draft.workPermitType } : {}),
    vulnerabilities: draft.vulnerabilities,
    phone: text(draft.phone),
    documents: filledDocuments(draft).map((doc) => ({
      type: doc.type as IdentityDocumentType,
      number: doc.number.trim(),
      issuingCountry: doc.issuingCountry || null,
      holder: doc.holder,
    })),
  };
}

/** What duplicate search needs, or null while there is too little to search on. */
export function toDuplicateQuery(draft: PersonDraft): DuplicateQuery | null {
  const documents = filledDocuments(draft).map((doc) => ({
    type: doc.type as IdentityDocumentType,
    number: doc.number.trim(),
    issuingCountry: doc.issuingCountry || null,
  }));
  const hasName = draft.nameLatin.trim().length >= 3 || draft.nameArabic.trim().length >= 2;
  if (!hasName && documents.length === 0 && draft.phone.trim().length < 6) return null;
  const year = draft.estimatedBirthYear.trim();
  return {
    nameLatin: text(draft.nameLatin),
    nameArabic: text(draft.nameArabic),
    aliases: draft.aliases.map((a) => a.trim()).filter(Boolean),
    dateOfBirth: draft.dateOfBirth || null,
    estimatedBirthYear: /^\d{4}$/.test(year) ? Number(year) : null,
    nationality: draft.nationality || null,
    phone: PHONE.test(draft.phone.trim()) ? text(draft.phone) : null,
    documents,
  };
}

/** Where the server's validation issues about the person belong in the form. */
export const PERSON_PATH_FIELDS: Readonly<Record<string, string>> = {
  person: 'nameLatin',
  'person.nameLatin': 'nameLatin',
  'person.nameArabic': 'nameArabic',
  'person.aliases': 'aliases',
  'person.sex': 'sex',
  'person.dateOfBirth': 'dateOfBirth',
  'person.estimatedBirthYear': 'estimatedBirthYear',
  'person.nationality': 'nationality',
  'person.languages': 'languages',
  'person.phone': 'phone',
  'person.documents': 'documents',
};

/** A stored person as an editable draft (documents are edited separately). */
export function personDraftOf(person: {
  nameLatin: string | null;
  nameArabic: string | null;
  aliases: string[];
  sex: Sex;
  dateOfBirth: string | null;
  estimatedBirthYear: number | null;
  nationality: string | null;
  languages: string[];
  interpreterNeeded: boolean;
  workPermitType: WorkPermitType;
  vulnerabilities: Vulnerability[];
  phone: string | null;
}): PersonDraft {
  return {
    nameLatin: person.nameLatin ?? '',
    nameArabic: person.nameArabic ?? '',
    aliases: person.aliases,
    sex: person.sex,
    dateOfBirth: person.dateOfBirth ?? '',
    estimatedBirthYear: person.estimatedBirthYear ? String(person.estimatedBirthYear) : '',
    nationality: person.nationality ?? '',
    languages: person.languages,
    interpreterNeeded: person.interpreterNeeded,
    workPermitType: person.workPermitType,
    vulnerabilities: person.vulnerabilities,
    phone: person.phone ?? '',
    documents: [],
  };
}
