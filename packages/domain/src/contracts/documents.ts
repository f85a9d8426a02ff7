import { z } from 'zod';
import { Id } from './common.js';

/**
 * Issue #5: the case's digital archive. Documents have versions; content is uploaded in
 * chunks that can be resumed after a dropped connection, encrypted at rest, and streamed back.
 */

export const DOCUMENT_TYPES = [
  'passport_or_id',
  'employment_contract',
  'medical_report',
  'police_report',
  'court_judgment',
  'consent_form',
  'photo',
  'interview_record',
  'outcome_report',
  'other',
] as const;
export const DocumentType = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof DocumentType>;

/** Languages a document may be in (ISO 639-1; free list, validated as two lowercase letters). */
const Language = z.string().regex(/^[a-z]{2}$/, 'two-letter language code');

export const DocumentMetadata = z.strictObject({
  type: DocumentType,
  title: z.string().trim().min(1).max(300),
  /** The date on the document (a contract's signature, a report's date), not the upload's. */
  date: z.iso.date().optional(),
  language: Language.optional(),
  referralId: Id.optional(),
  taskId: Id.optional(),
});
export type DocumentMetadata = z.infer<typeof DocumentMetadata>;

/** POST /api/cases/:id/uploads: start an upload (a new document, or a new version of `documentId`). */
export const UploadCreate = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  size: z.number().int().min(0),
  /** What the browser says the file is; the server checks the content itself. */
  contentType: z.string().trim().max(200).optional(),
  metadata: DocumentMetadata.optional(),
  documentId: Id.optional(),
});
export type UploadCreate = z.infer<typeof UploadCreate>;

/**
 * An upload in progress. Send the content in chunks of `chunkSize` bytes (the last may be
 * shorter) with PUT /api/uploads/:id/chunks/:index; after a dropped connection, GET the
 * upload and continue from `nextChunk`. POST /api/uploads/:id/complete when all are sent.
 */
export const Upload = z.object({
  id: Id,
  caseId: Id,
  size: z.number().int(),
  chunkSize: z.number().int(),
  chunks: z.number().int(),
  receivedBytes: z.number().int(),
  nextChunk: z.number().int(),
  state: z.enum(['open', 'complete', 'aborted']),
  expiresAt: z.string(),
});
export type Upload = z.infer<typeof Upload>;
export const UploadChunkParams = z.strictObject({
  id: Id,
  index: z.coerce.number().int().min(0).max(100_000),
});

export const DocumentVersion = z.object({
  version: z.number().int(),
  size: z.number().int(),
  sha256: z.string(),
  contentType: z.string(),
  fileName: z.string(),
  uploadedAt: z.string(),
  uploadedBy: z.string().nullable(),
  /** Image metadata (EXIF, GPS) was removed from this version. */
  metadataStripped: z.boolean(),
  scan: z.enum(['clean', 'not_scanned']),
});
export type DocumentVersion = z.infer<typeof DocumentVersion>;

export const CaseDocument = z.object({
  id: Id,
  caseId: Id,
  type: DocumentType,
  title: z.string(),
  date: z.string().nullable(),
  language: z.string().nullable(),
  referralId: Id.nullable(),
  taskId: Id.nullable(),
  /** Organisations the document is shared with (beyond the NRM). */
  sharedWith: z.array(Id),
  current: DocumentVersion,
  versions: z.array(DocumentVersion),
  /** Viewable in the browser (images, PDF, audio). */
  viewable: z.boolean(),
  deleted: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string() }).nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type CaseDocument = z.infer<typeof CaseDocument>;
export const DocumentList = z.object({ items: z.array(CaseDocument) });
export type DocumentList = z.infer<typeof DocumentList>;
export const DocumentListQuery = z.strictObject({ deleted: z.enum(['true', 'false']).optional() });

/** PATCH /api/documents/:id (If-Match): metadata and sharing. */
export const DocumentUpdate = z.strictObject({
  title: z.string().trim().min(1).max(300).optional(),
  type: DocumentType.optional(),
  date: z.iso.date().nullable().optional(),
  language: Language.nullable().optional(),
  sharedWith: z.array(Id).max(50).optional(),
});
export type DocumentUpdate = z.infer<typeof DocumentUpdate>;

/** DELETE /api/documents/:id (supervisor, If-Match): a soft delete with its reason, kept for audit. */
export const DocumentDelete = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export const DocumentVersionParams = z.strictObject({ id: Id, version: z.coerce.number().int().min(1) });
export const DocumentContentQuery = z.strictObject({ inline: z.enum(['true', 'false']).optional() });
