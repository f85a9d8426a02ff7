/** The workflow feature's public API: other features import it only from here. */
export { BlockerList } from './blockers';
export { FollowUpsPanel } from './follow-ups-panel';
export { TasksPanel } from './tasks-panel';
export { useStageTitle } from './workflow-labels';
export { WorkflowPanel } from './workflow-panel';

/** The pages, loaded on first use (their code stays out of the first download). */
export const workflowPages = {
  tasks: () => import('./my-tasks-page'),
};
