import { deepFreeze } from '../screening/freeze.js';
import { ABUSE_SOP } from './defaults/abuse.js';
import { LABOUR_CASE_SOP } from './defaults/labour.js';
import { TRAFFICKING_ADULT_SOP, TRAFFICKING_CHILD_SOP } from './defaults/trafficking.js';
import type { SopDocument } from './sop-schema.js';

/**
 * The shipped SOPs, version 1 of each (SOP-REFERENCE.md): labour case, abuse, trafficking
 * (adult) and trafficking (child). English and Arabic. Frozen: an administrator publishes an
 * edited copy as a new version.
 */
export const DEFAULT_SOPS: readonly SopDocument[] = deepFreeze([
  LABOUR_CASE_SOP,
  ABUSE_SOP,
  TRAFFICKING_ADULT_SOP,
  TRAFFICKING_CHILD_SOP,
]);

export const DEFAULT_LABOUR_CASE_SOP = LABOUR_CASE_SOP;
export const DEFAULT_ABUSE_SOP = ABUSE_SOP;
export const DEFAULT_TRAFFICKING_ADULT_SOP = TRAFFICKING_ADULT_SOP;
export const DEFAULT_TRAFFICKING_CHILD_SOP = TRAFFICKING_CHILD_SOP;
