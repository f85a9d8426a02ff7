// The dossier feature's public API: its routes, and the background jobs' lifecycle (the app
// waits for running exports on close; the scheduler purges expired ones).
export { dossierRoutes } from './dossier.routes.js';
export { purgeExpiredDossiers, waitForDossierJobs } from './dossier.service.js';
