export * from './conditions.js';
export * from './questionnaire.js';
export * from './rules-check.js';
export * from './scoring.js';
export * from './vocabulary.js';
