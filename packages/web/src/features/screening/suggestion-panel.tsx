import {
  ILO_INDICATORS,
  localize,
  PALERMO_ELEMENTS,
  type Question,
  type QuestionnaireVersion,
  type ScreeningReason,
  type ScreeningSuggestion,
} from '@opennrm/domain';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors';
import { CategoryBadge, RiskBadge } from '../cases';
import { questionId } from './question-field';
import type { SaveStatus } from './use-screening-autosave';

interface Props {
  suggestion: ScreeningSuggestion | null;
  version: QuestionnaireVersion;
  questions: ReadonlyMap<string, Question>;
  status: SaveStatus;
  saveError: unknown;
  onRetry: () => void;
  /** The confirm button, or what was decided. */
  children?: ReactNode;
}

export function saveStatusLabel(t: TFunction, status: SaveStatus): string {
  if (status === 'saving' || status === 'pending') return t('screening.saving');
  if (status === 'saved') return t('screening.saved');
  if (status === 'error' || status === 'conflict') return t('screening.notSaved');
  return t('screening.savesAsYouGo');
}

export function SaveStatusText({
  status,
  error,
  onRetry,
}: {
  status: SaveStatus;
  error: unknown;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  if (status === 'error') {
    return (
      <div className="save-status save-status--error" role="alert">
        <p>
          {t('screening.notSaved')} {errorMessage(t, error)}
        </p>
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.tryAgain')}
        </button>
      </div>
    );
  }
  if (status === 'conflict') {
    // The notice above the questions says why and offers to reload the interview.
    return (
      <p className="save-status save-status--error" role="status">
        {t('screening.notSaved')} {t('screening.conflict.title')}
      </p>
    );
  }
  const text = saveStatusLabel(t, status);
  return (
    <p className={`save-status save-status--${status}`} role="status">
      {text}
    </p>
  );
}

function ReasonText({ reason, version }: { reason: ScreeningReason; version: QuestionnaireVersion }) {
  const { t, i18n } = useTranslation();
  const [kind, value] = reason.code.split('.');
  if (kind === 'element' && value)
    return <>{t('screening.reasons.element', { element: t(`palermoElements.${value}`) })}</>;
  if (kind === 'indicator' && value)
    return <>{t('screening.reasons.indicator', { indicator: t(`iloIndicators.${value}`) })}</>;
  const rule = version.scoringRules.rules.find((r) => r.reason === reason.code);
  if (rule?.description) return <>{localize(rule.description, i18n.language)}</>;
  return (
    <>{t([`screening.reasons.codes.${reason.code}`, 'screening.reasons.rule'], { code: reason.code })}</>
  );
}

function Because({ ids, questions }: { ids: readonly string[]; questions: ReadonlyMap<string, Question> }) {
  const { t, i18n } = useTranslation();
  const found = ids.map((id) => questions.get(id)).filter((q): q is Question => !!q);
  if (found.length === 0) return null;
  const links = found.map((question) => (
    <li key={question.id}>
      <a href={`#${questionId(question.id)}`}>{localize(question.text, i18n.language)}</a>
    </li>
  ));
  // Many answers make one reason: folded, so the panel stays short.
  if (found.length > 2) {
    return (
      <details className="reason__because">
        <summary>{t('screening.becauseCount', { count: found.length })}</summary>
        <ul className="reason__questions">{links}</ul>
      </details>
    );
  }
  return (
    <div className="reason__because">
      {t('screening.because')}
      <ul className="reason__questions">{links}</ul>
    </div>
  );
}

/** The live suggestion: category, risk, Palermo elements and ILO indicators, with the reasons. */
export function SuggestionPanel({
  suggestion,
  version,
  questions,
  status,
  saveError,
  onRetry,
  children,
}: Props) {
  const { t } = useTranslation();
  const ruleReasons =
    suggestion?.reasons.filter((r) => !r.code.startsWith('element.') && !r.code.startsWith('indicator.')) ??
    [];
  const evidence = (prefix: string, value: string) =>
    suggestion?.reasons.find((r) => r.code === `${prefix}.${value}`);
  return (
    <section className="suggestion" aria-labelledby="suggestion-title" id="suggestion">
      <h2 className="heading-m" id="suggestion-title">
        {t('screening.suggestionTitle')}
      </h2>
      <SaveStatusText status={status} error={saveError} onRetry={onRetry} />
      {!suggestion ? (
        <p className="hint">{t('screening.noSuggestionYet')}</p>
      ) : (
        <>
          <dl className="suggestion__summary">
            <div>
              <dt>{t('cases.category')}</dt>
              <dd>
                {suggestion.category ? (
                  <CategoryBadge category={suggestion.category} subtype={suggestion.subtype} />
                ) : (
                  t('screening.noCategory')
                )}
              </dd>
            </div>
            <div>
              <dt>{t('cases.risk')}</dt>
              <dd>
                <RiskBadge risk={suggestion.risk} />
              </dd>
            </div>
          </dl>
          <h3 className="heading-s">{t('screening.elementsTitle')}</h3>
          <ul className="evidence-list">
            {PALERMO_ELEMENTS.map((element) => {
              const found = suggestion.elements[element];
              const notRequired = element === 'means' && !suggestion.meansRequired;
              const reason = evidence('element', element);
              return (
                <li key={element} className={found ? 'evidence evidence--found' : 'evidence'}>
                  <strong>{t(`palermoElements.${element}`)}:</strong>{' '}
                  {found
                    ? t('screening.found')
                    : notRequired
                      ? t('screening.notRequiredChild')
                      : t('screening.notFound')}
                  {reason ? <Because ids={reason.questionIds} questions={questions} /> : null}
                </li>
              );
            })}
          </ul>
          <h3 className="heading-s">
            {t('screening.indicatorsTitle', {
              count: suggestion.indicators.length,
              total: ILO_INDICATORS.length,
            })}
          </h3>
          {suggestion.indicators.length === 0 ? (
            <p className="hint">{t('screening.noIndicators')}</p>
          ) : (
            <ul className="evidence-list">
              {suggestion.indicators.map((indicator) => (
                <li key={indicator} className="evidence evidence--found">
                  {t(`iloIndicators.${indicator}`)}
                  <Because ids={evidence('indicator', indicator)?.questionIds ?? []} questions={questions} />
                </li>
              ))}
            </ul>
          )}
          {ruleReasons.length > 0 ? (
            <>
              <h3 className="heading-s">{t('screening.reasonsTitle')}</h3>
              <ul className="evidence-list">
                {ruleReasons.map((reason) => (
                  <li key={reason.code} className="evidence">
                    <ReasonText reason={reason} version={version} />
                    <Because ids={reason.questionIds} questions={questions} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
      {children}
    </section>
  );
}
