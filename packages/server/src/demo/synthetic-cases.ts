/**
 * Synthetic cases for the demo (`npm start` seeds about 200) and for benchmarks
 * (`npm run seed -- --cases 1000000`). Deterministic for a given seed: the same seed gives
 * the same persons, names, dates, categories and references on an empty database (only
 * row ids and ciphertexts, which are random by design, differ).
 *
 * Rows are written in batches, one transaction per batch, each table with one multi-row
 * INSERT fed by a single JSON parameter (`json_to_recordset`), so a million cases cost a
 * few thousand statements. Sensitive fields go through the same helpers as
 * `insertPerson`: phones and document numbers are encrypted with their blind indexes,
 * names get the same search text and duplicate-detection keys. References are reserved
 * per batch from the gapless per-year counters, in the batch's transaction. Each batch
 * writes ONE audit row (`case.created`, details `{ seed: true, batch, count, ... }`)
 * rather than one per case.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ILO_INDICATORS, nameKeys } from '@opennrm/domain';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { recordAudit } from '../features/audit/audit.service.js';
import { documentIndex, phoneIndex, searchTextOf } from '../features/persons/persons.service.js';
import { DEFAULT_ORGANISATIONS } from '../seed.js';
import type { Services } from '../services.js';
import {
  INDIVIDUAL_PARTIES,
  NATIONALITIES,
  type NameGroup,
  type NationalityProfile,
  PARTY_REGISTER,
} from './synthetic-names.js';

export interface SyntheticSeedOptions {
  /** How many cases to add. */
  count: number;
  /** PRNG seed; the same seed gives the same data. Default 1. */
  seed?: number;
  /** Cases per transaction. Default 1000. */
  batchSize?: number;
  /** The latest received date; cases spread over `years` before it. Default: the services' clock. */
  until?: Date;
  /** How many years of intake to spread the cases over (more recent, more frequent). Default 3. */
  years?: number;
  /** Add cases even when the database already has some (the CLI). By default a database with cases is left alone. */
  append?: boolean;
  onProgress?: (progress: SyntheticSeedProgress) => void;
}

export interface SyntheticSeedProgress {
  cases: number;
  persons: number;
  total: number;
  batches: number;
  elapsedMs: number;
}

export interface SyntheticSeedResult extends SyntheticSeedProgress {
  skipped: boolean;
}

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Weighted<T> = readonly (readonly [T, number])[];

class Random {
  private readonly zipfTables = new Map<string, number[]>();
  constructor(readonly next: () => number) {}
  chance(p: number) {
    return this.next() < p;
  }
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(table: Weighted<T>): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [value, w] of table) {
      r -= w;
      if (r < 0) return value;
    }
    return table[table.length - 1]![0];
  }
  /**
   * Earlier entries more often (Zipf with exponent `s`): a few employers are very common
   * (s = 0.9); names are skewed more gently (s = 0.5), since each list is short.
   */
  zipf<T>(items: readonly T[], s = 0.9): T {
    const key = `${items.length}:${s}`;
    let cumulative = this.zipfTables.get(key);
    if (!cumulative) {
      cumulative = [];
      let sum = 0;
      for (let i = 0; i < items.length; i++) {
        sum += 1 / (i + 1) ** s;
        cumulative.push(sum);
      }
      this.zipfTables.set(key, cumulative);
    }
    const r = this.next() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  }
  subset<T>(items: readonly T[], min: number, max: number): T[] {
    const pool = [...items];
    const n = Math.min(pool.length, this.int(min, max));
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }
  /** Fills a pattern: '#' a digit, '@' a capital letter, anything else kept. */
  fill(pattern: string) {
    let out = '';
    for (const ch of pattern) {
      if (ch === '#') out += String(Math.floor(this.next() * 10));
      else if (ch === '@') out += String.fromCharCode(65 + Math.floor(this.next() * 26));
      else out += ch;
    }
    return out;
  }
}

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

