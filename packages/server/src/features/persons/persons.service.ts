import {
  type DocumentHolder,
  type DuplicateCandidate,
  type DuplicateQuery,
  type IdentityDocumentInput,
  type MatchPerson,
  nameKeys,
  normaliseDocumentNumber,
  normaliseName,
  normalisePhone,
  type Person,
  type PersonInput,
  type PersonUpdate,
  scoreMatch,
} from '@opennrm/domain';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AuditContext } from '../../lib/act-context.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { FieldCrypto } from '../../lib/field-crypto.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/index.js';
import {
  caseReferencesByPerson,
  deleteIdentityDocument,
  duplicateCandidateIds,
  findDocumentRows,
  findPersonAgeFacts,
  findPersonRow,
  findPersonRows,
  insertIdentityDocument,
  insertPersonRow,
  type PersonRow,
  personRowExists,
  replaceNameKeys,
  updateIdentityDocumentHolder,
  updatePersonRow,
} from './persons.repository.js';

/** Checks the version a change was decided on against the client's (the route's If-Match). */
export type VersionCheck = (currentVersion: number) => void;

type Db = Kysely<DB> | Transaction<DB>;

/** How many stored persons duplicate search scores at most, whatever the name. */
const CANDIDATE_LIMIT = 200;

function allNames(p: {
  nameLatin?: string | null;
  nameArabic?: string | null;
  aliases?: string[] | undefined;
}) {
  return [p.nameLatin, p.nameArabic, ...(p.aliases ?? [])].filter((n): n is string => !!n && n.trim() !== '');
}

/** Text searched by the case list's name search: the names as typed plus their matching skeletons. */
export function searchTextOf(names: string[]): string {
  return [...new Set(names.flatMap((n) => [n.toLowerCase(), normaliseName(n)]))].join(' | ');
}

export function documentIndex(crypto: FieldCrypto, number: string) {
  return crypto.blindIndex(`doc:${normaliseDocumentNumber(number)}`);
}

export function phoneIndex(crypto: FieldCrypto, phone: string) {
  return crypto.blindIndex(`phone:${normalisePhone(phone)}`);
}

export async function insertPerson(services: Services, db: Db, input: PersonInput, userId: string | null) {
  const { crypto } = services;
  const names = allNames(input);
  const now = services.now();
  const phone = input.phone?.trim() ? input.phone.trim() : null;
  const id = await insertPersonRow(db, {
    name_latin: input.nameLatin ?? null,
    name_arabic: input.nameArabic ?? null,
    aliases: input.aliases ?? [],
    search_text: searchTextOf(names),
    sex: input.sex ?? 'unknown',
    date_of_birth: input.dateOfBirth ?? null,
    estimated_birth_year: input.estimatedBirthYear ?? null,
    nationality: input.nationality ?? null,
    languages: input.languages ?? [],
    interpreter_needed: input.interpreterNeeded ?? false,
    work_permit_type: input.workPermitType ?? 'unknown',
    vulnerabilities: input.vulnerabilities ?? [],
    phone_enc: phone ? crypto.encrypt(phone) : null,
    phone_bidx: phone ? phoneIndex(crypto, phone) : null,
    created_by: userId,
    created_at: now,
    updated_at: now,
  });
  for (const d of input.documents ?? []) await addDocument(services, db, id, d, now);
  await replaceNameKeys(db, id, names.flatMap(nameKeys));
  return id;
}

