import { z } from 'zod';
import {
  CaseCategory,
  CaseStage,
  CaseSubtype,
  ConsentMethod,
  ConsentPurpose,
  ConsentStatus,
  IntakeChannel,
  LanguageCode,
  PartyKind,
  PartyRole,
  RiskLevel,
} from '../case-vocabulary.js';
import { OrganisationKind } from '../roles.js';
import { DateQuery, Id, PageQuery, PastInstant, pageOf } from './common.js';
import { CountryCode } from './organisations.js';
import { Person, PersonInput } from './persons.js';

/** Parts of a case that can be shared separately (need-to-know, referrals). */
export const CaseSection = z.enum(['person', 'narrative', 'screening', 'parties', 'consents', 'timeline']);
export type CaseSection = z.infer<typeof CaseSection>;
export const CASE_SECTIONS = CaseSection.options;

export const IntakeKind = z.enum(['walk_in', 'hotline', 'first_responder']);
export type IntakeKind = z.infer<typeof IntakeKind>;

/** How the person behind a new case was settled: a new record, or an existing one after a duplicate check. */
export const DuplicateCheck = z.enum(['pending', 'new_person_confirmed', 'linked_existing']);
export type DuplicateCheck = z.infer<typeof DuplicateCheck>;

export const CaseReference = z.string().regex(/^NRM-\d{4}-\d{6}$/);

export const CaseCreate = z
  .strictObject({
    intakeKind: IntakeKind,
    person: PersonInput.optional(),
    personId: Id.optional(),
    duplicateCheck: DuplicateCheck.default('pending'),
    channel: IntakeChannel,
    referredByOrganisationId: Id.nullable().optional(),
    referredByName: z.string().trim().max(200).nullable().optional(),
    receivedAt: PastInstant.optional(),
    languages: z.array(LanguageCode).max(10).optional(),
    interpreterUsed: z.boolean().optional(),
    narrative: z.string().trim().max(20_000).nullable().optional(),
    reportedIndicators: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
    risk: RiskLevel.optional(),
  })
  .refine((c) => !!c.person !== !!c.personId, {
    path: ['person'],
    message: 'Give either a new person or an existing person id',
    params: { i18n: 'validation.personOrPersonId' },
  });
export type CaseCreate = z.infer<typeof CaseCreate>;

export const CaseUpdate = z.strictObject({
  channel: IntakeChannel.optional(),
  referredByOrganisationId: Id.nullable().optional(),
  referredByName: z.string().trim().max(200).nullable().optional(),
  receivedAt: PastInstant.optional(),
  languages: z.array(LanguageCode).max(10).optional(),
  interpreterUsed: z.boolean().optional(),
  narrative: z.string().trim().max(20_000).nullable().optional(),
  risk: RiskLevel.optional(),
});
export type CaseUpdate = z.infer<typeof CaseUpdate>;

export const CaseAssign = z.strictObject({ assigneeId: Id.nullable() });
export type CaseAssign = z.infer<typeof CaseAssign>;

export const CaseLinkPerson = z.strictObject({ personId: Id });
export type CaseLinkPerson = z.infer<typeof CaseLinkPerson>;

const UserRef = z.object({ id: Id, displayName: z.string() }).nullable();

/**
 * The screening's outcome on a header or list row (`SCREENING_OUTCOME_FIELDS`): absent when
 * the caller's access lacks the 'screening' section; null category means not categorised yet.
 */
const ScreeningOutcome = {
  category: CaseCategory.nullable().optional(),
  subtype: CaseSubtype.nullable().optional(),
  risk: RiskLevel.optional(),
};

export const Case = z.object({
  id: Id,
  reference: z.string(),
  stage: CaseStage,
  ...ScreeningOutcome,
  intakeKind: IntakeKind,
  channel: IntakeChannel,
  receivedAt: z.string(),
  referredByOrganisation: z.object({ id: Id, name: z.string() }).nullable(),
  referredByName: z.string().nullable(),
  languages: z.array(z.string()),
  interpreterUsed: z.boolean(),
  /** Absent without the 'screening' section, like the rest of the screening's outcome. */
  reportedIndicators: z.array(z.string()).optional(),
  duplicateCheck: DuplicateCheck,
  assignedTo: UserRef,
  createdBy: UserRef,
  createdAt: z.string(),
  version: z.number().int(),
  /** The sections this caller may see; absent sections come back null. */
  sections: z.array(CaseSection),
  person: Person.nullable(),
  narrative: z.string().nullable(),
});
export type Case = z.infer<typeof Case>;

