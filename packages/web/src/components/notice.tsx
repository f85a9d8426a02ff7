import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  tone: 'success' | 'error' | 'info';
  title?: string;
  children?: ReactNode;
}

/** A banner. Success and error notices are announced; info notices are not. */
export function Notice({ tone, title, children }: Props) {
  const { t } = useTranslation();
  const role = tone === 'error' ? 'alert' : tone === 'success' ? 'status' : undefined;
  return (
    <div className={`notice notice--${tone}`} role={role}>
      <p className="notice__label">{t(`common.notice.${tone}`)}</p>
      {title ? <p className="notice__title">{title}</p> : null}
      {children ? <div className="notice__body">{children}</div> : null}
    </div>
  );
}
