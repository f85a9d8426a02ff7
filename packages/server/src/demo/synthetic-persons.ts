/** Synthetic persons (`synthetic-cases.ts`): names, and the person rows with their documents. */
import { randomUUID } from 'node:crypto';
import { nameKeys } from '@opennrm/domain';
import { documentIndex, phoneIndex, searchTextOf } from '../features/persons/index.js';
import type { FieldCrypto } from '../lib/field-crypto.js';
import type { NameGroup, NationalityProfile } from './synthetic-names.js';
import { DAY, isoDate, type Random, type Weighted } from './synthetic-random.js';
import { ARAB_NATIONALITIES } from './synthetic-vocabulary.js';

// ---------------------------------------------------------------------------------------
// Names

interface NamePart {
  latin: readonly string[];
  arabic: string | null;
}

const parsed = new Map<string, NamePart>();
function part(entry: string): NamePart {
  let p = parsed.get(entry);
  if (!p) {
    const [latin = '', arabic] = entry.split('|');
    p = { latin: latin.split('/'), arabic: arabic ?? null };
    parsed.set(entry, p);
  }
  return p;
}

/** Zipf exponent for names: common names stay common without one name taking a fifth of a list. */
const NAME_SKEW = 0.5;

export interface GeneratedName {
  latin: string;
  arabic: string | null;
  /** The same name with other transliterations or order, for aliases and re-entries. */
  variants: string[];
}

function buildName(rnd: Random, group: NameGroup, female: boolean): GeneratedName {
  const givenList = female ? group.female : group.male;
  const given = part(rnd.zipf(givenList, NAME_SKEW));
  const parts: NamePart[] = [given];
  if (!group.mononymShare || !rnd.chance(group.mononymShare)) {
    if (group.middleNameShare && rnd.chance(group.middleNameShare)) {
      parts.push(part(rnd.zipf(group.middleFromSurnames ? group.surnames : group.male, NAME_SKEW)));
    }
    const surnames =
      female && group.femaleSurnames && rnd.chance(0.7) ? group.femaleSurnames : group.surnames;
    if (surnames.length) {
      let surname = part(rnd.zipf(surnames, NAME_SKEW));
      for (let i = 0; i < 3 && surname.latin[0] === given.latin[0]; i++)
        surname = part(rnd.zipf(surnames, NAME_SKEW));
      if (group.familyFirst) parts.unshift(surname);
      else parts.push(surname);
    }
  }
  const chosen = parts.map((p) => rnd.pick(p.latin));
  const latin = chosen.join(' ');
  const arabic = parts.every((p) => p.arabic) ? parts.map((p) => p.arabic).join(' ') : null;
  const variants: string[] = [];
  const respelled = parts.map((p, i) => p.latin.find((v) => v !== chosen[i]) ?? chosen[i]!).join(' ');
  if (respelled !== latin) variants.push(respelled);
  if (parts.length >= 2) variants.push([...chosen.slice(1), chosen[0]!].join(' '));
  if (parts.length >= 3) variants.push([chosen[0]!, chosen[chosen.length - 1]!].join(' '));
  return { latin, arabic, variants };
}

// ---------------------------------------------------------------------------------------
// Persons

export interface PersonFacts {
  id: string;
  profile: NationalityProfile;
  female: boolean;
  name: GeneratedName;
  nameLatin: string | null;
  nameArabic: string | null;
  dateOfBirth: string | null;
  estimatedBirthYear: number | null;
  minor: boolean;
  interpreterNeeded: boolean;
  languages: string[];
  workPermit: string;
  passport: string | null;
  phone: string | null;
  returnsLeft: number;
  /** When the person's latest case was received. */
  lastSeen: number;
}

/** A new person's rows, written with the person's first case. */
export interface PendingPerson {
  row: Record<string, unknown>;
  keys: string[];
  documents: Record<string, unknown>[];
}

/**
 * A new person received on `received`, or (with `copyOf`) the same person re-entered as a
 * new record under another spelling or script.
 */
