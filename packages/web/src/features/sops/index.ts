/** The sops feature's public API: other features import it only from here. */

/** The pages, loaded on first use (their code stays out of the first download). */
export const sopsPages = {
  sops: () => import('./sop-list-page'),
  sop: () => import('./sop-page'),
  sopCompare: () => import('./sop-compare-page'),
  sopEdit: () => import('./sop-edit-page'),
  calendar: () => import('./calendar-page'),
};
