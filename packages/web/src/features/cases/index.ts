/** The cases feature's public API: other features import it only from here. */
export { CategoryBadge, CountryName, PersonNames, RiskBadge } from './case-labels';
export { ChangeFailed, changedFields, storeCase } from './case-mutations';
export { DuplicateCandidates } from './duplicate-candidates';
export { IdentityBar } from './identity-bar';
export { ConsentRecorder } from './sections/consent-recorder';
export { ConsentHistory, isMinorPerson } from './sections/consents-section';
export { useKnownAssignees } from './use-assignees';

/** The pages, loaded on first use (their code stays out of the first download). */
export const casesPages = {
  cases: () => import('./case-list-page'),
  case: () => import('./case-page'),
};
