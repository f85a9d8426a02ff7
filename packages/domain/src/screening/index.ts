export * from './conditions.js';
export * from './default-questionnaire.js';
export * from './default-scoring.js';
export * from './questionnaire.js';
export * from './rules-check.js';
export * from './scoring.js';
export * from './vocabulary.js';
