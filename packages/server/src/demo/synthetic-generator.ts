/** The synthetic case generator (`synthetic-cases.ts`): cases, parties, consents and referrals, batch by batch. */
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ILO_INDICATORS } from '@opennrm/domain';
import type { Services } from '../services.js';
import type { NationalityProfile } from './synthetic-names.js';
import { generatePerson, type PendingPerson, type PersonFacts } from './synthetic-persons.js';
import { DAY, mulberry32, Random, type Weighted } from './synthetic-random.js';
import {
  CATEGORIES,
  FIRST_RESPONDER_CHANNELS,
  fillNarrative,
  INDICATORS_BY_SUBTYPE,
  INTAKE_KINDS,
  NARRATIVE_CLOSERS,
  NARRATIVE_OPENERS,
  NARRATIVES,
  OFFICERS,
  REFERRAL_STATUSES,
  RISKS,
  SUBTYPES,
  WALK_IN_CHANNELS,
} from './synthetic-vocabulary.js';

// ---------------------------------------------------------------------------------------
// Generation

export interface Context {
  users: Map<string, { id: string; organisationId: string }>;
  orgs: Map<string, string>;
  companies: string[];
  agencies: string[];
  households: string[];
  sponsors: string[];
  perpetrators: string[];
  nationalityTable: Weighted<NationalityProfile>;
}

export interface Batch {
  persons: Record<string, unknown>[];
  nameKeys: { person_id: string; key: string }[];
  documents: Record<string, unknown>[];
  /** Cases without their reference, which the batch's transaction assigns. */
  cases: (Record<string, unknown> & { id: string; received_at: Date })[];
  caseParties: Record<string, unknown>[];
  consents: Record<string, unknown>[];
  referrals: Record<string, unknown>[];
}

export class Generator {
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
    const { facts, pending } = generatePerson(
      this.rnd,
      this.ctx.nationalityTable,
      this.services.crypto,
      received,
      copyOf,
    );
    this.pendingPerson = pending;
    return facts;
  }

  private pendingPerson: PendingPerson | undefined;
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
      // A screened case waits in the SOP's first stage after screening (the demo seed starts its workflow).
      stage: screened ? 'referral_assistance' : stage,
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