/** Applies a patch; the caller has checked the version (ETag). */
export async function updatePerson(services: Services, db: Db, current: PersonRow, patch: PersonUpdate) {
  const { crypto } = services;
  const merged = {
    nameLatin: patch.nameLatin !== undefined ? patch.nameLatin : current.name_latin,
    nameArabic: patch.nameArabic !== undefined ? patch.nameArabic : current.name_arabic,
    aliases: patch.aliases ?? current.aliases,
  };
  // A person is found and told apart by name: an edit may change either, never remove both.
  if (!merged.nameLatin && !merged.nameArabic) {
    throw new AppError('PERSON_NAME_REQUIRED', 'Keep a name in Latin or Arabic script', {
      field: patch.nameLatin === null ? 'nameLatin' : 'nameArabic',
    });
  }
  const names = allNames(merged);
  const phone = patch.phone === undefined ? undefined : patch.phone?.trim() || null;
  await updatePersonRow(db, current.id, {
    name_latin: merged.nameLatin,
    name_arabic: merged.nameArabic,
    aliases: merged.aliases,
    search_text: searchTextOf(names),
    ...(patch.sex ? { sex: patch.sex } : {}),
    ...(patch.dateOfBirth !== undefined ? { date_of_birth: patch.dateOfBirth } : {}),
    ...(patch.estimatedBirthYear !== undefined ? { estimated_birth_year: patch.estimatedBirthYear } : {}),
    ...(patch.nationality !== undefined ? { nationality: patch.nationality } : {}),
    ...(patch.languages ? { languages: patch.languages } : {}),
    ...(patch.interpreterNeeded !== undefined ? { interpreter_needed: patch.interpreterNeeded } : {}),
    ...(patch.workPermitType ? { work_permit_type: patch.workPermitType } : {}),
    ...(patch.vulnerabilities ? { vulnerabilities: patch.vulnerabilities } : {}),
    ...(phone !== undefined
      ? {
          phone_enc: phone ? crypto.encrypt(phone) : null,
          phone_bidx: phone ? phoneIndex(crypto, phone) : null,
        }
      : {}),
    version: current.version + 1,
    updated_at: services.now(),
  });
  await replaceNameKeys(db, current.id, names.flatMap(nameKeys));
}

