/** The organisations feature's public API: other features import it only from here. */

/** The pages, loaded on first use (their code stays out of the first download). */
export const organisationsPages = {
  organisations: () => import('./organisations-page'),
  organisationNew: () => import('./organisation-new-page'),
  organisationEdit: () => import('./organisation-edit-page'),
};
