import {
  type Case,
  type CaseScreening,
  type QuestionnaireVersion,
  questionIndex,
  type ScreeningSuggestion,
  validateAnswers,
} from '@opennrm/domain';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import {
  CASES_KEY,
  caseKey,
  screeningEtag,
  screeningKey,
  useCaseScreening,
  useQuestionnaire,
} from '../../api/cases';
import { isApiError } from '../../api/client';
import { CheckboxField } from '../../components/checkbox-field';
import { ErrorSummary } from '../../components/error-summary';
import { errorMessage, type FieldError, useFormErrors } from '../../components/form-errors';
import { SkeletonRows } from '../../components/loading';
import { Notice } from '../../components/notice';
import { useDisplayNames } from '../../i18n/display-names';
import { hasPermission } from '../../lib/permissions';
import { AnswersSummary } from './answers-summary';
import { ConfirmScreeningDialog } from './confirm-screening-dialog';
import { ConfirmedDecision } from './confirmed-decision';
import { questionId } from './question-field';
import { ScreeningForm } from './screening-form';
import { SuggestionPanel, saveStatusLabel } from './suggestion-panel';
import { useScreeningAutosave } from './use-screening-autosave';

interface Props {
  found: Case;
  /** Shown under the questions, e.g. "Continue to consents" in the walk-in interview. */
  footer?: ReactNode;
}

/** Shown when someone else saved answers meanwhile: saving has stopped until the interview is reloaded. */
function SaveConflict({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <div id="screening-conflict">
      <Notice tone="error" title={t('screening.conflict.title')}>
        <p>{t('screening.conflict.body')}</p>
        <button type="button" className="button button--secondary" onClick={onReload}>
          {t('screening.conflict.reload')}
        </button>
      </Notice>
    </div>
  );
}

/** The first language of the person that the questionnaire has, other than the UI language. */
function personLanguage(found: Case, version: QuestionnaireVersion, ui: string): string | null {
  const available = Object.keys(version.questionnaire.title);
  const spoken = [...(found.person?.languages ?? []), ...found.languages];
  return spoken.find((code) => code !== ui && available.includes(code)) ?? null;
}

function isProblem(value: unknown): value is { questionId: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { questionId?: unknown }).questionId === 'string'
  );
}

/** The questions a refused save named (SCREENING_ANSWERS_INVALID). */
function answerProblems(error: unknown): { questionId: string }[] {
  if (!isApiError(error, 'SCREENING_ANSWERS_INVALID')) return [];
  const details = error.details as { problems?: unknown } | null;
  return Array.isArray(details?.problems) ? details.problems.filter(isProblem) : [];
}

