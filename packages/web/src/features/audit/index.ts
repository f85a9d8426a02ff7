/** The audit feature's public API: other features import it only from here. */

/** The pages, loaded on first use (their code stays out of the first download). */
export const auditPages = {
  audit: () => import('./audit-page'),
};
