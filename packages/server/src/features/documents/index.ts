// The documents feature's public API: its routes, the file services the app and the scheduler
// pass in, the scheduler's purge of abandoned uploads, the CLI's key re-wrap, and what the
// dossier export reads (the documents an actor may see, a stored version's content).
export { sanitiseFileName } from './content-check.js';
export { documentRoutes } from './documents.routes.js';
export { listDocuments, readStoredVersion } from './documents.service.js';
export { CHUNK_SIZE, type FileServices } from './files.js';
export { rewrapDocumentKeys } from './rewrap.js';
export { purgeExpiredUploads } from './uploads.service.js';
