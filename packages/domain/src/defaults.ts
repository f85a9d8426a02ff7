// `@opennrm/domain/defaults`: the SOPs, questionnaire and scoring rules a new installation starts
// from. Only the server's seed and its tests need them (about 68 kB of text), so they live behind
// this sub-path and never reach the browser's bundle.
export * from './screening/default-questionnaire.js';
export * from './screening/default-scoring.js';
export * from './sop/default-sops.js';