export async function loadPerson(services: Services, db: Db, id: string): Promise<Person> {
  const row = await findPersonRow(db, id);
  if (!row) throw notFound('Person');
  const docs = await findDocumentRows(db, [id]);
  return {
    id: row.id,
    nameLatin: row.name_latin,
    nameArabic: row.name_arabic,
    aliases: row.aliases,
    sex: row.sex,
    dateOfBirth: row.date_of_birth,
    estimatedBirthYear: row.estimated_birth_year,
    nationality: row.nationality,
    languages: row.languages,
    interpreterNeeded: row.interpreter_needed,
    workPermitType: row.work_permit_type,
    vulnerabilities: row.vulnerabilities,
    phone: row.phone_enc ? services.crypto.decrypt(row.phone_enc) : null,
    documents: docs.map((d) => ({
      id: d.id,
      type: d.type,
      number: services.crypto.decrypt(d.number_enc),
      issuingCountry: d.issuing_country,
      holder: d.holder,
    })),
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

/** The matcher normalises phones to digits; a hex blind index must survive that unchanged. */
function indexAsDigits(hex: string): string {
  return BigInt(`0x${hex}`).toString(10);
}

/**
 * Ranked likely matches for a person being entered. Identity documents and phones are
 * compared through their blind indexes, so no stored ciphertext is decrypted.
 */
export async function findDuplicates(
  services: Services,
  query: DuplicateQuery,
  limit = 10,
): Promise<DuplicateCandidate[]> {
  const { crypto, db } = services;
  const names = allNames(query);
  const documentIndexes = (query.documents ?? []).map((d) => documentIndex(crypto, d.number));
  const phone = query.phone?.trim() ? phoneIndex(crypto, query.phone) : null;
  const ids = await duplicateCandidateIds(
    db,
    {
      keys: [...new Set(names.flatMap(nameKeys))],
      documentIndexes,
      phoneIndex: phone,
      dateOfBirth: query.dateOfBirth,
      excludeId: query.excludePersonId,
    },
    CANDIDATE_LIMIT,
  );
  if (ids.length === 0) return [];
  const [rows, docs, refs] = await Promise.all([
    findPersonRows(db, ids),
    findDocumentRows(db, ids),
    caseReferencesByPerson(db, ids),
  ]);
  const probe: MatchPerson = {
    names,
    dateOfBirth: query.dateOfBirth ?? null,
    estimatedBirthYear: query.estimatedBirthYear ?? null,
    nationality: query.nationality ?? null,
    documents: (query.documents ?? []).map((d, i) => ({
      type: d.type,
      number: documentIndexes[i]!,
      country: d.issuingCountry ?? null,
    })),
    phones: phone ? [indexAsDigits(phone)] : [],
  };
  return rows
    .map((row) => {
      const candidate: MatchPerson = {
        names: allNames({ nameLatin: row.name_latin, nameArabic: row.name_arabic, aliases: row.aliases }),
        dateOfBirth: row.date_of_birth,
        estimatedBirthYear: row.estimated_birth_year,
        nationality: row.nationality,
        documents: docs
          .filter((d) => d.person_id === row.id)
          .map((d) => ({ type: d.type, number: d.number_bidx, country: d.issuing_country })),
        phones: row.phone_bidx ? [indexAsDigits(row.phone_bidx)] : [],
      };
      const match = scoreMatch(probe, candidate);
      return {
        personId: row.id,
        score: Math.round(match.score * 1000) / 1000,
        band: match.band,
        reasons: match.reasons,
        person: {
          nameLatin: row.name_latin,
          nameArabic: row.name_arabic,
          sex: row.sex,
          nationality: row.nationality,
          dateOfBirth: row.date_of_birth,
          estimatedBirthYear: row.estimated_birth_year,
        },
        caseReferences: refs.filter((r) => r.person_id === row.id).map((r) => r.reference),
      };
    })
    .filter((c) => c.band !== 'weak')
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

export async function addDocument(
  services: Services,
  db: Db,
  personId: string,
  d: IdentityDocumentInput,
  now = services.now(),
) {
  return insertIdentityDocument(db, {
    person_id: personId,
    type: d.type,
    number_enc: services.crypto.encrypt(d.number),
    number_bidx: documentIndex(services.crypto, d.number),
    issuing_country: d.issuingCountry ?? null,
    holder: d.holder ?? 'unknown',
    created_at: now,
  });
}

export async function updateDocumentHolder(
  db: Db,
  personId: string,
  documentId: string,
  holder: DocumentHolder,
) {
  if (!(await updateIdentityDocumentHolder(db, personId, documentId, holder)))
    throw notFound('Identity document');
  return documentId;
}

export async function removeDocument(db: Db, personId: string, documentId: string) {
  if (!(await deleteIdentityDocument(db, personId, documentId))) throw notFound('Identity document');
  return documentId;
}

/** Whether a person exists (a case links to them by id). */
export function personExists(db: Db, id: string): Promise<boolean> {
  return personRowExists(db, id);
}

/** A person's age in whole years on a day: by date of birth, else by estimated birth year, else unknown. */
export function personAgeOn(
  person: { date_of_birth: string | null; estimated_birth_year: number | null },
  on: Date,
): number | null {
  if (person.date_of_birth) {
    const dob = new Date(`${person.date_of_birth}T00:00:00Z`);
    const beforeBirthday =
      on.getUTCMonth() < dob.getUTCMonth() ||
      (on.getUTCMonth() === dob.getUTCMonth() && on.getUTCDate() < dob.getUTCDate());
    return on.getUTCFullYear() - dob.getUTCFullYear() - (beforeBirthday ? 1 : 0);
  }
  return person.estimated_birth_year ? on.getUTCFullYear() - person.estimated_birth_year : null;
}

/** What deciding a person's age needs (consent from a guardian, the screening's rules). */
export function personAgeFacts(db: Db, id: string) {
  return findPersonAgeFacts(db, id);
}

/*
 * The person registry's requests: each reads or changes, and records its audit event.
 */

/** Likely existing matches for a person being entered, best first. */
export async function searchDuplicates(services: Services, ctx: AuditContext, query: DuplicateQuery) {
  const candidates = await findDuplicates(services, query);
  await recordAudit(
    services.db,
    ctx,
    { action: 'person.duplicates_searched', details: { candidates: candidates.map((c) => c.personId) } },
    services.now(),
  );
  return candidates;
}

export async function viewPerson(services: Services, ctx: AuditContext, id: string): Promise<Person> {
  const person = await loadPerson(services, services.db, id);
  await recordAudit(
    services.db,
    ctx,
    { action: 'person.viewed', targetType: 'person', targetId: person.id },
    services.now(),
  );
  return person;
}

/** Likely duplicates of a stored person. */
export async function duplicatesOfPerson(services: Services, ctx: AuditContext, id: string) {
  const person = await loadPerson(services, services.db, id);
  const candidates = await findDuplicates(services, {
    nameLatin: person.nameLatin,
    nameArabic: person.nameArabic,
    aliases: person.aliases,
    dateOfBirth: person.dateOfBirth,
    estimatedBirthYear: person.estimatedBirthYear,
    nationality: person.nationality,
    phone: person.phone,
    documents: person.documents.map((d) => ({
      type: d.type,
      number: d.number,
      issuingCountry: d.issuingCountry,
    })),
    excludePersonId: person.id,
  });
  await recordAudit(
    services.db,
    ctx,
    {
      action: 'person.duplicates_searched',
      targetType: 'person',
      targetId: person.id,
      details: { candidates: candidates.map((c) => c.personId) },
    },
    services.now(),
  );
  return candidates;
}

/** Edits a person at the version the client read (If-Match). */
export async function editPerson(
  services: Services,
  ctx: AuditContext,
  id: string,
  checkVersion: VersionCheck,
  patch: PersonUpdate,
): Promise<Person> {
  const current = await findPersonRow(services.db, id);
  if (!current) throw notFound('Person');
  checkVersion(current.version);
  await services.db.transaction().execute(async (trx) => {
    await updatePerson(services, trx, current, patch);
    await recordAudit(
      trx,
      ctx,
      {
        action: 'person.updated',
        targetType: 'person',
        targetId: current.id,
        details: { fields: Object.keys(patch) },
      },
      services.now(),
    );
  });
  return loadPerson(services, services.db, current.id);
}

/**
 * Identity documents change over a case: a passport is found, handed back, or entered later.
 * Each change moves the person's version (its ETag) and is audited on the person.
 */
async function changeDocument(
  services: Services,
  ctx: AuditContext,
  personId: string,
  checkVersion: VersionCheck,
  change: 'added' | 'holder_changed' | 'removed',
  run: (trx: Transaction<DB>) => Promise<string>,
): Promise<Person> {
  const current = await findPersonRow(services.db, personId);
  if (!current) throw notFound('Person');
  checkVersion(current.version);
  await services.db.transaction().execute(async (trx) => {
    const documentId = await run(trx);
    await updatePersonRow(trx, personId, { version: current.version + 1, updated_at: services.now() });
    await recordAudit(
      trx,
      ctx,
      {
        action: 'person.updated',
        targetType: 'person',
        targetId: personId,
        details: { document: change, documentId },
      },
      services.now(),
    );
  });
  return loadPerson(services, services.db, personId);
}

export const addPersonDocument = (
  services: Services,
  ctx: AuditContext,
  personId: string,
  checkVersion: VersionCheck,
  d: IdentityDocumentInput,
) =>
  changeDocument(services, ctx, personId, checkVersion, 'added', (trx) =>
    addDocument(services, trx, personId, d),
  );

export const changeDocumentHolder = (
  services: Services,
  ctx: AuditContext,
  personId: string,
  checkVersion: VersionCheck,
  documentId: string,
  holder: DocumentHolder,
) =>
  changeDocument(services, ctx, personId, checkVersion, 'holder_changed', (trx) =>
    updateDocumentHolder(trx, personId, documentId, holder),
  );

export const removePersonDocument = (
  services: Services,
  ctx: AuditContext,
  personId: string,
  checkVersion: VersionCheck,
  documentId: string,
) =>
  changeDocument(services, ctx, personId, checkVersion, 'removed', (trx) =>
    removeDocument(trx, personId, documentId),
  );
