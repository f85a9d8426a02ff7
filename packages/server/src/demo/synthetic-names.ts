/**
 * Name lists for synthetic demo and benchmark data (`synthetic-cases.ts`), one file per
 * region under `names/`. The order of NATIONALITIES is part of the seeded output: keep it.
 */

import { ET, GH, KE, NG, UG } from './names/africa.js';
import { EG, MA, SD, SY } from './names/arab.js';
import { BD, IN, LK, NP, PK } from './names/south-asia.js';
import { ID, MM, PH, VN } from './names/south-east-asia.js';
import type { NationalityProfile } from './names/types.js';

export { INDIVIDUAL_PARTIES, PARTY_REGISTER } from './names/parties.js';
export type { NameGroup, NationalityProfile } from './names/types.js';

export const NATIONALITIES: readonly NationalityProfile[] = [
  IN,
  PH,
  BD,
  PK,
  NP,
  LK,
  ID,
  ET,
  KE,
  UG,
  GH,
  EG,
  SD,
  SY,
  MA,
  NG,
  MM,
  VN,
];