interface GeneratedName {
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
// Vocabulary weights (realistic proportions for a Gulf protection centre)

const ARAB_NATIONALITIES = new Set(['EG', 'SD', 'SY', 'MA']);

const INTAKE_KINDS: Weighted<'walk_in' | 'hotline' | 'first_responder'> = [
  ['walk_in', 40],
  ['hotline', 35],
  ['first_responder', 25],
];
const WALK_IN_CHANNELS: Weighted<string> = [
  ['walk_in', 70],
  ['embassy', 10],
  ['ngo', 8],
  ['police', 5],
  ['online_self_report', 5],
  ['other', 2],
];
const FIRST_RESPONDER_CHANNELS: Weighted<string> = [
  ['labour_inspection', 35],
  ['health', 20],
  ['airport', 20],
  ['police', 15],
  ['ngo', 10],
];
const CATEGORIES: Weighted<'labour_case' | 'abuse' | 'trafficking'> = [
  ['labour_case', 60],
  ['abuse', 22],
  ['trafficking', 18],
];
const SUBTYPES: Record<'labour_case' | 'abuse' | 'trafficking', Weighted<string>> = {
  labour_case: [
    ['unpaid_wages', 45],
    ['contract_violation', 20],
    ['employer_transfer', 15],
    ['working_conditions', 15],
    ['other', 5],
  ],
  abuse: [
    ['physical', 45],
    ['psychological', 30],
    ['sexual', 15],
    ['other', 10],
  ],
  trafficking: [
    ['forced_labour', 35],
    ['domestic_servitude', 30],
    ['sexual_exploitation', 20],
    ['forced_criminality', 5],
    ['forced_begging', 4],
    ['organ_removal', 1],
    ['other', 5],
  ],
};
const RISKS: Record<'labour_case' | 'abuse' | 'trafficking' | 'unscreened', Weighted<string>> = {
  labour_case: [
    ['urgent', 2],
    ['high', 10],
    ['medium', 48],
    ['low', 40],
  ],
  abuse: [
    ['urgent', 10],
    ['high', 35],
    ['medium', 40],
    ['low', 15],
  ],
  trafficking: [
    ['urgent', 20],
    ['high', 45],
    ['medium', 30],
    ['low', 5],
  ],
  unscreened: [
    ['urgent', 5],
    ['high', 15],
    ['medium', 70],
    ['low', 10],
  ],
};
const REFERRAL_STATUSES: Weighted<string> = [
  ['sent', 20],
  ['acknowledged', 20],
  ['accepted', 25],
  ['in_progress', 25],
  ['completed', 10],
];

/** Indicators a first responder ticks, by what the case turns out to be. */
const INDICATORS_BY_SUBTYPE: Record<string, readonly string[]> = {
  unpaid_wages: ['withholding_of_wages', 'debt_bondage'],
  contract_violation: ['deception', 'excessive_overtime'],
  employer_transfer: ['retention_of_identity_documents', 'intimidation_threats'],
  working_conditions: ['abusive_working_living_conditions', 'excessive_overtime'],
  physical: ['physical_sexual_violence', 'intimidation_threats'],
  sexual: ['physical_sexual_violence', 'isolation'],
  psychological: ['intimidation_threats', 'isolation'],
  forced_labour: ['debt_bondage', 'withholding_of_wages', 'restriction_of_movement'],
  domestic_servitude: ['restriction_of_movement', 'isolation', 'excessive_overtime'],
  sexual_exploitation: ['deception', 'restriction_of_movement', 'physical_sexual_violence'],
  forced_criminality: ['intimidation_threats', 'abuse_of_vulnerability'],
  forced_begging: ['abuse_of_vulnerability', 'restriction_of_movement'],
  organ_removal: ['deception', 'abuse_of_vulnerability'],
};

const OFFICERS: Record<string, readonly string[]> = {
  labour_inspection: ['Inspector Ali H.', 'Inspector Maryam J.', 'Inspector Hussain A.', 'Inspector Sara K.'],
  police: ['Sgt. Ahmed K.', 'Lt. Fatima R.', 'Officer Jassim M.'],
  airport: ['Airport officer Yusuf R.', 'Airport officer Huda S.', 'Immigration desk, Terminal 1'],
  health: ['Nurse Mariam A.', 'Dr. Khalid N.', 'Social worker Zahra B.'],
  ngo: ['Community volunteer', 'Migrant support group caseworker', 'Church outreach worker'],
  embassy: ['Labour attaché', 'Consular officer', 'Welfare officer of the embassy'],
  other: ['A friend of the worker', 'A neighbour', 'A taxi driver'],
  hotline: ['the worker', 'a relative abroad', 'a neighbour', 'a friend', 'a co-worker'],
};

const NARRATIVES: Record<string, readonly string[]> = {
  unpaid_wages: [
    '{S} says {p} salary has not been paid for {months} months.',
    '{S} was promised {amount} BHD a month but has received nothing since the start of the contract.',
    'The employer pays only part of the agreed wage and keeps the rest "for the ticket".',
  ],
  contract_violation: [
    'The job and the salary differ from the contract {s} signed at home.',
    '{S} was recruited as a shop assistant but is made to clean houses.',
  ],
  employer_transfer: [
    '{S} asks to transfer to a new employer; the sponsor refuses to release {o}.',
    'The employer has reported {o} as absconding after {s} asked for {p} wages.',
  ],
  working_conditions: [
    '{S} works {hours} hours a day without a weekly day off.',
    '{S} shares a room with {people} other workers and there is no running water.',
  ],
  physical: [
    '{S} reports being beaten by a member of the household.',
    '{S} has bruises on {p} arms and says the supervisor hit {o}.',
  ],
  psychological: [
    '{S} reports daily insults and threats to send {o} to prison.',
    'The employer threatens to report {o} to the police if {s} leaves.',
  ],
  sexual: [
    '{S} reports sexual harassment by a relative of the employer.',
    '{S} was assaulted at night in the accommodation.',
  ],
  forced_labour: [
    '{S} is made to work on construction sites without pay to repay a recruitment debt of {amount} BHD.',
    'Workers are locked in the camp after their shift; {s} has not been paid for {months} months.',
  ],
  domestic_servitude: [
    '{S} is locked in the house, has no phone and no day off for {months} months.',
    '{S} works for three households of the same family and sleeps in the kitchen.',
  ],
  sexual_exploitation: [
    '{S} was recruited for a hotel job, then forced to provide sexual services.',
    '{S} was told {s} owed {amount} BHD and had to work in a club until it was repaid.',
  ],
  forced_criminality: ['{S} was made to sell alcohol illegally and threatened with the police.'],
  forced_begging: ['{S} was dropped each day at a market to beg and had to hand over the money.'],
  organ_removal: ['{S} says the agent offered to clear {p} debt in exchange for a kidney.'],
  other: ['{S} describes a situation that does not fit the usual categories; details to follow.'],
  unscreened: [
    '{S} says {p} passport is held by the employer.',
    '{S} has not been paid and wants to go home.',
    '{S} left the employer\u2019s house and has nowhere to stay.',
  ],
};
const NARRATIVE_OPENERS: Record<string, readonly string[]> = {
  hotline: ['Call from {caller}.', 'Anonymous call.', 'Call from {caller}; line dropped once.'],
  walk_in: [
    'Came to the centre in person.',
    'Came to the centre with a friend.',
    'Walked in after seeing a leaflet.',
  ],
  labour_inspection: ['Met during a site inspection.', 'Found during an inspection of the accommodation.'],
  health: ['Seen at a health centre with injuries.', 'Brought to the emergency department.'],
  airport: [
    'Airport staff noticed the passenger was distressed and had no passport.',
    'Stopped at departures with a ticket bought by an agent.',
  ],
  police: [
    'Brought to the police station by a passer-by.',
    'Came to the police station to report the employer.',
  ],
  ngo: ['Referred by a community organisation.'],
  embassy: ['Referred by the embassy after a call to its welfare desk.'],
  online_self_report: ['Self-report through the online form.'],
  other: ['Referred by a private individual.'],
};
const NARRATIVE_CLOSERS = [
  '{S} wants to go home.',
  '{S} wants to change employer.',
  '{S} is afraid of the employer.',
  '{S} has no money for food.',
  '{S} asks for help to recover {p} passport.',
  '',
];

function fillNarrative(rnd: Random, template: string, female: boolean, caller: string): string {
  const [s, o, p] = female ? ['she', 'her', 'her'] : ['he', 'him', 'his'];
  return template
    .replaceAll('{S}', s[0]!.toUpperCase() + s.slice(1))
    .replaceAll('{s}', s)
    .replaceAll('{o}', o)
    .replaceAll('{p}', p)
    .replaceAll('{months}', String(rnd.int(2, 14)))
    .replaceAll('{amount}', String(rnd.int(3, 30) * 50))
    .replaceAll('{hours}', String(rnd.int(14, 19)))
    .replaceAll('{people}', String(rnd.int(6, 14)))
    .replaceAll('{caller}', caller);
}

// ---------------------------------------------------------------------------------------
// Generation

const DAY = 86_400_000;

interface Context {
  users: Map<string, { id: string; organisationId: string }>;
  orgs: Map<string, string>;
  companies: string[];
  agencies: string[];
  households: string[];
  sponsors: string[];
  perpetrators: string[];
  nationalityTable: Weighted<NationalityProfile>;
}

interface PersonFacts {
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

interface Batch {
  persons: Record<string, unknown>[];
  nameKeys: { person_id: string; key: string }[];
  documents: Record<string, unknown>[];
  /** Cases without their reference, which the batch's transaction assigns. */
  cases: (Record<string, unknown> & { id: string; received_at: Date })[];
  caseParties: Record<string, unknown>[];
  consents: Record<string, unknown>[];
  referrals: Record<string, unknown>[];
}

function isoDate(d: Date) {
  return d.toISOString().slice(0, 10);
}

class Generator {
  private readonly rnd: Random;
  /** Persons who will come back with another case (one person row, several cases). */
  private readonly returning: PersonFacts[] = [];
  /** Recent persons, for the few re-entered as a new record under another spelling or script. */
  private readonly recent: PersonFacts[] = [];
  private index = 0;

