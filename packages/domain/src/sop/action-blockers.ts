import { subtypeFitsCategory } from '../case-vocabulary.js';
import type { CaseAction } from './actions.js';
import {
  advanceBlockers,
  approveClosureBlockers,
  closeBlockers,
  rejectClosureBlockers,
  reopenBlockers,
  requestClosureBlockers,
  skipBlockers,
} from './engine.js';
import { type Blocker, stageIndexOf } from './evaluate.js';
import type { SopDocument } from './sop-schema.js';
import type { CaseState } from './state.js';
import { REFERRAL_TRANSITIONS } from './vocabulary.js';

const hasText = (s: string | undefined): boolean => (s?.trim().length ?? 0) > 0;

/** What keeps an action from applying; empty when it applies. */
export function actionBlockers(sop: SopDocument, state: CaseState, action: CaseAction): Blocker[] {
  const reason = (text: string): Blocker[] => (hasText(text) ? [] : [{ code: 'REASON_REQUIRED' }]);
  switch (action.type) {
    case 'advance':
      return advanceBlockers(sop, state);
    case 'skip':
      return [...skipBlockers(sop, state, action.stage), ...reason(action.reason)];
    case 'request_closure':
      return requestClosureBlockers(sop, state);
    case 'approve_closure':
      return approveClosureBlockers(sop, state);
    case 'reject_closure':
      return [...rejectClosureBlockers(state), ...reason(action.comment)];
    case 'close':
      return closeBlockers(sop, state);
    case 'reopen':
      return [...reopenBlockers(sop, state, action.toStage), ...reason(action.reason)];
  }
  if (state.stage === 'closed') return [{ code: 'CASE_CLOSED' }];
  return recordBlockers(sop, state, action);
}

function recordBlockers(sop: SopDocument, state: CaseState, action: CaseAction): Blocker[] {
  switch (action.type) {
    case 'confirm_category':
      return action.subtype === null || subtypeFitsCategory(action.category, action.subtype)
        ? []
        : [{ code: 'SUBTYPE_MISMATCH', ref: action.subtype }];
    case 'add_task':
      return state.tasks.some((t) => t.id === action.id) ? [{ code: 'DUPLICATE_ID', ref: action.id }] : [];
    case 'set_task_status': {
      const task = state.tasks.find((t) => t.id === action.taskId);
      if (!task) return [{ code: 'NOT_FOUND', ref: action.taskId }];
      const fine = task.status === 'open' ? action.status !== 'open' : action.status === 'open';
      return fine ? [] : [{ code: 'INVALID_TRANSITION', ref: `${task.status}->${action.status}` }];
    }
    case 'send_referral':
      return state.referrals.some((r) => r.id === action.id)
        ? [{ code: 'DUPLICATE_ID', ref: action.id }]
        : [];
    case 'update_referral': {
      const referral = state.referrals.find((r) => r.id === action.referralId);
      if (!referral) return [{ code: 'NOT_FOUND', ref: action.referralId }];
      const blockers: Blocker[] = [];
      if (!REFERRAL_TRANSITIONS[referral.status].includes(action.status)) {
        blockers.push({ code: 'INVALID_TRANSITION', ref: `${referral.status}->${action.status}` });
      }
      if (action.status === 'declined' && !hasText(action.declineReason))
        blockers.push({ code: 'REASON_REQUIRED' });
      return blockers;
    }
    case 'open_procedure':
      return state.procedures.some((p) => p.id === action.id)
        ? [{ code: 'DUPLICATE_ID', ref: action.id }]
        : [];
    case 'conclude_procedure': {
      const procedure = state.procedures.find((p) => p.id === action.procedureId);
      if (!procedure) return [{ code: 'NOT_FOUND', ref: action.procedureId }];
      return procedure.open ? [] : [{ code: 'INVALID_TRANSITION', ref: 'concluded' }];
    }
    case 'record_resolution': {
      const blockers: Blocker[] = [];
      if (stageIndexOf(sop, 'resolution') >= 0 && state.stage !== 'resolution') {
        blockers.push({ code: 'WRONG_STAGE', ref: state.stage });
      }
      if (state.resolutionRecorded) blockers.push({ code: 'RESOLUTION_ALREADY_RECORDED' });
      return blockers;
    }
    case 'record_follow_up': {
      const followUp = state.followUps[action.index];
      if (!followUp) return [{ code: 'NOT_FOUND', ref: String(action.index) }];
      return followUp.done ? [{ code: 'INVALID_TRANSITION', ref: 'done' }] : [];
    }
    case 'schedule_follow_up':
      return state.resolutionRecorded ? [] : [{ code: 'NO_RESOLUTION' }];
    default:
      return [];
  }
}
