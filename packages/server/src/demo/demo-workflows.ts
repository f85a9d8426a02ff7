/**
 * Demo workflows: starts the SOP of synthetic cases that were screened and walks a share of
 * them through their procedure as a busy NRM would (tasks done late or on time, referrals sent
 * to the agencies their SOP names, answered, completed; stages advanced; some resolved,
 * followed up and closed), with time moving from the day the case was received. Every step
 * goes through the same engine and services as the API, so the demo shows real states, real
 * deadlines (some overdue) and a real timeline.
 */
import {
  type Actor,
  availableActions,
  type CaseAction,
  closeBlockers,
  LIFECYCLE_STAGES,
  type LifecycleStage,
  type OrganisationKind,
  REFERRAL_TRANSITIONS,
  type ReferralStatus,
} from '@opennrm/domain';
import type { Database } from '../db/create-db.js';
import { writeCaseRow } from '../features/cases/index.js';
import { answerReferralIn, currentReferral, sendReferralIn } from '../features/referrals/index.js';
import { type ActContext, act, loadWorkflow, startWorkflow } from '../features/workflow/index.js';
import type { Services } from '../services.js';
import {
  embassyOfCasePerson,
  findConsentAnswer,
  insertConsent,
  listActorUsers,
  organisationOfKind,
  referralsOfCase,
  screenedCasesWithoutWorkflow,
} from './demo.repository.js';
import { mulberry32 } from './synthetic-random.js';

const DAY = 86_400_000;
/** Where the demo leaves each case, with weights. */
const TARGETS: [LifecycleStage, number][] = [
  ['screening', 10],
  ['referral_assistance', 35],
  ['proceedings', 15],
  ['resolution', 12],
  ['follow_up', 13],
  ['closed', 15],
];

/** The stage a case is left at, for a uniform draw in [0, 1). */
function pickTarget(draw: number): LifecycleStage {
  let rest = draw * TARGETS.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [stage, weight] of TARGETS) {
    rest -= weight;
    if (rest < 0) return stage;
  }
  return 'referral_assistance';
}

interface DemoActors {
  manager: Actor;
  supervisor: Actor;
  agency: Map<string, Actor>;
}

async function loadActors(db: Database): Promise<DemoActors | undefined> {
  const users = await listActorUsers(db);
  const actor = (u: (typeof users)[number]): Actor => ({
    userId: u.id,
    role: u.role,
    organisationId: u.organisation_id,
    organisationKind: u.kind,
    organisationCountry: u.country_code,
    active: true,
  });
  const manager = users.find((u) => u.role === 'nrm_case_manager');
  const supervisor = users.find((u) => u.role === 'nrm_supervisor');
  if (!manager || !supervisor) return undefined;
  const agency = new Map<string, Actor>();
  for (const u of users) {
    if (['agency_focal_point', 'agency_officer', 'shelter_staff', 'embassy_officer'].includes(u.role)) {
      agency.set(u.organisation_id, actor(u));
    }
  }
  return { manager: actor(manager), supervisor: actor(supervisor), agency };
}

/** An agency stand-in for organisations without a demo user (acting as the NRM would record it). */
function recipientActor(actors: DemoActors, organisationId: string, kind: OrganisationKind): Actor {
  return (
    actors.agency.get(organisationId) ?? {
      userId: actors.manager.userId,
      role: 'agency_focal_point',
      organisationId,
      organisationKind: kind,
      active: true,
    }
  );
}

export interface DemoWorkflowResult {
  started: number;
  byStage: Record<string, number>;
  /** Cases the walk failed on (left without a workflow), with why. */
  failed: string[];
}

/**
 * Starts workflows for up to `limit` screened cases without one and drives each to a target
 * stage. Idempotent in effect: cases that already have a workflow are left alone.
 */
