import { z } from 'zod';
import {
  DocumentHolder,
  IdentityDocumentType,
  LanguageCode,
  Sex,
  Vulnerability,
  WorkPermitType,
} from '../case-vocabulary.js';
import { Id, PastDate } from './common.js';
import { CountryCode } from './organisations.js';

const personName = z.string().trim().min(1).max(200);
const thisYear = new Date().getUTCFullYear();

export const IdentityDocumentInput = z.strictObject({
  type: IdentityDocumentType,
  number: z.string().trim().min(1).max(50),
  issuingCountry: CountryCode.nullable().optional(),
  holder: DocumentHolder.default('unknown'),
});
export type IdentityDocumentInput = z.infer<typeof IdentityDocumentInput>;

const personFields = {
  nameLatin: personName.nullable().optional(),
  nameArabic: personName.nullable().optional(),
  aliases: z.array(personName).max(10).optional(),
  sex: Sex.optional(),
  /** Not in the future. */
  dateOfBirth: PastDate.nullable().optional(),
  estimatedBirthYear: z.number().int().min(1900).max(thisYear).nullable().optional(),
  nationality: CountryCode.nullable().optional(),
  languages: z.array(LanguageCode).max(10).optional(),
  interpreterNeeded: z.boolean().optional(),
  workPermitType: WorkPermitType.optional(),
  vulnerabilities: z.array(Vulnerability).max(4).optional(),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[+\d\s().-]*$/)
    .nullable()
    .optional(),
};

/** A person as entered at intake: at least one name, in either script. */
export const PersonInput = z
  .strictObject({ ...personFields, documents: z.array(IdentityDocumentInput).max(10).optional() })
  .refine((p) => !!(p.nameLatin || p.nameArabic), {
    path: ['nameLatin'],
    message: 'Enter a name in Latin or Arabic script',
    params: { i18n: 'validation.personNeedsName' },
  });
export type PersonInput = z.infer<typeof PersonInput>;

export const PersonUpdate = z.strictObject(personFields);
export type PersonUpdate = z.infer<typeof PersonUpdate>;

export const IdentityDocument = z.object({
  id: Id,
  type: IdentityDocumentType,
  number: z.string(),
  issuingCountry: z.string().nullable(),
  holder: DocumentHolder,
});

export const Person = z.object({
  id: Id,
  nameLatin: z.string().nullable(),
  nameArabic: z.string().nullable(),
  aliases: z.array(z.string()),
  sex: Sex,
  dateOfBirth: z.string().nullable(),
  estimatedBirthYear: z.number().int().nullable(),
  nationality: z.string().nullable(),
  languages: z.array(z.string()),
  interpreterNeeded: z.boolean(),
  workPermitType: WorkPermitType,
  vulnerabilities: z.array(Vulnerability),
  phone: z.string().nullable(),
  documents: z.array(IdentityDocument),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Person = z.infer<typeof Person>;

/** What duplicate search needs; any subset, names in either script. */
export const DuplicateQuery = z.strictObject({
  nameLatin: z.string().trim().max(200).nullable().optional(),
  nameArabic: z.string().trim().max(200).nullable().optional(),
  aliases: z.array(z.string().trim().max(200)).max(10).optional(),
  dateOfBirth: z.iso.date().nullable().optional(),
  estimatedBirthYear: z.number().int().min(1900).max(thisYear).nullable().optional(),
  nationality: CountryCode.nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  documents: z
    .array(
      z.strictObject({
        type: IdentityDocumentType,
        number: z.string().trim().min(1).max(50),
        issuingCountry: CountryCode.nullable().optional(),
      }),
    )
    .max(10)
    .optional(),
  excludePersonId: Id.optional(),
});
export type DuplicateQuery = z.infer<typeof DuplicateQuery>;

export const DuplicateCandidate = z.object({
  personId: Id,
  score: z.number(),
  band: z.enum(['strong', 'possible', 'weak']),
  reasons: z.array(z.object({ code: z.string(), weight: z.number() })),
  person: z.object({
    nameLatin: z.string().nullable(),
    nameArabic: z.string().nullable(),
    sex: Sex,
    nationality: z.string().nullable(),
    dateOfBirth: z.string().nullable(),
    estimatedBirthYear: z.number().int().nullable(),
  }),
  caseReferences: z.array(z.string()),
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;
export const DuplicateCandidates = z.object({ candidates: z.array(DuplicateCandidate) });
export type DuplicateCandidates = z.infer<typeof DuplicateCandidates>;

export const IdentityDocumentUpdate = z.strictObject({ holder: DocumentHolder });
export type IdentityDocumentUpdate = z.infer<typeof IdentityDocumentUpdate>;

export const PersonDocumentParams = z.strictObject({ id: Id, documentId: Id });
