import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAllOrganisations } from '../../api/admin';
import { useSession } from '../../api/auth';
import { ErrorSummary } from '../../components/error-summary';
import { apiErrorToFieldErrors, type FieldError, useFormErrors } from '../../components/form-errors';
import { usePageTitle } from '../../components/page-title';
import { hasPermission } from '../shell/sections';
import {
  CASE_DETAILS_FIELDS,
  type CaseDetailsDraft,
  CaseDetailsFields,
  caseDetailsFieldIds,
  newCaseDetails,
  toCaseDetails,
  validateCaseDetails,
} from './case-details-fields';
import { IntakeSteps } from './intake-steps';
import {
  EMPTY_PERSON,
  PERSON_PATH_FIELDS,
  type PersonDraft,
  toPersonInput,
  validatePerson,
} from './person-draft';
import { personFieldIds } from './person-fields';
import { useCreateCase } from './use-create-case';
import { useDuplicateSearch } from './use-duplicate-search';
import { decisionMissing, type PersonDecision, WalkInPersonStep } from './walk-in-person-step';

const PERSON_PREFIX = 'walkin';
const CASE_PREFIX = 'walkin-case';
const FIELD_IDS = {
  ...personFieldIds(PERSON_PREFIX),
  ...caseDetailsFieldIds(CASE_PREFIX),
  duplicates: 'walkin-duplicates',
  '': `${PERSON_PREFIX}-nameLatin`,
};

/** Asks before the page is left with an interview typed but not yet saved. */
function useWarnBeforeLeaving(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
}

/**
 * The walk-in interview at the centre, steps 1 and 2: the person (with possible existing
 * records as you type) and how the case came in. Creating the case saves both; the
 * screening and consent steps then save as they go, and can be resumed from the case page.
 */
export function WalkInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me } = useSession();
  const [step, setStep] = useState<'person' | 'case'>('person');
  const [person, setPerson] = useState<PersonDraft>(EMPTY_PERSON);
  const [decision, setDecision] = useState<PersonDecision>({ kind: 'undecided' });
  const [details, setDetails] = useState<CaseDetailsDraft | null>(null);
  const form = useFormErrors();
  const canSearch = hasPermission(me, 'persons.search');
  const search = useDuplicateSearch(person, canSearch && step === 'person' && decision.kind !== 'existing');
  const organisations = useAllOrganisations(hasPermission(me, 'organisations.read'));
  const create = useCreateCase((created) =>
    navigate(`/intake/walk-in/${created.id}/screening`, {
      state: { flash: t('walkIn.created', { reference: created.reference }) },
    }),
  );
  const dirty = person !== EMPTY_PERSON && !create.isSuccess;
  useWarnBeforeLeaving(dirty);
  usePageTitle(`${t('walkIn.title')}: ${t(`walkIn.steps.${step}`)}`, form.errors.length > 0);

  const translate = (problems: FieldError[]) => problems.map((p) => ({ ...p, message: t(p.message) }));
  const updatePerson = (patch: Partial<PersonDraft>) => setPerson((old) => ({ ...old, ...patch }));
  const updateDetails = (patch: Partial<CaseDetailsDraft>) =>
    setDetails((old) => (old ? { ...old, ...patch } : old));

  function continueToCase(): void {
    const problems = decision.kind === 'existing' ? [] : translate(validatePerson(person));
    if (decision.kind !== 'existing' && decisionMissing(decision, search.candidates)) {
      problems.push({ field: 'duplicates', message: t('walkIn.errors.decide') });
    }
    if (problems.length > 0) {
      form.show(problems);
      return;
    }
    form.clear();
    setDetails((old) => old ?? newCaseDetails(person.languages));
    setStep('case');
    window.scrollTo(0, 0);
  }

  function createCase(draft: CaseDetailsDraft): void {
    const problems = translate(validateCaseDetails(draft));
    if (problems.length > 0) {
      form.show(problems);
      return;
    }
    form.clear();
    const who =
      decision.kind === 'existing'
        ? { personId: decision.candidate.personId }
        : {
            person: toPersonInput(person),
            duplicateCheck:
              canSearch && search.searched ? ('new_person_confirmed' as const) : ('pending' as const),
          };
    create.mutate(
      { intakeKind: 'walk_in', ...who, ...toCaseDetails(draft) },
      {
        onError: (error) => {
          const problems = apiErrorToFieldErrors(t, error, {
            form: 'intake',
            fields: CASE_DETAILS_FIELDS,
            pathFields: PERSON_PATH_FIELDS,
          });
          // A problem with the person is fixed on step 1.
          if (problems.some((p) => p.field in personFieldIds(PERSON_PREFIX))) setStep('person');
          form.show(problems);
        },
      },
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (step === 'person') continueToCase();
    else if (details) createCase(details);
  }

  return (
    <>
      <span className="caption">{t('intake.title')}</span>
      <h1 className="heading-xl">{t('walkIn.title')}</h1>
      <IntakeSteps current={step} />
      <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} summaryRef={form.summaryRef} />
      <form onSubmit={onSubmit} noValidate>
        {step === 'person' ? (
          <>
            <p className="lead">{t('walkIn.personIntro')}</p>
            <WalkInPersonStep
              idPrefix={PERSON_PREFIX}
              draft={person}
              update={updatePerson}
              errorFor={form.errorFor}
              search={search}
              decision={decision}
              onDecide={(next) => {
                setDecision(next);
                form.clear();
              }}
            />
            <div className="button-group">
              <button type="submit" className="button">
                {t('common.continue')}
              </button>
            </div>
          </>
        ) : details ? (
          <div className="narrow-form">
            <p className="lead">{t('walkIn.caseIntro')}</p>
            <CaseDetailsFields
              idPrefix={CASE_PREFIX}
              draft={details}
              update={updateDetails}
              errorFor={form.errorFor}
              organisations={organisations.data ?? []}
            />
            <div className="button-group">
              <button type="submit" className="button" disabled={create.isPending}>
                {t('walkIn.createCase')}
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  form.clear();
                  setStep('person');
                }}
              >
                {t('common.back')}
              </button>
            </div>
          </div>
        ) : null}
      </form>
    </>
  );
}
