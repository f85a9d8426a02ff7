// The tasks feature's public API: its routes, the SOP's task projection (the workflow feature
// calls it after each action), the case's tasks for the dossier and the procedure map, and the
// scheduler's sweep of work past its deadline.
export { type SweepResult, sweepOverdue } from './overdue-sweep.js';
export {
  type ManualTaskInput,
  notifyTaskOwner,
  ORGANISATION_TASK_ROLES,
  syncTasks,
} from './task-projection.js';
export { taskRoutes } from './tasks.routes.js';
export { assignCaseManagerTasks, listAllCaseTasks, listCaseTasks } from './tasks.service.js';
