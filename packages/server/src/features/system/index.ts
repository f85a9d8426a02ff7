// The system feature's public API: health, readiness and the OpenAPI document.
export { systemRoutes, VERSION } from './system.routes.js';
