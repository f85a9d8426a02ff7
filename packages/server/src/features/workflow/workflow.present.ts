import {
  availableActions,
  type CaseWorkflow,
  closeBlockers,
  explainEmbassyBlockers,
  type FollowUpDto,
  LIFECYCLE_STAGES,
  type LifecycleStage,
  type LocalizedText,
  needsReopen,
  type StageStatus,
} from '@opennrm/domain';
import { DEFAULT_SOPS } from '@opennrm/domain/defaults';
import type { Database } from '../../db/create-db.js';
import { notFound } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { latestVersionOf } from '../sops/index.js';
import { followUpRound, type LoadedWorkflow, type StageVisit } from './workflow.model.js';
import * as repo from './workflow.repository.js';
import { withSop } from './workflow.service.js';

const DEFAULT_STAGE_TITLES = new Map<LifecycleStage, LocalizedText>(
  DEFAULT_SOPS[0]!.stages.map((s) => [s.id, s.title]),
);

export async function displayNames(db: Database, ids: readonly (string | null | undefined)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  return repo.userDisplayNames(db, wanted);
}

/** The stages of the SOP with what happened in each: the last visit's dates, skipped or not. */
export function stagesOf(wf: LoadedWorkflow) {
  const current = wf.state.stage;
  const order = wf.sop.stages.map((s) => s.id);
  const currentIndex = order.indexOf(current);
  return wf.sop.stages.map((stage, i) => {
    const visits = wf.history.filter((v: StageVisit) => v.stage === stage.id);
    const last = visits.at(-1);
    let status: StageStatus;
    if (stage.id === current) status = current === 'closed' ? 'done' : 'current';
    else if (i < currentIndex) status = last?.skipReason !== undefined ? 'skipped' : 'done';
    else status = 'upcoming';
    return {
      id: stage.id,
      title: stage.title,
      status,
      enteredAt: last?.enteredAt ?? null,
      leftAt: status === 'upcoming' ? null : (last?.leftAt ?? null),
      skipReason: last?.skipReason ?? null,
    };
  });
}

/**
 * The case's follow-up contacts: those recorded in earlier schedules (a case reopened and
 * resolved again keeps them), then the SOP's current schedule with what each contact found.
 */
export async function followUpsOf(
  services: Services,
  db: Database,
  wf: LoadedWorkflow,
): Promise<FollowUpDto[]> {
  const rows = await repo.listFollowUpContacts(db, wf.caseId);
  const round = followUpRound(rows, wf.state.followUps);
  const situation = (enc: string | null) => (enc ? services.crypto.decrypt(enc) : null);
  const earlier = rows
    .filter((r) => r.round < round && r.recorded_at !== null)
    .map(
      (r): FollowUpDto => ({
        round: r.round,
        index: r.idx,
        dueAt: r.due_at.toISOString(),
        done: true,
        reached: r.reached,
        situation: situation(r.situation_enc),
        riskAfter: r.risk_after,
        recordedAt: r.recorded_at?.toISOString() ?? null,
        recordedBy: r.display_name,
        overdue: false,
      }),
    );
  const byIndex = new Map(rows.filter((r) => r.round === round).map((r) => [r.idx, r]));
  const now = services.now().getTime();
  const current = wf.state.followUps.map((f, index): FollowUpDto => {
    const row = byIndex.get(index);
    return {
      round,
      index,
      dueAt: f.dueAt,
      done: f.done,
      reached: f.reached ?? row?.reached ?? null,
      situation: situation(row?.situation_enc ?? null),
      riskAfter: f.riskAfter ?? row?.risk_after ?? null,
      recordedAt: row?.recorded_at?.toISOString() ?? null,
      recordedBy: row?.display_name ?? null,
      overdue: !f.done && Date.parse(f.dueAt) < now,
    };
  });
  return [...earlier, ...current];
}

/** GET /api/cases/:id/workflow for a case the caller may work on. */
export async function presentWorkflow(
  services: Services,
  db: Database,
  caseId: string,
): Promise<CaseWorkflow> {
  const caseRow = await repo.findCaseStage(db, caseId);
  if (!caseRow) throw notFound('Case');
  const record = await repo.findWorkflow(db, caseId);
  if (!record) {
    const stage = caseRow.stage;
    return {
      caseId,
      reference: caseRow.reference,
      started: false,
      sop: null,
      newerSopVersion: null,
      stage,
      stages: LIFECYCLE_STAGES.map((id) => ({
        id,
        title: DEFAULT_STAGE_TITLES.get(id) ?? { en: id },
        status:
          id === stage
            ? 'current'
            : LIFECYCLE_STAGES.indexOf(id) < LIFECYCLE_STAGES.indexOf(stage)
              ? 'done'
              : 'upcoming',
        enteredAt: null,
        leftAt: null,
        skipReason: null,
      })),
      actions: [],
      closeBlockers: [],
      closure: emptyClosure,
      procedures: [],
      resolution: null,
      flags: [],
      followUps: [],
      reopenRequired: false,
      version: 0,
    };
  }
  const wf = await withSop(services, db, record);
  const latest = await latestVersionOf(db, wf.sopId);
  const names = await displayNames(db, [wf.closure.requestedBy, wf.closure.decidedBy]);
  const embassy = { embassyOfNationalityExists: await repo.embassyOfNationalityExists(db, caseId) };
  return {
    caseId,
    reference: caseRow.reference,
    started: true,
    sop: { id: wf.sop.id, version: wf.sop.version, title: wf.sop.title },
    newerSopVersion: latest && latest > wf.sopVersion ? latest : null,
    stage: wf.state.stage,
    stages: stagesOf(wf),
    actions: availableActions(wf.sop, wf.state).map((a) => ({
      ...a,
      blockers: explainEmbassyBlockers(wf.sop, a.blockers, embassy),
    })),
    closeBlockers:
      wf.state.stage === 'closed'
        ? []
        : explainEmbassyBlockers(wf.sop, closeBlockers(wf.sop, wf.state), embassy),
    closure: {
      requested: wf.state.closure.requested,
      approved: wf.state.closure.approved,
      requestedAt: wf.closure.requestedAt ?? null,
      requestedBy: wf.closure.requestedBy ? (names.get(wf.closure.requestedBy) ?? null) : null,
      decidedAt: wf.closure.decidedAt ?? null,
      decidedBy: wf.closure.decidedBy ? (names.get(wf.closure.decidedBy) ?? null) : null,
      decision: wf.closure.decision ?? null,
      comment: wf.closure.comment ?? null,
    },
    procedures: wf.state.procedures,
    resolution: wf.state.resolution ?? null,
    flags: wf.state.flags,
    followUps: await followUpsOf(services, db, wf),
    reopenRequired: wf.state.stage !== 'closed' && needsReopen(wf.state),
    version: wf.version,
  };
}

const emptyClosure: CaseWorkflow['closure'] = {
  requested: false,
  approved: false,
  requestedAt: null,
  requestedBy: null,
  decidedAt: null,
  decidedBy: null,
  decision: null,
  comment: null,
};
