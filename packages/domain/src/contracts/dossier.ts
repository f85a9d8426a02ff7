import { z } from 'zod';
import { Id } from './common.js';

/**
 * Issue #5: the dossier export. One action builds, in the background, a ZIP of every
 * document the requester may see, an index, and a case summary (PDF, in the requester's
 * language). Only the requester sees the job; the download link expires after 24 hours.
 */

export const DOSSIER_STATES = ['queued', 'running', 'done', 'failed', 'expired'] as const;
export const DossierState = z.enum(DOSSIER_STATES);
export type DossierState = z.infer<typeof DossierState>;

export const DossierExport = z.object({
  id: Id,
  caseId: Id,
  state: DossierState,
  /** Documents written so far, out of `total`. */
  progress: z.number().int(),
  total: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** When the download link stops working (set once the export is done). */
  expiresAt: z.string().nullable(),
  /** Size of the ZIP in bytes, once done. */
  size: z.number().int().nullable(),
  /** Why it failed, when it did (an error code, never a message with case data). */
  errorCode: z.string().nullable(),
  /** Present while the ZIP can be downloaded. */
  downloadUrl: z.string().optional(),
});
export type DossierExport = z.infer<typeof DossierExport>;

export const DossierStarted = z.object({
  id: Id,
  state: DossierState,
  progress: z.number().int(),
  total: z.number().int(),
});
export type DossierStarted = z.infer<typeof DossierStarted>;
