export { nameKeys, normaliseName } from './keys.js';
export {
  MATCH_THRESHOLDS,
  MATCH_WEIGHTS,
  type MatchPerson,
  type MatchReasonCode,
  type MatchResult,
  normaliseDocumentNumber,
  normalisePhone,
  scoreMatch,
} from './score.js';
export { nameSimilarity } from './similarity.js';
