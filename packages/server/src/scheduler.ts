import { sequenceAudit } from './features/audit/index.js';
import { type FileServices, purgeExpiredUploads } from './features/documents/index.js';
import { purgeExpiredDossiers } from './features/dossier/index.js';
import { deliverPendingEmails, sendDailyDigests } from './features/notifications/index.js';
import { sweepOverdue } from './features/tasks/index.js';
import { purgeExpiredIdempotencyKeys } from './lib/idempotency.js';
import type { AuditSigningKey } from './lib/keys.js';
import type { Services } from './services.js';

export interface SchedulerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * The background work, every SCHEDULER_INTERVAL_SECONDS: overdue tasks and referrals
 * (notify, then escalate), follow-ups due, emails to send, daily digests. Every step claims
 * its rows in PostgreSQL with FOR UPDATE SKIP LOCKED, so running several server instances is
 * safe: each event is handled once. Unfinished uploads and dossier exports past their expiry are removed,
 * and Idempotency-Keys older than 24 hours. A tick never overlaps the previous one in this process.
 */
export function startScheduler(
  services: Services,
  log: SchedulerLog,
  files?: FileServices,
  auditKey?: AuditSigningKey,
): { stop: () => Promise<void> } {
  const sequencer = startAuditSequencer(services, log, auditKey);
  const interval = services.config.scheduler.intervalMs;
  let running: Promise<void> | undefined;
  const tick = async () => {
    try {
      const swept = await sweepOverdue(services);
      if (Object.values(swept).some((n) => n > 0)) log.info({ swept }, 'overdue sweep');
      const mail = await deliverPendingEmails(services, log);
      if (mail.sent + mail.failed > 0) log.info({ mail }, 'emails delivered');
      const digests = await sendDailyDigests(services, log);
      if (digests > 0) log.info({ digests }, 'daily digests sent');
      const uploads = files ? await purgeExpiredUploads(services, files) : 0;
      if (uploads > 0) log.info({ uploads }, 'expired uploads removed');
      const dossiers = files ? await purgeExpiredDossiers(services, files) : undefined;
      if (dossiers && dossiers.expired + dossiers.failed > 0)
        log.info({ dossiers }, 'expired dossier exports removed');
      const idempotencyKeys = await purgeExpiredIdempotencyKeys(services.db, services.now());
      if (idempotencyKeys > 0) log.info({ idempotencyKeys }, 'expired idempotency keys removed');
    } catch (err) {
      // Never the error object itself: a driver error may quote a row.
      log.warn({ err: { message: (err as Error).message } }, 'scheduler tick failed');
    }
  };
  const timer =
    interval > 0
      ? setInterval(() => {
          if (!running) running = tick().finally(() => (running = undefined));
        }, interval)
      : undefined;
  timer?.unref();
  if (interval > 0) running = tick().finally(() => (running = undefined));
  return {
    async stop() {
      if (timer) clearInterval(timer);
      await Promise.all([running, sequencer.stop()]);
    },
  };
}

/**
 * The audit sequencer, on its own short loop (AUDIT_SEQUENCE_INTERVAL_MS): gives the rows
 * requests inserted their chain positions and hashes, and signs a checkpoint when due
 * (docs/decisions/0009). Every instance runs it; each tick tries the sequencer lock and
 * returns at once when another instance holds it. A tick never overlaps the previous one.
 */
export function startAuditSequencer(
  services: Services,
  log: SchedulerLog,
  auditKey: AuditSigningKey | undefined,
): { stop: () => Promise<void> } {
  const { sequenceIntervalMs, checkpointEvery, checkpointIntervalMs } = services.config.audit;
  let running: Promise<void> | undefined;
  let failing = false;
  const tick = async () => {
    try {
      const result = await sequenceAudit(services.db, {
        signer: auditKey,
        checkpointEvery,
        checkpointIntervalMs,
        now: services.now,
      });
      if (result.checkpoint) log.info({ size: result.checkpoint.size }, 'audit checkpoint signed');
      if (failing) log.info({}, 'audit sequencer recovered');
      failing = false;
    } catch (err) {
      // Once per failure streak, not five times a second.
      if (!failing) log.warn({ err: { message: (err as Error).message } }, 'audit sequencer tick failed');
      failing = true;
    }
  };
  const timer = setInterval(() => {
    if (!running) running = tick().finally(() => (running = undefined));
  }, sequenceIntervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      // What the last requests wrote is sequenced before the process ends.
      await tick();
    },
  };
}
