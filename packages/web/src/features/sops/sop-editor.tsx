import type { SopIssue } from '@opennrm/domain';
import type { Ref, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Ltr } from '../../components/ltr';
import { type JsonSyntaxError, parseJson, positionAt, type TextPosition } from './sop-json';
import { describedPath } from './sop-labels';

/** Puts the cursor at `offset` in the editor, selects to the end of that line and scrolls to it. */
export function focusEditorAt(textarea: HTMLTextAreaElement | null, offset: number): void {
  if (!textarea) return;
  const text = textarea.value;
  const lineEnd = text.indexOf('\n', offset);
  textarea.focus();
  textarea.setSelectionRange(offset, lineEnd < 0 ? text.length : lineEnd);
  const { line } = positionAt(text, offset);
  const lineHeight = Number.parseFloat(getComputedStyle(textarea).lineHeight) || 20;
  textarea.scrollTop = Math.max(0, (line - 4) * lineHeight);
}

interface EditorProps {
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  /** Where the cursor is (the parent moves it when it takes the reader to a problem). */
  cursor: TextPosition;
  onCursor: (cursor: TextPosition) => void;
  ref?: Ref<HTMLTextAreaElement>;
}

/** A plain monospace JSON editor: left to right in both languages, with the cursor's line and column. */
export function JsonEditor({ value, onChange, invalid, cursor, onCursor, ref }: EditorProps) {
  const { t } = useTranslation();
  const track = (target: HTMLTextAreaElement) => onCursor(positionAt(target.value, target.selectionStart));
  return (
    <div className={invalid ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor="sop-document">
        {t('sops.edit.label')}
      </label>
      <div className="hint" id="sop-document-hint">
        {t('sops.edit.hint')}
      </div>
      <textarea
        ref={ref}
        id="sop-document"
        className={invalid ? 'textarea sop-editor textarea--error' : 'textarea sop-editor'}
        dir="ltr"
        lang="en"
        rows={28}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        wrap="off"
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
          track(event.target);
        }}
        onSelect={(event) => track(event.currentTarget)}
        aria-describedby="sop-document-hint sop-document-cursor"
        aria-invalid={invalid ? true : undefined}
      />
      <p className="sop-editor__cursor" id="sop-document-cursor">
        {t('sops.edit.cursor', { line: cursor.line, column: cursor.column })}
      </p>
    </div>
  );
}

/** "The text is not valid JSON": where, and what was found there. */
export function SyntaxProblem({
  error,
  onGoTo,
}: {
  error: JsonSyntaxError;
  onGoTo: (offset: number) => void;
}) {
  const { t } = useTranslation();
  const { line, column, offset } = error.position;
  return (
    <div className="error-summary" role="alert" aria-labelledby="sop-syntax-title">
      <h2 className="error-summary__title" id="sop-syntax-title">
        {t('sops.edit.syntaxTitle')}
      </h2>
      <p>
        {error.kind === 'end'
          ? t('sops.edit.syntaxEnd', { line, column })
          : t('sops.edit.syntaxUnexpected', { found: error.found, line, column })}
      </p>
      <button type="button" className="button button--link" onClick={() => onGoTo(offset)}>
        {t('sops.edit.goTo', { line })}
      </button>
    </div>
  );
}

/**
 * The checker's problems, each with where it is in words ("stages › 2 (referral_assistance) ›
 * tasks › 0 › deadline › amount") and a button that takes the cursor to that line.
 */
export function IssueList({
  issues,
  text,
  document,
  onGoTo,
  summaryRef,
}: {
  issues: SopIssue[];
  text: string;
  document: unknown;
  onGoTo: (offset: number) => void;
  summaryRef?: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useTranslation();
  const parsed = parseJson(text);
  return (
    <div
      className="error-summary"
      ref={summaryRef}
      tabIndex={-1}
      role="alert"
      aria-labelledby="sop-issues-title"
    >
      <h2 className="error-summary__title" id="sop-issues-title">
        {t('sops.edit.issuesTitle', { count: issues.length })}
      </h2>
      <p>{t('sops.edit.issuesIntro')}</p>
      <ol className="sop-issues">
        {issues.map((issue) => {
          const where = describedPath(t, issue.path, document);
          const position = parsed.ok ? parsed.locate(issue.path) : undefined;
          return (
            <li key={`${JSON.stringify(issue.path)}:${issue.message}`} className="sop-issue">
              <p className="sop-issue__path">
                <Ltr code>{where}</Ltr>
              </p>
              <p className="sop-issue__message">
                <bdi lang="en">{issue.message}</bdi>
              </p>
              {position ? (
                <button
                  type="button"
                  className="button button--link"
                  onClick={() => onGoTo(position.offset)}
                  aria-label={t('sops.edit.goToLabel', { line: position.line, path: where })}
                >
                  {t('sops.edit.goTo', { line: position.line })}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
