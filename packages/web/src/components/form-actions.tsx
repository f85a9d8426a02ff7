import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** The submit button's text. */
  submit: ReactNode;
  /** The submit button's class: `button`, or `button button--warning` for what cannot be undone. */
  submitClass?: string;
  /** Disables the submit button while the change is on its way. */
  pending: boolean;
  onCancel: () => void;
  /** Outside a form: the submit button is a plain button that calls this. */
  onConfirm?: () => void;
}

/** A form's submit button and "Cancel", as dialogs and edit panels end. */
export function FormActions({ submit, submitClass = 'button', pending, onCancel, onConfirm }: Props) {
  const { t } = useTranslation();
  return (
    <div className="button-group">
      <button
        type={onConfirm ? 'button' : 'submit'}
        className={submitClass}
        onClick={onConfirm}
        disabled={pending}
      >
        {submit}
      </button>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