export const CaseListItem = z.object({
  id: Id,
  reference: z.string(),
  stage: CaseStage,
  ...ScreeningOutcome,
  channel: IntakeChannel,
  intakeKind: IntakeKind,
  receivedAt: z.string(),
  assignedTo: UserRef,
  person: z
    .object({
      nameLatin: z.string().nullable(),
      nameArabic: z.string().nullable(),
      nationality: z.string().nullable(),
    })
    .nullable(),
});
export type CaseListItem = z.infer<typeof CaseListItem>;

export const CaseView = z.enum(['all', 'mine', 'intake', 'unassigned']);
export type CaseView = z.infer<typeof CaseView>;

export const CaseListQuery = PageQuery.extend({
  view: CaseView.default('all'),
  stage: CaseStage.optional(),
  category: CaseCategory.optional(),
  risk: RiskLevel.optional(),
  nationality: CountryCode.optional(),
  channel: IntakeChannel.optional(),
  assignee: Id.optional(),
  from: DateQuery.optional(),
  to: DateQuery.optional(),
  /**
   * A reference (from its start), a whole document or phone number (matched exactly through the
   * blind index), or name parts in any order: see `classifyCaseSearch`.
   */
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(['received_desc', 'received_asc']).default('received_desc'),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const CasePage = pageOf(CaseListItem);
export type CasePage = z.infer<typeof CasePage>;

export const ConsentCreate = z
  .strictObject({
    purpose: ConsentPurpose,
    organisationId: Id.nullable().optional(),
    organisationKind: OrganisationKind.nullable().optional(),
    status: ConsentStatus,
    method: ConsentMethod,
    givenBy: z.enum(['person', 'guardian']).default('person'),
    guardianName: z.string().trim().min(1).max(200).nullable().optional(),
  })
  .refine((c) => c.purpose !== 'share_with_organisation' || !!c.organisationId, {
    path: ['organisationId'],
    message: 'Name the organisation',
  })
  .refine((c) => c.purpose !== 'share_with_organisation_kind' || !!c.organisationKind, {
    path: ['organisationKind'],
    message: 'Name the kind of organisation',
  })
  .refine((c) => c.givenBy !== 'guardian' || !!c.guardianName, {
    path: ['guardianName'],
    message: 'Name the guardian',
  });
export type ConsentCreate = z.infer<typeof ConsentCreate>;

export const Consent = z.object({
  id: Id,
  purpose: ConsentPurpose,
  organisation: z.object({ id: Id, name: z.string() }).nullable(),
  organisationKind: OrganisationKind.nullable(),
  status: ConsentStatus,
  method: ConsentMethod,
  givenBy: z.enum(['person', 'guardian']),
  guardianName: z.string().nullable(),
  recordedBy: UserRef,
  recordedAt: z.string(),
  /** False once a later record for the same purpose and recipient replaced it. */
  current: z.boolean(),
});
export type Consent = z.infer<typeof Consent>;
export const ConsentList = z.object({ items: z.array(Consent) });

export const PartyInput = z.strictObject({
  kind: PartyKind,
  name: z.string().trim().min(1).max(200),
  nameAr: z.string().trim().min(1).max(200).nullable().optional(),
  country: CountryCode.nullable().optional(),
  registrationNumber: z.string().trim().max(60).nullable().optional(),
});
export type PartyInput = z.infer<typeof PartyInput>;

export const Party = z.object({
  id: Id,
  kind: PartyKind,
  name: z.string(),
  nameAr: z.string().nullable(),
  country: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  caseCount: z.number().int(),
});
export type Party = z.infer<typeof Party>;
export const PartySearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const PartyList = z.object({ items: z.array(Party) });

export const CasePartyCreate = z
  .strictObject({ partyId: Id.optional(), party: PartyInput.optional(), role: PartyRole })
  .refine((p) => !!p.partyId !== !!p.party, {
    path: ['party'],
    message: 'Give either a party id or a new party',
  });
export type CasePartyCreate = z.infer<typeof CasePartyCreate>;

export const CaseParty = z.object({ id: Id, role: PartyRole, party: Party });
export type CaseParty = z.infer<typeof CaseParty>;
export const CasePartyList = z.object({ items: z.array(CaseParty) });

export const TimelineEvent = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actor: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;
export const Timeline = z.object({ items: z.array(TimelineEvent) });
export type Timeline = z.infer<typeof Timeline>;

export const AccessLogEntry = z.object({
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;
export const AccessLog = z.object({ items: z.array(AccessLogEntry) });
export type AccessLog = z.infer<typeof AccessLog>;

export const CaseIdParams = z.strictObject({ id: Id });
export const CasePartyParams = z.strictObject({ id: Id, linkId: Id });
