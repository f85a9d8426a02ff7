// The SOPs feature's public API: SOP administration routes, and what the workflow engine reads.
export { sopRoutes } from './sops.routes.js';
export {
  latestSops,
  latestVersionOf,
  loadCalendar,
  loadSop,
  seedDefaultSops,
} from './sops.service.js';
