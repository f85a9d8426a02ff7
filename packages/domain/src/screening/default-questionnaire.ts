import {
  DOCUMENTS_FREEDOM_SECTION,
  RECRUITMENT_CONTRACT_SECTION,
  SAFETY_SECTION,
  WORK_PAY_SECTION,
} from './default-questionnaire/facts.js';
import { ILO_SECTION } from './default-questionnaire/ilo.js';
import { ACT_SECTION, MEANS_SECTION } from './default-questionnaire/palermo.js';
import { PURPOSE_SECTION } from './default-questionnaire/purpose.js';
import { deepFreeze } from './freeze.js';
import type { Questionnaire } from './questionnaire.js';

/**
 * The shipped screening questionnaire, version 1 (SOP-REFERENCE.md "Screening questionnaire"):
 * the Palermo act, means and purpose; the ILO's 11 indicators; the other facts the interview
 * records. English and Arabic; interpreters may add languages in a new version. Frozen: an
 * administrator publishes a changed copy as a new version.
 */
export const DEFAULT_QUESTIONNAIRE: Questionnaire = deepFreeze({
  version: 1,
  title: { en: 'Initial screening interview', ar: 'مقابلة الفحص الأولي' },
  sections: [
    ACT_SECTION,
    MEANS_SECTION,
    PURPOSE_SECTION,
    ILO_SECTION,
    RECRUITMENT_CONTRACT_SECTION,
    WORK_PAY_SECTION,
    DOCUMENTS_FREEDOM_SECTION,
    SAFETY_SECTION,
  ],
});
