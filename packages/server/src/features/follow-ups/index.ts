// The follow-ups feature's public API: recording a follow-up contact of a case in its SOP.
export { followUpRoutes } from './follow-ups.routes.js';
export { type RecordFollowUp, recordFollowUp } from './record-follow-up.js';
