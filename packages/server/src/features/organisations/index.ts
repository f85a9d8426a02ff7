// The organisations feature's public API.
export { organisationRoutes } from './organisations.routes.js';
export { findOrganisation } from './organisations.service.js';
