// The referrals feature's public API: its routes, a case's referrals for the dossier, whether a
// referral is overdue for the procedure map, and the use cases the demo data walks through.
export { answerReferralIn } from './answer-referral.js';
export { currentReferral, listCaseReferrals } from './referral-reads.js';
export { isOverdue } from './referrals.present.js';
export { referralRoutes } from './referrals.routes.js';
export { requestOnwardIn } from './request-onward.js';
export { sendReferralIn } from './send-referral.js';