export async function seedDemoWorkflows(
  services: Services,
  opts: { limit?: number; seed?: number } = {},
): Promise<DemoWorkflowResult> {
  const db = services.db;
  const actors = await loadActors(db);
  const result: DemoWorkflowResult = { started: 0, byStage: {}, failed: [] };
  if (!actors) return result;
  const cases = await screenedCasesWithoutWorkflow(db, opts.limit ?? 120);
  const random = mulberry32(opts.seed ?? 7);
  const realNow = services.now();
  for (const row of cases) {
    const target = pickTarget(random());
    // Time moves on from the day the case was received, by a few days per step, never past now.
    let at = new Date(row.received_at.getTime() + 2 * 3_600_000);
    const tick = (days: number) => {
      at = new Date(Math.min(realNow.getTime() - 60_000, at.getTime() + days * DAY * (0.5 + random())));
      return at;
    };
    const ctx = (actor: Actor): ActContext => ({
      services: { ...services, now: () => at },
      db,
      audit: {},
      actorId: actor.userId,
      now: at,
    });
    // Demo data is best effort: a case the walk fails on is left without its SOP.
    const stage = await db
      .transaction()
      .execute(async (trx) => {
        const c = (actor: Actor) => ({ ...ctx(actor), db: trx });
        await writeCaseRow(trx, row.id, { assigned_to: row.assigned_to ?? actors.manager.userId }, at, {
          audit: { ctx: {}, action: 'case.assigned', details: { demo: true } },
        });
        const started = await startWorkflow(c(actors.manager), row.id);
        if (!started) return undefined;
        await act(c(actors.manager), row.id, [
          { type: 'confirm_category', category: started.state.category, subtype: started.state.subtype },
        ]);
        await drive(trx, c, actors, row.id, target, tick, random);
        return (await loadWorkflow(services, trx, row.id)).state.stage;
      })
      .catch((error: Error) => {
        result.failed.push(`${row.id}: ${error.message}`);
        return undefined;
      });
    if (!stage) continue;
    result.started++;
    result.byStage[stage] = (result.byStage[stage] ?? 0) + 1;
  }
  return result;
}

async function drive(
  db: Database,
  c: (actor: Actor) => ActContext,
  actors: DemoActors,
  caseId: string,
  target: LifecycleStage,
  tick: (days: number) => Date,
  random: () => number,
) {
  const order: readonly LifecycleStage[] = LIFECYCLE_STAGES;
  const reached = (stage: LifecycleStage) => order.indexOf(stage) >= order.indexOf(target);
  let stuck = 0;
  for (let step = 0; step < 60; step++) {
    tick(1);
    const wf = await loadWorkflow(c(actors.manager).services, db, caseId);
    const stage = wf.state.stage;
    // The work of the current stage: its tasks, its referrals sent and answered.
    const leaving = !reached(stage);
    for (const task of wf.state.tasks.filter((t) => t.status === 'open')) {
      // Leave some work open (and some of it overdue) where the case stops.
      if (!leaving && random() < 0.6) continue;
      await act(
        c(actors.manager),
        caseId,
        [{ type: 'set_task_status', taskId: task.id, status: 'done' }],
        {},
      );
    }
    if (stage === 'referral_assistance' || leaving)
      await sendRequiredReferrals(db, c, actors, caseId, wf.sop, random);
    await answerReferrals(db, c, actors, caseId, leaving, random);
    if (!leaving) return;
    const fresh = await loadWorkflow(c(actors.manager).services, db, caseId);
    const actions = availableActions(fresh.sop, fresh.state);
    const next: CaseAction | undefined = (() => {
      const advance = actions.find((a) => a.type === 'advance' && a.allowed);
      if (advance) return { type: 'advance' };
      // Some cases go to court (or the labour court): a procedure opens, then they advance.
      const toProceedings = actions.find((a) => a.type === 'advance' && a.to === 'proceedings');
      if (
        toProceedings?.blockers.every((b) => b.code === 'NO_PROCEDURE_OPEN') &&
        order.indexOf(target) >= order.indexOf('proceedings') &&
        random() < 0.5
      ) {
        const kind = fresh.state.category === 'labour_case' ? 'labour_court' : 'police_report';
        return { type: 'open_procedure', id: `${kind}-1`, kind };
      }
      const skip = actions.find((a) => a.type === 'skip' && a.allowed);
      if (skip && skip.type === 'skip')
        return { type: 'skip', stage: skip.stage, reason: 'No proceedings were opened' };
      return undefined;
    })();
    if (next) {
      await act(c(actors.manager), caseId, [next]);
      stuck = 0;
      continue;
    }
    if (fresh.state.stage === 'resolution' && !fresh.state.resolutionRecorded) {
      const resolution =
        fresh.state.category === 'trafficking'
          ? 'other'
          : random() < 0.5
            ? 'transfer_of_employer'
            : 'return_to_same_employer';
      await act(c(actors.manager), caseId, [{ type: 'record_resolution', resolution }]);
      continue;
    }
    if (fresh.state.stage === 'follow_up') {
      const pending = fresh.state.followUps.findIndex((f) => !f.done);
      if (pending >= 0) {
        tick(30);
        if (new Date(fresh.state.followUps[pending]!.dueAt) > c(actors.manager).now) return;
        await act(c(actors.manager), caseId, [
          { type: 'record_follow_up', index: pending, riskAfter: 'low', reached: true },
        ]);
        continue;
      }
      if (closeBlockers(fresh.sop, fresh.state).every((b) => b.code === 'CLOSURE_NOT_APPROVED')) {
        if (!fresh.state.closure.requested)
          await act(c(actors.manager), caseId, [{ type: 'request_closure' }]);
        tick(1);
        await act(c(actors.supervisor), caseId, [{ type: 'approve_closure' }, { type: 'close' }]);
        return;
      }
    }
    // New work may have appeared (tasks a referral or a stage created): try again a few
    // times, then leave the case where it is, blocked on something the demo does not model.
    if (++stuck > 3) return;
  }
}

