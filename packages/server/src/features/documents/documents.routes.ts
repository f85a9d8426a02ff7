import { Readable } from 'node:stream';
import {
  CaseDocument,
  CaseIdParams,
  DocumentContentQuery,
  DocumentDelete,
  DocumentList,
  DocumentListQuery,
  DocumentUpdate,
  DocumentVersionParams,
  IdParams,
  Upload,
  UploadChunkParams,
  UploadCreate,
} from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../lib/app-error.js';
import { assertIfMatch, sendWithEtag } from '../../lib/http-preconditions.js';
import { NoContent } from '../../lib/openapi.js';
import { auditContext } from '../../plugins/auth.plugin.js';
import { versionedChange } from '../../plugins/versioned-change.js';
import type { Services } from '../../services.js';
import {
  deleteDocument,
  getDocument,
  listDocuments,
  openVersion,
  updateDocument,
} from './documents.service.js';
import { CHUNK_SIZE, type FileServices } from './files.js';
import { abortUpload, completeUpload, getUpload, receiveChunk, startUpload } from './uploads.service.js';

const tags = ['documents'];

/** A chunk is raw bytes sent as application/octet-stream; no body, or JSON, is a 415. */
function chunkStream(body: unknown): Readable {
  if (body instanceof Readable) return body;
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the chunk as application/octet-stream');
}

/** RFC 6266 / 5987: an ASCII fallback and the exact UTF-8 name (Arabic names included). */
function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function documentRoutes(
  base: FastifyInstance,
  { services, files: filesOf }: { services: Services; files: () => FileServices },
) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  // Chunks arrive as raw bytes and are encrypted as they stream in: never parsed, never buffered whole.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));

  app.get(
    '/api/cases/:id/documents',
    {
      config: { access: { permission: 'cases.list' } },
      schema: {
        tags,
        summary: "The case's documents you may see (an agency: those shared with it)",
        params: CaseIdParams,
        querystring: DocumentListQuery,
        response: { 200: DocumentList },
      },
    },
    async (request) => ({
      items: await listDocuments(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
        request.query.deleted === 'true',
      ),
    }),
  );

  app.post(
    '/api/cases/:id/uploads',
    {
      config: { access: { permission: 'documents.upload' } },
      schema: {
        tags,
        summary: 'Start a resumable upload (a new document, or a new version of one)',
        description: `Send the content in chunks of \`chunkSize\` (${CHUNK_SIZE} bytes; the last may be shorter) with PUT …/chunks/{index}, in order, then POST …/complete. After a dropped connection, GET the upload and go on from \`nextChunk\`.`,
        params: CaseIdParams,
        body: UploadCreate,
        response: { 201: Upload },
      },
    },
    async (request, reply) => {
      const upload = await startUpload(
        services,
        filesOf(),
        auditContext(request),
        request.auth!.actor,
        request.params.id,
        request.body,
      );
      return reply.code(201).send(upload);
    },
  );

  app.get(
    '/api/uploads/:id',
    {
      config: { access: { permission: 'documents.upload' } },
      schema: {
        tags,
        summary: 'Where an upload stands (to resume it)',
        params: IdParams,
        response: { 200: Upload },
      },
    },
    async (request) => getUpload(services, request.auth!.actor, request.params.id),
  );

  app.put(
    '/api/uploads/:id/chunks/:index',
    {
      // A 2 GiB file is 256 chunks: they do not count against the per-minute limit.
      config: { access: { permission: 'documents.upload' }, rateLimit: false },
      bodyLimit: CHUNK_SIZE + 1024,
      schema: {
        tags,
        summary: 'Send one chunk of an upload (application/octet-stream)',
        params: UploadChunkParams,
        response: { 200: Upload },
      },
    },
    async (request) =>
      receiveChunk(
        services,
        filesOf(),
        auditContext(request),
        request.auth!.actor,
        request.params.id,
        request.params.index,
        chunkStream(request.body),
      ),
  );

  app.post(
    '/api/uploads/:id/complete',
    {
      config: { access: { permission: 'documents.upload' } },
      schema: {
        tags,
        summary: 'Finish an upload: the content is checked and the document (or version) recorded',
        params: IdParams,
        response: { 201: CaseDocument },
      },
    },
    async (request, reply) => {
      const doc = await completeUpload(
        services,
        filesOf(),
        auditContext(request),
        request.auth!.actor,
        request.params.id,
      );
      reply.code(201);
      return sendWithEtag(reply, doc.version, doc);
    },
  );

  app.delete(
    '/api/uploads/:id',
    {
      config: { access: { permission: 'documents.upload' } },
      schema: { tags, summary: 'Abandon an upload', params: IdParams, response: { 204: NoContent } },
    },
    async (request, reply) => {
      await abortUpload(services, filesOf(), auditContext(request), request.auth!.actor, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/documents/:id',
    {
      config: { access: { permission: 'cases.list' } },
      schema: {
        tags,
        summary: 'One document with its versions',
        params: IdParams,
        response: { 200: CaseDocument },
      },
    },
    async (request, reply) => {
      const doc = await getDocument(services, auditContext(request), request.auth!.actor, request.params.id);
      return sendWithEtag(reply, doc.version, doc);
    },
  );

  app.patch(
    '/api/documents/:id',
    {
      config: { access: { permission: 'cases.manage' } },
      schema: {
        tags,
        summary: "Edit a document's metadata or the organisations it is shared with (If-Match)",
        params: IdParams,
        body: DocumentUpdate,
        response: { 200: CaseDocument },
      },
    },
    versionedChange(services, updateDocument),
  );

  app.delete(
    '/api/documents/:id',
    {
      config: { access: { permission: 'documents.delete' } },
      schema: {
        tags,
        summary: 'Soft-delete a document with a reason (supervisor, If-Match); it stays for audit',
        params: IdParams,
        body: DocumentDelete,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await deleteDocument(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
        request.body.reason,
        (v) => assertIfMatch(request, v),
      );
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/documents/:id/versions/:version/content',
    {
      config: { access: { permission: 'cases.list' } },
      schema: {
        tags,
        summary: 'The content of a version, decrypted and verified as it streams (`?inline=true` to view)',
        params: DocumentVersionParams,
        querystring: DocumentContentQuery,
        // The document's own type; described as a file in the OpenAPI document.
        produces: ['application/octet-stream'],
      },
    },
    async (request, reply) => {
      const wantInline = request.query.inline === 'true';
      const file = await openVersion(
        services,
        filesOf(),
        auditContext(request),
        request.auth!.actor,
        request.params.id,
        request.params.version,
        wantInline,
      );
      const inline = wantInline && file.viewable;
      // A damaged file stops mid-way: the connection is cut, so the download never looks complete.
      file.stream.on('error', (error) => {
        request.log.warn(
          { err: { message: error.message, name: error.name } },
          'document content failed verification',
        );
        reply.raw.destroy(error);
      });
      return reply
        .header('content-type', file.contentType)
        .header('content-length', String(file.size))
        .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.fileName))
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-security-policy',
          "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
        )
        .send(file.stream);
    },
  );
}
