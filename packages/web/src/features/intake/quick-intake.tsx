import type { Case } from '@opennrm/domain';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CaseCreateBody } from '../../api/cases';
import { CheckboxField } from '../../components/checkbox-field';
import { ErrorSummary } from '../../components/error-summary';
import { TextAreaField } from '../../components/fields';
import { apiErrorToFieldErrors, type FieldError, useFormErrors } from '../../components/form-errors';
import { Ltr } from '../../components/ltr';
import { usePageTitle } from '../../components/page-title';
import { EMPTY_PERSON, PERSON_PATH_FIELDS, type PersonDraft, validatePerson } from './person-draft';
import { useCreateCase } from './use-create-case';

/**
 * A one-page intake (the hotline's call, a partner's referral): the person typed, the case
 * created in one go, then a confirmation with its reference and a way to log another.
 */
export function useQuickIntake(title: string, fields: readonly string[]) {
  const { t } = useTranslation();
  const [person, setPerson] = useState<PersonDraft>(EMPTY_PERSON);
  const [created, setCreated] = useState<Case | null>(null);
  const form = useFormErrors();
  const create = useCreateCase(setCreated);
  usePageTitle(title, form.errors.length > 0);

  return {
    person,
    update: (patch: Partial<PersonDraft>) => setPerson((old) => ({ ...old, ...patch })),
    form,
    create,
    created,
    /** What is wrong with the person as typed, translated. */
    personProblems: (): FieldError[] => validatePerson(person).map((p) => ({ ...p, message: t(p.message) })),
    /** Shows the problems, or creates the case and shows what the server refuses. */
    send(problems: FieldError[], body: () => CaseCreateBody): void {
      if (problems.length > 0) {
        form.show(problems);
        return;
      }
      form.clear();
      create.mutate(body(), {
        onError: (error) =>
          form.show(
            apiErrorToFieldErrors(t, error, { form: 'intake', fields, pathFields: PERSON_PATH_FIELDS }),
          ),
      });
    },
    /** Empties the form for the next one. */
    restart(): void {
      setPerson(EMPTY_PERSON);
      setCreated(null);
      create.reset();
    },
  };
}

type QuickIntake = ReturnType<typeof useQuickIntake>;

interface Props {
  intake: QuickIntake;
  /** The page's texts: `<texts>.title`, `.intro`, `.another`, and the confirmation's title and body. */
  texts: { page: 'hotline' | 'referral'; doneTitle: string; doneBody: string };
  fieldIds: Record<string, string>;
  onSubmit: () => void;
  onAnother: () => void;
  children: ReactNode;
}

/** The page around a one-page intake's fields, and its confirmation once the case exists. */
export function QuickIntakePage({ intake, texts, fieldIds, onSubmit, onAnother, children }: Props) {
  const { t } = useTranslation();
  const { created, form } = intake;
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    onSubmit();
  }
  return (
    <div className="narrow-form">
      <span className="caption">{t('intake.title')}</span>
      <h1 className="heading-xl">{t(`${texts.page}.title`)}</h1>
      {created ? (
        <div className="confirmation" role="status">
          <h2 className="confirmation__title">{texts.doneTitle}</h2>
          <p className="confirmation__reference">
            {t('hotline.reference')} <Ltr code>{created.reference}</Ltr>
          </p>
          <p>{texts.doneBody}</p>
          <div className="button-group">
            <button type="button" className="button" onClick={onAnother}>
              {t(`${texts.page}.another`)}
            </button>
            <Link to={`/cases/${created.id}`}>{t('intake.viewCase')}</Link>
          </div>
        </div>
      ) : (
        <>
          <p className="lead">{t(`${texts.page}.intro`)}</p>
          <ErrorSummary errors={form.errors} fieldIds={fieldIds} summaryRef={form.summaryRef} />
          <form onSubmit={submit} noValidate>
            {children}
          </form>
        </>
      )}
    </div>
  );
}

interface NarrativeProps {
  idPrefix: string;
  /** Whose wording the narrative's label and hint take. */
  texts: 'hotline' | 'referral';
  rows?: number;
  narrative: string;
  onNarrative: (value: string) => void;
  error: string | undefined;
  urgent: boolean;
  onUrgent: (value: boolean) => void;
}

/** What happened, in the caller's or referrer's words, and whether it is urgent. */
export function NarrativeAndUrgent(props: NarrativeProps) {
  const { idPrefix, texts, rows, narrative, onNarrative, error, urgent, onUrgent } = props;
  const { t } = useTranslation();
  return (
    <>
      <TextAreaField
        id={`${idPrefix}-narrative`}
        label={t(`${texts}.narrative`)}
        hint={t(`${texts}.narrativeHint`)}
        value={narrative}
        onValueChange={onNarrative}
        error={error}
        rows={rows}
        maxLength={20_000}
      />
      <CheckboxField
        id={`${idPrefix}-urgent`}
        label={t('hotline.urgent')}
        checked={urgent}
        onCheckedChange={onUrgent}
      />
    </>
  );
}
