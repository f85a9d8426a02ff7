/** The referrals feature's public API: other features import it only from here. */
export { CaseReferralsSection } from './case-referrals-section';
export { useOrganisationLabel } from './referral-labels';

/** The pages, loaded on first use (their code stays out of the first download). */
export const referralsPages = {
  inbox: () => import('./inbox-page'),
};
