import type { ProcedureMap } from '@opennrm/domain';
import type {
  FollowUpState,
  LaneShape,
  MapFollowUp,
  MapReferral,
  MapStage,
  MapTask,
  MapText,
  ReferralTone,
  StageShape,
  TaskState,
} from './map-shapes';

/**
 * What the procedure map shows, before any geometry: where each stage falls in time, the
 * state of each task, referral and follow-up, and the lanes (the NRM, each organisation in
 * the order first referred, the follow-ups).
 */

const ms = (iso: string) => Date.parse(iso);

interface Placement {
  stage: MapStage;
  zone: StageShape['zone'];
  start: number;
  end: number;
}

/** Where each stage sits: on the axis (done, current), as a mark (skipped on the way) or next. */
export function placeStages(map: ProcedureMap): Placement[] {
  const now = ms(map.now);
  const stages = map.stages;
  const reached = (s: MapStage) => s.status === 'done' || s.status === 'current';
  const lastReached = stages.reduce((last, s, i) => (reached(s) && s.enteredAt ? i : last), -1);
  const enteredAfter = (i: number) => {
    const later = stages.slice(i + 1).find((s) => reached(s) && s.enteredAt);
    return later?.enteredAt ? ms(later.enteredAt) : null;
  };
  const placements: Placement[] = [];
  let previousEnd = ms(map.receivedAt);
  stages.forEach((stage, i) => {
    if (reached(stage)) {
      const start = stage.enteredAt ? ms(stage.enteredAt) : previousEnd;
      const end = stage.leftAt
        ? ms(stage.leftAt)
        : stage.status === 'current'
          ? now
          : (enteredAfter(i) ?? now);
      placements.push({ stage, zone: 'time', start, end: Math.max(start, end) });
      previousEnd = Math.max(start, end);
    } else if (stage.status === 'skipped' && (i < lastReached || stage.leftAt || stage.enteredAt)) {
      const at = stage.leftAt ?? stage.enteredAt;
      const time = at ? ms(at) : (enteredAfter(i) ?? previousEnd);
      placements.push({ stage, zone: 'mark', start: time, end: time });
    } else {
      placements.push({ stage, zone: 'next', start: Number.NaN, end: Number.NaN });
    }
  });
  return placements;
}

export function taskTime(task: MapTask): number {
  if (task.status === 'open') return ms(task.dueAt ?? task.createdAt);
  return ms(task.completedAt ?? task.dueAt ?? task.createdAt);
}

export function taskState(task: MapTask): TaskState {
  if (task.status === 'cancelled') return 'cancelled';
  if (task.status === 'done') return 'done';
  return task.overdue ? 'overdue' : 'open';
}

export function followUpTime(f: MapFollowUp): number {
  return ms(f.done && f.recordedAt ? f.recordedAt : f.dueAt);
}

export function followUpState(f: MapFollowUp): FollowUpState {
  if (f.done) return 'done';
  return f.overdue ? 'overdue' : 'due';
}

const FINAL_REFERRAL = new Set<MapReferral['status']>(['completed', 'declined', 'revoked']);

export function referralTone(referral: MapReferral): ReferralTone {
  switch (referral.status) {
    case 'completed':
      return 'completed';
    case 'declined':
    case 'revoked':
      return 'ended';
    case 'sent':
      return 'waiting';
    default:
      return 'active';
  }
}

export function referralSpan(
  referral: MapReferral,
  now: number,
): { start: number; end: number; open: boolean } {
  const start = ms(referral.sentAt);
  if (referral.concludedAt) return { start, end: ms(referral.concludedAt), open: false };
  if (FINAL_REFERRAL.has(referral.status)) {
    return { start, end: ms(referral.respondedAt ?? referral.sentAt), open: false };
  }
  return { start, end: Math.max(start, now), open: true };
}

/** Every instant the map shows, to size the axis. */
export function instants(map: ProcedureMap, placements: Placement[]): number[] {
  const now = ms(map.now);
  const times = [ms(map.receivedAt), now];
  if (map.closedAt) times.push(ms(map.closedAt));
  for (const p of placements) if (p.zone !== 'next') times.push(p.start, p.end);
  for (const r of map.referrals) {
    const span = referralSpan(r, now);
    times.push(span.start, span.end);
  }
  for (const task of map.tasks) times.push(ms(task.createdAt), taskTime(task));
  for (const f of map.followUps) times.push(followUpTime(f));
  return times.filter((t) => Number.isFinite(t));
}

interface LaneDraft {
  key: string;
  kind: LaneShape['kind'];
  name: string;
  hint: string | null;
  referrals: MapReferral[];
  tasks: MapTask[];
  followUps: MapFollowUp[];
}

/** The NRM's own lane, then one per organisation in the order first referred, then follow-ups. */
export function buildLanes(map: ProcedureMap, text: MapText): LaneDraft[] {
  const nrm: LaneDraft = {
    key: 'nrm',
    kind: 'nrm',
    name: text.nrmLane,
    hint: text.nrmLaneHint,
    referrals: [],
    tasks: [],
    followUps: [],
  };
  const byOrganisation = new Map<string, LaneDraft>();
  const laneOfReferral = new Map<string, LaneDraft>();
  const referrals = [...map.referrals].sort((a, b) => ms(a.sentAt) - ms(b.sentAt));
  for (const referral of referrals) {
    const key = `organisation:${referral.organisationName}`;
    let lane = byOrganisation.get(key);
    if (!lane) {
      lane = {
        key,
        kind: 'organisation',
        name: referral.organisationName,
        hint: text.organisationKind(referral.organisationKind),
        referrals: [],
        tasks: [],
        followUps: [],
      };
      byOrganisation.set(key, lane);
    }
    lane.referrals.push(referral);
    laneOfReferral.set(referral.id, lane);
  }
  for (const task of map.tasks) {
    const lane = (task.referralId && laneOfReferral.get(task.referralId)) || nrm;
    lane.tasks.push(task);
  }
  const lanes = [nrm, ...byOrganisation.values()];
  if (map.followUps.length > 0) {
    lanes.push({
      key: 'follow-ups',
      kind: 'followUps',
      name: text.followUpLane,
      hint: null,
      referrals: [],
      tasks: [],
      followUps: [...map.followUps].sort((a, b) => a.index - b.index),
    });
  }
  return lanes;
}