  constructor(
    seed: number,
    private readonly ctx: Context,
    private readonly services: Services,
    private readonly total: number,
    private readonly until: number,
    private readonly spanMs: number,
  ) {
    this.rnd = new Random(mulberry32(seed));
  }

  /** Received dates rise through the run, denser towards `until` (density 1 + 2t over the span). */
  private receivedAt(): Date {
    const u = (this.index + this.rnd.next()) / this.total;
    const t = (-1 + Math.sqrt(1 + 8 * u)) / 2;
    return new Date(Math.floor(this.until - this.spanMs * (1 - t)));
  }

  private user(username: string) {
    return this.ctx.users.get(username) ?? null;
  }

  private newPerson(received: Date, copyOf?: PersonFacts): PersonFacts {
    const rnd = this.rnd;
    const profile = copyOf?.profile ?? rnd.weighted(this.ctx.nationalityTable);
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
    const { crypto } = this.services;
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
    if (!copyOf && nameLatin && name.variants.length && rnd.chance(0.07))
      aliases.push(rnd.pick(name.variants));
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
    this.pendingPerson = {
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
    return facts;
  }

  private pendingPerson:
    | { row: Record<string, unknown>; keys: string[]; documents: Record<string, unknown>[] }
    | undefined;

  /** One case (and its person, unless the person is returning), appended to the batch. */
  private nextCase(batch: Batch) {
    const rnd = this.rnd;
    const { orgs } = this.ctx;
    const received = this.receivedAt();
    this.index++;
    const ageDays = (this.until - received.getTime()) / DAY;

    let person: PersonFacts;
    let duplicateCheck: string;
    let newPerson = true;
    const i = this.returning.length ? rnd.int(0, Math.floor((this.returning.length - 1) / 2)) : -1;
    const back = this.returning[i];
    if (back && received.getTime() - back.lastSeen > 14 * DAY && rnd.chance(0.05)) {
      person = back;
      person.lastSeen = received.getTime();
      if (--person.returnsLeft <= 0) this.returning.splice(i, 1);
      duplicateCheck = 'linked_existing';
      newPerson = false;
    } else if (this.recent.length > 50 && rnd.chance(0.008)) {
      person = this.newPerson(received, rnd.pick(this.recent));
      duplicateCheck = 'pending';
    } else {
      person = this.newPerson(received);
      duplicateCheck = 'new_person_confirmed';
      if (person.returnsLeft > 0) {
        this.returning.push(person);
        if (this.returning.length > 5000) this.returning.shift();
      }
      this.recent.push(person);
      if (this.recent.length > 2000) this.recent.shift();
    }

    const intakeKind = rnd.weighted(INTAKE_KINDS);
    const channel =
      intakeKind === 'hotline'
        ? 'hotline'
        : intakeKind === 'walk_in'
          ? rnd.weighted(WALK_IN_CHANNELS)
          : rnd.weighted(FIRST_RESPONDER_CHANNELS);

    let creator: { id: string; organisationId: string } | null;
    let referredByOrg: string | null = null;
    let referredByName: string | null = null;
    if (intakeKind === 'hotline') {
      creator = this.user('hotline');
    } else if (intakeKind === 'first_responder') {
      creator =
        channel === 'labour_inspection'
          ? this.user('focalpoint')
          : channel === 'police'
            ? this.user('officer')
            : this.user('casemanager');
      const orgKey: Record<string, string> = {
        labour_inspection: 'inspection',
        police: 'police',
        airport: 'airport',
        health: 'health',
        ngo: 'iom',
      };
      referredByOrg = orgs.get(orgKey[channel] ?? '') ?? null;
      referredByName = rnd.pick(OFFICERS[channel] ?? OFFICERS.other!);
    } else {
      creator = rnd.chance(0.8) ? this.user('casemanager') : this.user('supervisor');
      if (channel === 'embassy') {
        referredByOrg = orgs.get(`embassy-${person.profile.code.toLowerCase()}`) ?? null;
        referredByName = rnd.pick(OFFICERS.embassy!);
      } else if (channel === 'ngo') {
        referredByOrg = rnd.chance(0.5) ? (orgs.get('iom') ?? null) : null;
        referredByName = rnd.pick(OFFICERS.ngo!);
      } else if (channel === 'police') {
        referredByOrg = orgs.get('police') ?? null;
        referredByName = rnd.pick(OFFICERS.police!);
      } else if (channel === 'other') {
        referredByName = rnd.pick(OFFICERS.other!);
      }
    }

    const stage = rnd.weighted(
      ageDays < 7
        ? ([
            ['received', 55],
            ['screening', 35],
            ['screened', 10],
          ] as const)
        : ageDays < 30
          ? ([
              ['received', 20],
              ['screening', 40],
              ['screened', 40],
            ] as const)
          : ageDays < 90
            ? ([
                ['received', 4],
                ['screening', 16],
                ['screened', 80],
              ] as const)
            : ([
                ['received', 0.5],
                ['screening', 3.5],
                ['screened', 96],
              ] as const),
    );
    if (newPerson && duplicateCheck === 'new_person_confirmed' && stage === 'received' && rnd.chance(0.6)) {
      duplicateCheck = 'pending';
    }
    if (duplicateCheck === 'pending' && stage !== 'received') duplicateCheck = 'new_person_confirmed';

    // What the case is: decided for every case (it drives the narrative), recorded once screened.
    const category = rnd.weighted(CATEGORIES);
    let subtype = rnd.weighted(SUBTYPES[category]);
    // Servitude is a domestic workers' form of trafficking; on a building site it is forced labour.
    if (subtype === 'domestic_servitude' && person.workPermit !== 'domestic_worker')
      subtype = 'forced_labour';
    const screened = stage === 'screened';
    const risk = rnd.weighted(RISKS[screened ? category : 'unscreened']);
    const assignee =
      stage === 'received'
        ? null
        : stage === 'screening'
          ? rnd.chance(0.8)
            ? this.user('casemanager')
            : this.user('supervisor')
          : rnd.weighted([
              [this.user('casemanager'), 70],
              [this.user('supervisor'), 20],
              [null, 10],
            ] as const);

    const caller = rnd.pick(OFFICERS.hotline!);
    const opener = fillNarrative(
      rnd,
      rnd.pick(NARRATIVE_OPENERS[intakeKind === 'hotline' ? 'hotline' : channel] ?? ['']),
      person.female,
      caller,
    );
    const body = fillNarrative(
      rnd,
      rnd.pick(
        NARRATIVES[subtype === 'other' && category !== 'trafficking' ? 'unscreened' : subtype] ??
          NARRATIVES.unscreened!,
      ),
      person.female,
      caller,
    );
    const closer = fillNarrative(rnd, rnd.pick(NARRATIVE_CLOSERS), person.female, caller);
    const narrative = rnd.chance(0.92) ? [opener, body, closer].filter(Boolean).join(' ') : null;

    let indicators: string[] = [];
    if (intakeKind === 'first_responder') {
      indicators = rnd.subset(INDICATORS_BY_SUBTYPE[subtype] ?? ILO_INDICATORS, 1, 3);
      if (person.passport && rnd.chance(0.3)) indicators.push('retention_of_identity_documents');
      indicators = [...new Set(indicators)];
    }

    const createdAt = new Date(
      Math.min(this.until, received.getTime() + rnd.int(1, intakeKind === 'walk_in' ? 90 : 10) * 60_000),
    );
    const updatedAt = screened
      ? new Date(Math.min(this.until, createdAt.getTime() + rnd.int(1, 20) * DAY * (ageDays > 20 ? 1 : 0.2)))
      : createdAt;
    const caseId = randomUUID();
    const interpreterUsed = person.interpreterNeeded && rnd.chance(intakeKind === 'hotline' ? 0.3 : 0.85);

    if (newPerson) {
      const p = this.pendingPerson!;
      p.row.created_by = creator?.id ?? null;
      batch.persons.push(p.row);
      for (const key of p.keys) batch.nameKeys.push({ person_id: person.id, key });
      batch.documents.push(...p.documents);
      this.pendingPerson = undefined;
    }
    batch.cases.push({
      id: caseId,
      person_id: person.id,
      intake_kind: intakeKind,
      channel,
      referred_by_organisation_id: referredByOrg,
      referred_by_name: referredByName,
      received_at: received,
      languages: person.languages,
      interpreter_used: interpreterUsed,
      category: screened ? category : null,
      subtype: screened ? subtype : null,
      risk,
      stage,
      assigned_to: assignee?.id ?? null,
      narrative_enc: narrative ? this.services.crypto.encrypt(narrative) : null,
      reported_indicators: indicators,
      duplicate_check: duplicateCheck,
      created_by: creator?.id ?? null,
      created_by_organisation_id: creator?.organisationId ?? null,
      created_at: createdAt,
      updated_at: updatedAt,
    });

    // Parties from the shared register: a few employers and agencies recur in many cases.
    const domestic = person.workPermit === 'domestic_worker';
    const employer =
      domestic && rnd.chance(0.6)
        ? rnd.zipf(this.ctx.households)
        : rnd.chance(0.7)
          ? rnd.zipf(this.ctx.companies)
          : null;
    const link = (partyId: string, role: string) =>
      batch.caseParties.push({
        id: randomUUID(),
        case_id: caseId,
        party_id: partyId,
        role,
        created_at: createdAt,
      });
    if (employer) link(employer, 'employer');
    if (rnd.chance(domestic ? 0.7 : 0.3)) link(rnd.zipf(this.ctx.agencies), 'recruitment_agency');
    if (rnd.chance(0.05)) link(rnd.pick(this.ctx.sponsors), 'sponsor');
    if ((category === 'abuse' || category === 'trafficking') && rnd.chance(0.3)) {
      if (employer && rnd.chance(0.5)) link(employer, 'alleged_perpetrator');
      else link(rnd.pick(this.ctx.perpetrators), 'alleged_perpetrator');
    }

    // Consents, once screened: embassy contact (given or refused), statistics, shelter.
    if (screened && rnd.chance(0.55)) {
      const recorder = assignee ?? this.user('casemanager');
      const at = (days: number) => new Date(Math.min(this.until, createdAt.getTime() + days * DAY));
      const consent = (
        purpose: string,
        status: string,
        recordedAt: Date,
        organisationKind: string | null = null,
      ) =>
        batch.consents.push({
          id: randomUUID(),
          case_id: caseId,
          purpose,
          organisation_id: null,
          organisation_kind: organisationKind,
          status,
          method: person.interpreterNeeded
            ? 'verbal_with_interpreter'
            : rnd.weighted([
                ['signed_form', 60],
                ['verbal', 40],
              ] as const),
          given_by: person.minor ? 'guardian' : 'person',
          guardian_name: person.minor ? 'Appointed guardian, child protection unit' : null,
          recorded_by: recorder?.id ?? null,
          recorded_at: recordedAt,
        });
      const firstDay = rnd.int(0, 3);
      if (rnd.chance(0.8)) {
        const given = rnd.chance(0.55);
        consent('embassy_contact', given ? 'given' : 'refused', at(firstDay));
        if (given && rnd.chance(0.03)) consent('embassy_contact', 'withdrawn', at(firstDay + rnd.int(2, 30)));
      }
      if (rnd.chance(0.7)) consent('statistics', rnd.chance(0.85) ? 'given' : 'refused', at(firstDay));
      if (category !== 'labour_case' && rnd.chance(0.4))
        consent('shelter', rnd.chance(0.7) ? 'given' : 'refused', at(firstDay));
    }

    // A few referrals out, so agency roles see cases in the demo (the SOP issue adds the rest).
    if (screened && rnd.chance(0.2)) {
      const orgKey = rnd.weighted(
        category === 'labour_case'
          ? ([
              ['inspection', 60],
              ['grievances', 40],
            ] as const)
          : category === 'abuse'
            ? ([
                ['police', 50],
                ['shelter', 30],
                ['health', 20],
              ] as const)
            : ([
                ['shelter', 40],
                ['police', 40],
                ['prosecution', 20],
              ] as const),
      );
      const organisationId = orgs.get(orgKey);
      if (organisationId) {
        batch.referrals.push({
          id: randomUUID(),
          case_id: caseId,
          organisation_id: organisationId,
          shared_sections: rnd.chance(0.6)
            ? ['person', 'narrative']
            : ['person', 'narrative', 'screening', 'parties'],
          status: rnd.weighted(REFERRAL_STATUSES),
          created_by: (assignee ?? this.user('casemanager'))?.id ?? null,
          created_at: updatedAt,
        });
      }
    }
  }

  /** Generates up to `size` cases, yielding now and then so the previous batch's queries progress. */
  async batch(size: number): Promise<Batch> {
    const batch: Batch = {
      persons: [],
      nameKeys: [],
      documents: [],
      cases: [],
      caseParties: [],
      consents: [],
      referrals: [],
    };
    for (let i = 0; i < size && this.index < this.total; i++) {
      this.nextCase(batch);
      if (i % 100 === 99) await yieldToEventLoop();
    }
    return batch;
  }
}

// ---------------------------------------------------------------------------------------
// Writing

/** Column types for `json_to_recordset`: one JSON parameter per table and batch. */
const COLUMNS = {
  persons: {
    id: 'uuid',
    name_latin: 'text',
    name_arabic: 'text',
    aliases: 'text[]',
    search_text: 'text',
    sex: 'text',
    date_of_birth: 'date',
    estimated_birth_year: 'integer',
    nationality: 'text',
    languages: 'text[]',
    interpreter_needed: 'boolean',
    work_permit_type: 'text',
    vulnerabilities: 'text[]',
    phone_enc: 'text',
    phone_bidx: 'text',
    created_by: 'uuid',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  person_name_keys: { person_id: 'uuid', key: 'text' },
  identity_documents: {
    id: 'uuid',
    person_id: 'uuid',
    type: 'text',
    number_enc: 'text',
    number_bidx: 'text',
    issuing_country: 'text',
    holder: 'text',
    created_at: 'timestamptz',
  },
  cases: {
    id: 'uuid',
    reference: 'text',
    person_id: 'uuid',
    intake_kind: 'text',
    channel: 'text',
    referred_by_organisation_id: 'uuid',
    referred_by_name: 'text',
    received_at: 'timestamptz',
    languages: 'text[]',
    interpreter_used: 'boolean',
    category: 'text',
    subtype: 'text',
    risk: 'text',
    stage: 'text',
    assigned_to: 'uuid',
    narrative_enc: 'text',
    reported_indicators: 'text[]',
    duplicate_check: 'text',
    created_by: 'uuid',
    created_by_organisation_id: 'uuid',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  case_parties: { id: 'uuid', case_id: 'uuid', party_id: 'uuid', role: 'text', created_at: 'timestamptz' },
  consents: {
    id: 'uuid',
    case_id: 'uuid',
    purpose: 'text',
    organisation_id: 'uuid',
    organisation_kind: 'text',
    status: 'text',
    method: 'text',
    given_by: 'text',
    guardian_name: 'text',
    recorded_by: 'uuid',
    recorded_at: 'timestamptz',
  },
  referrals: {
    id: 'uuid',
    case_id: 'uuid',
    organisation_id: 'uuid',
    shared_sections: 'text[]',
    status: 'text',
    created_by: 'uuid',
    created_at: 'timestamptz',
  },
} as const satisfies { [T in keyof DB]?: { [C in keyof DB[T]]?: string } };

async function insertJson(
  trx: Transaction<DB>,
  table: keyof typeof COLUMNS,
  rows: readonly Record<string, unknown>[],
) {
  if (rows.length === 0) return;
  const columns = Object.entries(COLUMNS[table]);
  const names = sql.join(columns.map(([c]) => sql.ref(c)));
  const defs = sql.raw(columns.map(([c, t]) => `${c} ${t}`).join(', '));
  await sql`INSERT INTO ${sql.table(table)} (${names})
    SELECT ${names} FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(${defs})`.execute(trx);
}

async function writeBatch(services: Services, batch: Batch, batchNo: number) {
  await services.db.transaction().execute(async (trx) => {
    // Synthetic data: a crash may lose the last batches (each stays all-or-nothing), and
    // not waiting for each commit's WAL flush makes a large seed faster.
    await sql`SELECT set_config('synchronous_commit', 'off', true)`.execute(trx);
    // Reserve a block of references per year; the counter rows stay locked until commit, so
    // concurrent intakes wait and nothing is skipped or repeated (rolls back with the batch).
    const perYear = new Map<number, number>();
    for (const c of batch.cases) {
      const y = c.received_at.getUTCFullYear();
      perYear.set(y, (perYear.get(y) ?? 0) + 1);
    }
    const reserved = await sql<{ year: number; last_value: number }>`
      INSERT INTO case_reference_counters (year, last_value)
      SELECT year, last_value FROM json_to_recordset(${JSON.stringify([...perYear].map(([year, n]) => ({ year, last_value: n })))}::json)
        AS x(year integer, last_value integer)
      ON CONFLICT (year) DO UPDATE SET last_value = case_reference_counters.last_value + excluded.last_value
      RETURNING year, last_value`.execute(trx);
    const next = new Map<number, number>();
    for (const r of reserved.rows) {
      if (r.last_value > 999_999)
        throw new Error(`More than 999,999 cases in ${r.year}: the reference format has 6 digits`);
      next.set(r.year, r.last_value - perYear.get(r.year)! + 1);
    }
    for (const c of batch.cases) {
      const y = c.received_at.getUTCFullYear();
      const n = next.get(y)!;
      next.set(y, n + 1);
      c.reference = `NRM-${y}-${String(n).padStart(6, '0')}`;
    }
    await insertJson(trx, 'persons', batch.persons);
    await insertJson(trx, 'person_name_keys', batch.nameKeys);
    await insertJson(trx, 'identity_documents', batch.documents);
    await insertJson(trx, 'cases', batch.cases);
    await insertJson(trx, 'case_parties', batch.caseParties);
    await insertJson(trx, 'consents', batch.consents);
    await insertJson(trx, 'referrals', batch.referrals);
    const first = batch.cases[0]!;
    const last = batch.cases[batch.cases.length - 1]!;
    await recordAudit(
      trx,
      { requestId: 'seed' },
      {
        action: 'case.created',
        targetType: 'case',
        targetId: first.id,
        details: {
          seed: true,
          batch: batchNo,
          count: batch.cases.length,
          persons: batch.persons.length,
          firstReference: first.reference,
          lastReference: last.reference,
        },
      },
      services.now(),
    );
  });
}

async function loadContext(services: Services, now: Date): Promise<Context> {
  const { db } = services;
  const [orgRows, userRows] = await Promise.all([
    db.selectFrom('organisations').select(['id', 'name']).execute(),
    db.selectFrom('users').select(['id', 'username', 'organisation_id']).where('active', '=', true).execute(),
  ]);
  const orgs = new Map<string, string>();
  for (const o of DEFAULT_ORGANISATIONS) {
    const row = orgRows.find((r) => r.name === o.name);
    if (row) orgs.set(o.key, row.id);
  }
  const users = new Map(userRows.map((u) => [u.username, { id: u.id, organisationId: u.organisation_id }]));

  // The shared register: reuse entries already there (by name), add the missing ones.
  const wanted = [
    ...PARTY_REGISTER.map((p) => ({ kind: p.kind, name: p.name, nameAr: p.nameAr, country: 'BH' })),
    ...INDIVIDUAL_PARTIES.map(([name, nameAr]) => ({ kind: 'individual', name, nameAr, country: null })),
  ];
  const existing = await db
    .selectFrom('parties')
    .select(['id', 'name'])
    .where(
      'name',
      'in',
      wanted.map((w) => w.name),
    )
    .execute();
  const ids = new Map(existing.map((p) => [p.name, p.id]));
  const missing = wanted.filter((w) => !ids.has(w.name));
  if (missing.length) {
    const rows = await db
      .insertInto('parties')
      .values(
        missing.map((w, i) => ({
          kind: w.kind,
          name: w.name,
          name_ar: w.nameAr,
          country: w.country,
          registration_number: w.kind === 'individual' ? null : `CR-${10_000 + i * 137}-${(i % 4) + 1}`,
          created_at: now,
        })),
      )
      .returning(['id', 'name'])
      .execute();
    for (const r of rows) ids.set(r.name, r.id);
  }
  const idOf = (name: string) => ids.get(name)!;
  return {
    users,
    orgs,
    companies: PARTY_REGISTER.filter((p) => p.kind === 'company').map((p) => idOf(p.name)),
    agencies: PARTY_REGISTER.filter((p) => p.kind === 'recruitment_agency').map((p) => idOf(p.name)),
    households: INDIVIDUAL_PARTIES.slice(0, 8).map(([n]) => idOf(n)),
    sponsors: INDIVIDUAL_PARTIES.slice(8, 10).map(([n]) => idOf(n)),
    perpetrators: INDIVIDUAL_PARTIES.slice(10).map(([n]) => idOf(n)),
    nationalityTable: NATIONALITIES.map((n) => [n, n.weight] as const),
  };
}

/**
 * Seeds `count` synthetic cases. Safe to call on every start: unless `append` is set, a
 * database that already has cases is left untouched. Needs the default organisations (and,
 * for creators and assignees, the demo users) from `seed()`; without demo users the cases
 * are unassigned and have no creator.
 */
export async function seedSyntheticCases(
  services: Services,
  options: SyntheticSeedOptions,
): Promise<SyntheticSeedResult> {
  const started = performance.now();
  const total = Math.max(0, Math.floor(options.count));
  const empty = { cases: 0, persons: 0, total, batches: 0, elapsedMs: 0 };
  if (total === 0) return { ...empty, skipped: true };
  if (!options.append) {
    const any = await services.db.selectFrom('cases').select('id').limit(1).executeTakeFirst();
    if (any) return { ...empty, skipped: true };
  }
  const now = services.now();
  const until = (options.until ?? now).getTime();
  const spanMs = (options.years ?? 3) * 365.25 * DAY;
  const batchSize = Math.max(1, options.batchSize ?? 1000);
  const ctx = await loadContext(services, now);
  const generator = new Generator(options.seed ?? 1, ctx, services, total, until, spanMs);

  const progress: SyntheticSeedProgress = { cases: 0, persons: 0, total, batches: 0, elapsedMs: 0 };
  let writing: Promise<void> | undefined;
  let written = { cases: 0, persons: 0 };
  for (let done = 0; done < total; ) {
    // Generate the next batch while the previous one is written (two cores: Node and PostgreSQL).
    const batch = await generator.batch(Math.min(batchSize, total - done));
    done += batch.cases.length;
    if (writing) await writing;
    const batchNo = ++progress.batches;
    const counts = { cases: batch.cases.length, persons: batch.persons.length };
    writing = writeBatch(services, batch, batchNo).then(() => {
      written = { cases: written.cases + counts.cases, persons: written.persons + counts.persons };
      Object.assign(progress, written, { elapsedMs: performance.now() - started });
      options.onProgress?.({ ...progress });
    });
    // Awaited below; until then a failure must not count as unhandled while the next batch is generated.
    writing.catch(() => undefined);
  }
  await writing;
  return { ...progress, elapsedMs: performance.now() - started, skipped: false };
}
