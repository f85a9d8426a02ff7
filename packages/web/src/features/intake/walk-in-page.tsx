import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useSession } from '../../api/auth';
import { ErrorSummary } from '../../components/error-summary';
import { apiErrorToFieldErrors, type FieldError, useFormErrors } from '../../components/form-errors';
import { usePageTitle } from '../../components/page-title';
import { hasPermission } from '../../lib/permissions';
import { useWarnBeforeLeaving } from '../../lib/use-warn-before-leaving';
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
const FIELD_IDS = {
  ...personFieldIds(PERSON_PREFIX),
  duplicates: 'walkin-duplicates',
  '': `${PERSON_PREFIX}-nameLatin`,
};

/**
 * The walk-in interview at the centre, step 1: the person, with possible existing records
 * as you type. Continuing creates the case (with an `Idempotency-Key`, so pressing again
 * cannot make a second one); the later steps then save as they go, on the case's own
 * address, and can be resumed from the case page.
 */
export function WalkInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me } = useSession();
  const [person, setPerson] = useState<PersonDraft>(EMPTY_PERSON);
  const [decision, setDecision] = useState<PersonDecision>({ kind: 'undecided' });
  const form = useFormErrors();
  const canSearch = hasPermission(me, 'persons.search');
  const search = useDuplicateSearch(person, canSearch && decision.kind !== 'existing');
  const create = useCreateCase((created) =>
    navigate(`/intake/walk-in/${created.id}/details`, {
      state: { flash: t('walkIn.created', { reference: created.reference }) },
    }),
  );
  const dirty = person !== EMPTY_PERSON && !create.isSuccess;
  useWarnBeforeLeaving(dirty);
  usePageTitle(`${t('walkIn.title')}: ${t('walkIn.steps.person')}`, form.errors.length > 0);

  const translate = (problems: FieldError[]) => problems.map((p) => ({ ...p, message: t(p.message) }));
  const updatePerson = (patch: Partial<PersonDraft>) => setPerson((old) => ({ ...old, ...patch }));

  function createCase(): void {
    const problems = decision.kind === 'existing' ? [] : translate(validatePerson(person));
    if (decision.kind !== 'existing' && decisionMissing(decision, search.candidates)) {
      problems.push({ field: 'duplicates', message: t('walkIn.errors.decide') });
    }
    if (problems.length > 0) {
      form.show(problems);
      return;
    }
    form.clear();
    const who =
      decision.kind === 'existing'
        ? { personId: decision.candidate.personId, duplicateCheck: 'linked_existing' as const }
        : {
            person: toPersonInput(person),
            duplicateCheck:
              canSearch && search.searched ? ('new_person_confirmed' as const) : ('pending' as const),
            // The case's languages start as the person's; step 2 can change them.
            languages: person.languages,
          };
    create.mutate(
      { intakeKind: 'walk_in', channel: 'walk_in', ...who },
      {
        onError: (error) => {
          form.show(
            apiErrorToFieldErrors(t, error, { form: 'intake', fields: [], pathFields: PERSON_PATH_FIELDS }),
          );
        },
      },
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!create.isPending) createCase();
  }

  return (
    <>
      <span className="caption">{t('intake.title')}</span>
      <h1 className="heading-xl">{t('walkIn.title')}</h1>
      <IntakeSteps current="person" />
      <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} summaryRef={form.summaryRef} />
      <form onSubmit={onSubmit} noValidate>
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
          <button type="submit" className="button" disabled={create.isPending}>
            {t('walkIn.createCase')}
          </button>
        </div>
      </form>
    </>
  );
}
