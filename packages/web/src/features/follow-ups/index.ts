/** The follow-ups feature's public API: other features import it only from here. */
export { FollowUpsPanel } from './follow-ups-panel';
