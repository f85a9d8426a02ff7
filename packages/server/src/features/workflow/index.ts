// The workflow feature's public API: what other features and the composition root may use.
import type { EventBus } from '../../lib/events.js';
import {
  onCaseAssigned,
  onConsentRecorded,
  onRiskChanged,
  onScreeningConfirmed,
} from './workflow.service.js';

/** The SOP engine reacts to changes made elsewhere: assignment, screening, consent, risk. */
export function subscribeWorkflow(events: EventBus): void {
  events.on('case.assigned', (c, e) => onCaseAssigned(c, e.caseId, e.assigneeId));
  events.on('screening.confirmed', (c, e) => onScreeningConfirmed(c, e.caseId, e.decision));
  events.on('consent.recorded', (c, e) => onConsentRecorded(c, e.caseId, e.consent));
  events.on('case.risk-changed', (c, e) => onRiskChanged(c, e.caseId, e.risk));
}
