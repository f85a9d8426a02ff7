export * from './label.js';
export * from './labels.js';