function Work({
  found,
  screening,
  version,
  footer,
  onReload,
}: Props & { screening: CaseScreening | null; version: QuestionnaireVersion; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const names = useDisplayNames();
  const queryClient = useQueryClient();
  const [suggestion, setSuggestion] = useState<ScreeningSuggestion | null>(screening?.suggestion ?? null);
  const [showSecond, setShowSecond] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const form = useFormErrors();
  const questions = questionIndex(version.questionnaire);
  const refreshCase = () => {
    void queryClient.invalidateQueries({ queryKey: caseKey(found.id) });
    void queryClient.invalidateQueries({ queryKey: screeningKey(found.id) });
    void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'timeline', found.id] });
  };
  const autosave = useScreeningAutosave(
    found.id,
    screening?.answers ?? {},
    screeningEtag(screening),
    (next) => {
      setSuggestion(next);
      if (found.stage === 'received') refreshCase();
    },
  );
  const conflict = autosave.status === 'conflict';
  const editable = hasPermission(me, 'cases.screen') && !screening?.confirmed;
  const second = personLanguage(found, version, i18n.language);
  const textOf = (id: string) => {
    const question = questions.get(id);
    return question ? (question.text[i18n.language] ?? question.text.en) : id;
  };
  const saveProblems = answerProblems(autosave.error);
  const errorFor = (id: string) =>
    form.errorFor(id) ??
    (saveProblems.some((p) => p.questionId === id) ? t('screening.errors.invalid') : undefined);
  const fieldIds = Object.fromEntries([...questions.keys()].map((id) => [id, questionId(id)]));

  async function startConfirm(): Promise<void> {
    const saved = await autosave.flush();
    if (!saved) return;
    const missing: FieldError[] = validateAnswers(version.questionnaire, autosave.answers, {
      complete: true,
    }).map((problem) => ({
      field: problem.questionId,
      message: t('screening.errors.required', { question: textOf(problem.questionId) }),
    }));
    if (missing.length > 0) {
      form.show(missing);
      return;
    }
    form.clear();
    setConfirming(true);
  }

  return (
    <div className="screening-layout">
      <div className="screening-layout__questions">
        <ErrorSummary errors={form.errors} fieldIds={fieldIds} summaryRef={form.summaryRef} />
        {conflict ? <SaveConflict onReload={onReload} /> : null}
        {screening?.confirmed ? <ConfirmedDecision confirmed={screening.confirmed} /> : null}
        {editable && second ? (
          <CheckboxField
            id="screening-second-language"
            label={t('screening.showSecond', { language: names.language(second) })}
            checked={showSecond}
            onCheckedChange={setShowSecond}
          />
        ) : null}
        {editable ? (
          <ScreeningForm
            questionnaire={version.questionnaire}
            answers={autosave.answers}
            onChange={(id, value) => {
              form.clear();
              autosave.change(id, value);
            }}
            errorFor={errorFor}
            second={showSecond ? second : null}
          />
        ) : (
          <AnswersSummary questionnaire={version.questionnaire} answers={autosave.answers} />
        )}
        {footer}
        {/* On a phone the suggestion comes after the questions: the save state stays in sight. */}
        <div className="screening-bar">
          <span className={`screening-bar__status screening-bar__status--${autosave.status}`}>
            {saveStatusLabel(t, autosave.status)}
          </span>
          {conflict ? (
            <button type="button" className="button button--secondary" onClick={onReload}>
              {t('screening.conflict.reload')}
            </button>
          ) : (
            <a href="#suggestion">{t('screening.seeSuggestion')}</a>
          )}
        </div>
      </div>
      <div className="screening-layout__side">
        <SuggestionPanel
          suggestion={suggestion}
          version={version}
          questions={questions}
          status={autosave.status}
          saveError={autosave.error}
          onRetry={() => void autosave.retry()}
        >
          {editable && suggestion && !conflict ? (
            <button type="button" className="button" onClick={() => void startConfirm()}>
              {t('screening.confirmCategory')}
            </button>
          ) : null}
        </SuggestionPanel>
      </div>
      {suggestion && confirming ? (
        <ConfirmScreeningDialog
          open={confirming}
          onClose={() => setConfirming(false)}
          caseId={found.id}
          suggestion={suggestion}
          onConfirmed={refreshCase}
        />
      ) : null}
    </div>
  );
}

/** The screening interview of a case: questions saved as you go, the live suggestion, and confirmation. */
export function ScreeningInterview({ found, footer }: Props) {
  const { t } = useTranslation();
  const screening = useCaseScreening(found.id);
  // Bumped after reloading the interview, so the answers and ETag start again from the server.
  const [generation, setGeneration] = useState(0);
  const reload = () => {
    void screening.refetch().then(() => setGeneration((n) => n + 1));
  };
  const version = useQuestionnaire(screening.data?.screening?.questionnaireVersion, screening.isSuccess);
  if (screening.isPending || (screening.isSuccess && version.isPending)) return <SkeletonRows rows={6} />;
  if (screening.isError) return <Notice tone="error" title={errorMessage(t, screening.error)} />;
  if (!version.data) return <Notice tone="error" title={errorMessage(t, version.error)} />;
  return (
    <Work
      key={`${screening.data.screening?.confirmed ? 'confirmed' : 'open'}:${version.data.version}:${generation}`}
      found={found}
      screening={screening.data.screening}
      version={version.data}
      footer={footer}
      onReload={reload}
    />
  );
}
