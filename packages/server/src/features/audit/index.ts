// The audit feature's public API: every feature records what it changed through `recordAudit`.

export { auditRoutes } from './audit.routes.js';
export {
  type AuditActor,
  type AuditContext,
  type AuditEvent,
  auditHead,
  recordAudit,
  sequenceAudit,
  verifyAuditChain,
} from './audit.service.js';
export { exportCheckpoints, loadAuditSigner, parseWitness } from './audit-checkpoints.js';
