/** The tasks feature's public API: other features import it only from here. */
export { TasksPanel } from './tasks-panel';

/** The pages, loaded on first use (their code stays out of the first download). */
export const tasksPages = {
  tasks: () => import('./my-tasks-page'),
};
