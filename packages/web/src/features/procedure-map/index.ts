/** The procedure-map feature's public API: other features import it only from here. */
export { ProcedureMapLink } from './procedure-map-link';

/** The pages, loaded on first use (their code stays out of the first download). */
export const procedureMapPages = {
  procedureMap: () => import('./procedure-map-page'),
};
