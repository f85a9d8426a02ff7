/** The intake feature's public API: other features import it only from here. */
export { CaseDetailsFields, caseDetailsFieldIds } from './case-details-fields';
export { CaseDetailsForm } from './case-details-form';
export type { DocumentDraft, PersonDraft } from './person-draft';
export { ageOf, newDocument, personDraftOf, toPersonInput, validatePerson } from './person-draft';
export { AliasesField, CircumstanceFields, DocumentFields } from './person-extra-fields';
export {
  BirthFields,
  NameFields,
  NationalityField,
  PERSON_FIELDS,
  PhoneField,
  personFieldIds,
} from './person-fields';
export { isStaleCase, useCaseDetailsForm } from './use-case-details-form';
export { useDebounced } from './use-duplicate-search';

/** The pages, loaded on first use (their code stays out of the first download). */
export const intakePages = {
  intake: () => import('./intake-start-page'),
  walkIn: () => import('./walk-in-page'),
  walkInCase: () => import('./walk-in-case-page'),
  hotline: () => import('./hotline-page'),
  referral: () => import('./referral-page'),
};
