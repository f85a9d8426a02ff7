import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDisplayNames } from '../i18n/display-names';
import { HintAndError } from './fields';

interface Props {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  values: readonly string[];
  onValuesChange: (values: string[]) => void;
}

/**
 * Several languages: the chosen ones as a list with "Remove" buttons, and a select with
 * an "Add" button (a select that adds on change would add on every arrow key press).
 */
export function LanguagesField({ id, label, hint, error, values, onValuesChange }: Props) {
  const { t } = useTranslation();
  const names = useDisplayNames();
  const [choice, setChoice] = useState('');
  const listId = useId();
  const options = names.languageOptions.filter((option) => !values.includes(option.value));
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', values.length ? listId : '']
    .filter(Boolean)
    .join(' ');

  function add(): void {
    if (!choice || values.includes(choice)) return;
    onValuesChange([...values, choice]);
    setChoice('');
  }

  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {values.length > 0 ? (
        <ul className="tag-list" id={listId} aria-label={t('common.chosen', { label })}>
          {values.map((code) => (
            <li className="tag-list__item" key={code}>
              <span>{names.language(code)}</span>
              <button
                type="button"
                className="button button--link tag-list__remove"
                onClick={() => onValuesChange(values.filter((v) => v !== code))}
              >
                {t('common.remove')}
                <span className="visually-hidden"> {names.language(code)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="inline-add">
        <select
          id={id}
          className="select"
          value={choice}
          onChange={(event) => setChoice(event.target.value)}
          aria-describedby={describedBy || undefined}
          aria-invalid={error ? true : undefined}
        >
          <option value="">{t('common.chooseLanguage')}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <button type="button" className="button button--secondary" onClick={add} disabled={!choice}>
          {t('common.addLanguage')}
        </button>
      </div>
    </div>
  );
}
