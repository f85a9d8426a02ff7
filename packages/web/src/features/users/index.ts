/** The users feature's public API: other features import it only from here. */

/** The pages, loaded on first use (their code stays out of the first download). */
export const usersPages = {
  users: () => import('./users-page'),
  userNew: () => import('./user-new-page'),
  userEdit: () => import('./user-edit-page'),
};