export function generatePerson(
  rnd: Random,
  nationalityTable: Weighted<NationalityProfile>,
  crypto: FieldCrypto,
  received: Date,
  copyOf?: PersonFacts,
): { facts: PersonFacts; pending: PendingPerson } {
  const profile = copyOf?.profile ?? rnd.weighted(nationalityTable);
  const female = copyOf ? copyOf.female : rnd.chance(profile.femaleShare);
  const group = rnd.weighted(profile.groups.map((g) => [g, g.weight] as const));
  const name = copyOf?.name ?? buildName(rnd, group, female === true);
  const returnsLeft = copyOf ? 0 : rnd.chance(0.04) ? (rnd.chance(0.7) ? 1 : 2) : 0;

  let nameLatin: string | null = name.latin;
  let nameArabic: string | null = name.arabic;
  if (copyOf) {
    // Re-entered as a new record under the other script or another spelling: what the
    // duplicate check exists to catch.
    if (copyOf.nameLatin && !copyOf.nameArabic && name.arabic) nameLatin = null;
    else {
      nameArabic = null;
      nameLatin = name.variants.length ? rnd.pick(name.variants) : name.latin;
    }
  } else if (name.arabic && returnsLeft === 0) {
    const arab = ARAB_NATIONALITIES.has(profile.code);
    const r = rnd.next();
    if (r < (arab ? 0.3 : 0.12)) nameLatin = null;
    else if (r < (arab ? 0.45 : 0.5)) nameArabic = null;
  }

  let minor = false;
  let age: number;
  if (copyOf) {
    minor = copyOf.minor;
    age = 0;
  } else if (rnd.chance(0.03)) {
    minor = true;
    age = rnd.int(14, 17);
  } else {
    age = rnd.chance(0.1)
      ? rnd.int(45, 60)
      : 19 + Math.floor(((rnd.next() + rnd.next() + rnd.next()) / 3) * 30);
  }
  let dateOfBirth: string | null = copyOf?.dateOfBirth ?? null;
  let estimatedBirthYear: number | null = copyOf?.estimatedBirthYear ?? null;
  if (!copyOf) {
    if (rnd.chance(0.7)) {
      const dob = new Date(received.getTime() - age * 365.25 * DAY - rnd.int(0, 364) * DAY);
      dateOfBirth = isoDate(dob);
    } else {
      estimatedBirthYear = received.getUTCFullYear() - age;
    }
  }

  const languages = copyOf ? copyOf.languages : [...rnd.pick(group.languages)];
  const speaksCommon = languages.includes('en') || languages.includes('ar');
  const interpreterNeeded = copyOf
    ? copyOf.interpreterNeeded
    : speaksCommon
      ? rnd.chance(0.1)
      : rnd.chance(0.85);
  const domestic = female === true && rnd.chance(profile.domesticShare);
  const workPermit = copyOf
    ? copyOf.workPermit
    : minor
      ? rnd.chance(0.7)
        ? 'none'
        : 'unknown'
      : domestic
        ? 'domestic_worker'
        : rnd.weighted([
            ['employer_sponsored', 78],
            ['flexible_permit', 10],
            ['none', 7],
            ['unknown', 5],
          ] as const);
  const vulnerabilities: string[] = [];
  if (minor) vulnerabilities.push('minor');
  if (female && !minor && rnd.chance(0.03)) vulnerabilities.push('pregnancy');
  if (rnd.chance(0.01)) vulnerabilities.push('disability');
  if (rnd.chance(0.05)) vulnerabilities.push('health');

  let phone: string | null = null;
  if (copyOf) phone = rnd.chance(0.3) ? copyOf.phone : null;
  else if (rnd.chance(0.8)) {
    if (rnd.chance(0.85)) {
      const local = rnd.fill(rnd.chance(0.7) ? '3#######' : '6#######');
      const style = rnd.next();
      phone =
        style < 0.5 ? `+973 ${local.slice(0, 4)} ${local.slice(4)}` : style < 0.8 ? local : `+973${local}`;
    } else {
      phone = `${profile.phone.prefix} ${rnd.fill(profile.phone.pattern)}`;
    }
  }

  const id = randomUUID();
  const documents: Record<string, unknown>[] = [];
  let passport: string | null = null;
  if (copyOf ? copyOf.passport && rnd.chance(0.5) : rnd.chance(0.85)) {
    passport = copyOf?.passport ?? rnd.fill(profile.passport);
    const typed = rnd.chance(0.1)
      ? passport.toLowerCase()
      : rnd.chance(0.05)
        ? `${passport.slice(0, 2)} ${passport.slice(2)}`
        : passport;
    const holder =
      workPermit === 'domestic_worker'
        ? rnd.weighted([
            ['employer', 55],
            ['recruitment_agency', 12],
            ['person', 25],
            ['unknown', 8],
          ] as const)
        : rnd.weighted([
            ['employer', 35],
            ['person', 50],
            ['recruitment_agency', 5],
            ['authority', 3],
            ['unknown', 7],
          ] as const);
    documents.push({
      id: randomUUID(),
      person_id: id,
      type: 'passport',
      number_enc: crypto.encrypt(typed),
      number_bidx: documentIndex(crypto, typed),
      issuing_country: profile.code,
      holder,
      created_at: received,
    });
  }
  if (!copyOf && workPermit !== 'none' && !minor && rnd.chance(0.45)) {
    const cpr = rnd.fill('#########');
    documents.push({
      id: randomUUID(),
      person_id: id,
      type: 'residence_permit',
      number_enc: crypto.encrypt(cpr),
      number_bidx: documentIndex(crypto, cpr),
      issuing_country: 'BH',
      holder: rnd.weighted([
        ['person', 70],
        ['employer', 20],
        ['unknown', 10],
      ] as const),
      created_at: received,
    });
  }

  const aliases: string[] = [];
  if (!copyOf && nameLatin && name.variants.length && rnd.chance(0.07)) aliases.push(rnd.pick(name.variants));
  const names = [nameLatin, nameArabic, ...aliases].filter((n): n is string => !!n);
  const facts: PersonFacts = {
    id,
    profile,
    female,
    name,
    nameLatin,
    nameArabic,
    dateOfBirth,
    estimatedBirthYear,
    minor,
    interpreterNeeded,
    languages,
    workPermit,
    passport,
    phone,
    returnsLeft,
    lastSeen: received.getTime(),
  };
  const pending: PendingPerson = {
    row: {
      id,
      name_latin: nameLatin,
      name_arabic: nameArabic,
      aliases,
      search_text: searchTextOf(names),
      sex: female ? 'female' : 'male',
      date_of_birth: dateOfBirth,
      estimated_birth_year: estimatedBirthYear,
      nationality: profile.code,
      languages,
      interpreter_needed: interpreterNeeded,
      work_permit_type: workPermit,
      vulnerabilities,
      phone_enc: phone ? crypto.encrypt(phone) : null,
      phone_bidx: phone ? phoneIndex(crypto, phone) : null,
      created_at: received,
      updated_at: received,
    },
    keys: [...new Set(names.flatMap(nameKeys))],
    documents,
  };
  return { facts, pending };
}
