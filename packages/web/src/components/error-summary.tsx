import type { MouseEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from './form-errors';

interface Props {
  errors: FieldError[];
  /** Input id for each field name, so each message links to its field. */
  fieldIds: Readonly<Record<string, string>>;
  summaryRef: RefObject<HTMLDivElement | null>;
}

function focusField(event: MouseEvent<HTMLAnchorElement>, id: string): void {
  const field = document.getElementById(id);
  if (!field) return;
  event.preventDefault();
  field.scrollIntoView({ block: 'center' });
  field.focus();
}

/** GOV.UK error summary: focused on a failed submit, one link per problem. */
export function ErrorSummary({ errors, fieldIds, summaryRef }: Props) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <div
      className="error-summary"
      ref={summaryRef}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
    >
      <h2 className="error-summary__title" id="error-summary-title">
        {t('common.errorSummaryTitle')}
      </h2>
      <ul className="error-summary__list">
        {errors.map((error) => {
          const id = fieldIds[error.field];
          return (
            <li key={`${error.field}:${error.message}`}>
              {id ? (
                <a href={`#${id}`} onClick={(event) => focusField(event, id)}>
                  {error.message}
                </a>
              ) : (
                error.message
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