function orgOfKind(db: Database, kind: OrganisationKind, caseId: string): Promise<string | undefined> {
  // Only the embassy of the person's nationality may receive the case: without one, the
  // case stays blocked on it (NO_EMBASSY_OF_NATIONALITY), as it would in real use.
  return kind === 'embassy' ? embassyOfCasePerson(db, caseId) : organisationOfKind(db, kind);
}

async function sendRequiredReferrals(
  db: Database,
  c: (actor: Actor) => ActContext,
  actors: DemoActors,
  caseId: string,
  sop: Awaited<ReturnType<typeof loadWorkflow>>['sop'],
  random: () => number,
) {
  const wf = await loadWorkflow(c(actors.manager).services, db, caseId);
  const missing = closeBlockers(sop, wf.state).filter((b) => b.code === 'REQUIRED_REFERRAL_MISSING');
  for (const blocker of missing) {
    const sopReferral = sop.stages.flatMap((s) => s.referrals).find((r) => r.id === blocker.ref);
    if (!sopReferral) continue;
    const organisationId = await orgOfKind(db, sopReferral.organisationKind, caseId);
    if (!organisationId) continue;
    const consentPurpose =
      sopReferral.organisationKind === 'embassy'
        ? 'embassy_contact'
        : sopReferral.organisationKind === 'shelter'
          ? 'shelter'
          : 'share_with_organisation_kind';
    // One answer per consent: where the SOP allows it, some people refuse (the referral is
    // then no longer required); an answer already on record stands.
    const kindOfConsent =
      consentPurpose === 'share_with_organisation_kind' ? sopReferral.organisationKind : null;
    const answered = await findConsentAnswer(db, caseId, consentPurpose, kindOfConsent);
    if (answered?.status === 'refused') continue;
    const refused = !answered && sopReferral.requiredUnless !== undefined && random() < 0.1;
    if (!answered)
      await insertConsent(db, {
        case_id: caseId,
        purpose: consentPurpose,
        organisation_kind: kindOfConsent,
        status: refused ? 'refused' : 'given',
        method: 'verbal_with_interpreter',
        recorded_by: actors.manager.userId,
        recorded_at: c(actors.manager).now,
      });
    if (!answered)
      await act(c(actors.manager), caseId, [
        {
          type: 'record_consent',
          purpose: consentPurpose,
          status: refused ? 'refused' : 'given',
          ...(consentPurpose === 'share_with_organisation_kind'
            ? { organisationKind: sopReferral.organisationKind }
            : {}),
        },
      ]);
    if (refused) continue;
    await sendReferralIn(c(actors.manager), actors.manager, caseId, {
      organisationId,
      purpose: sopReferral.purpose,
      message: 'Referred under the SOP; please acknowledge and confirm the steps taken.',
      sharedSections: ['person', 'narrative'],
    });
  }
}

/** The agencies answer: acknowledge, accept, work, complete, at their pace. */
async function answerReferrals(
  db: Database,
  c: (actor: Actor) => ActContext,
  actors: DemoActors,
  caseId: string,
  finish: boolean,
  random: () => number,
) {
  const rows = await referralsOfCase(db, caseId);
  for (const r of rows) {
    let status: ReferralStatus = r.status;
    const recipient = recipientActor(actors, r.organisation_id, r.kind);
    const path: ReferralStatus[] = ['acknowledged', 'accepted', 'in_progress', 'completed'];
    for (const next of path) {
      if (!REFERRAL_TRANSITIONS[status].includes(next)) continue;
      if (!finish && random() < 0.35) break;
      const row = await currentReferral(db, r.id);
      const transition =
        next === 'completed'
          ? { status: 'completed' as const, outcome: 'Steps taken and reported to the NRM.' }
          : { status: next as 'acknowledged' | 'accepted' | 'in_progress' };
      await answerReferralIn(c(recipient), recipient, row, transition, () => undefined);
      status = next;
    }
  }
}
