import type { User } from '@opennrm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../../api/admin';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Notice } from '../../components/notice';
import { ResetPasswordDialog } from './reset-password-dialog';

type Action = 'none' | 'status' | 'password' | 'mfa';
type Done = 'none' | 'activated' | 'deactivated' | 'password' | 'mfa';

/** Sensitive actions on an account, each confirmed in a dialog that says what will happen. */
export function UserAccountActions({ user, onChanged }: { user: User; onChanged: () => void }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action>('none');
  const [done, setDone] = useState<Done>('none');
  const close = () => setAction('none');
  const deactivating = user.active;

  return (
    <section className="section" aria-labelledby="account-heading">
      <h2 className="heading-m" id="account-heading">
        {t('users.accountTitle')}
      </h2>
      {done !== 'none' ? <Notice tone="success" title={t(`users.done.${done}`)} /> : null}
      <div className="button-group">
        <button type="button" className="button button--secondary" onClick={() => setAction('password')}>
          {t('users.resetPassword')}
        </button>
        {user.mfaEnabled ? (
          <button type="button" className="button button--secondary" onClick={() => setAction('mfa')}>
            {t('users.resetMfa')}
          </button>
        ) : null}
        <button
          type="button"
          className={deactivating ? 'button button--warning' : 'button button--secondary'}
          onClick={() => setAction('status')}
        >
          {deactivating ? t('users.deactivate') : t('users.reactivate')}
        </button>
      </div>

      <ResetPasswordDialog
        user={user}
        open={action === 'password'}
        onClose={close}
        onDone={() => {
          setDone('password');
          onChanged();
        }}
      />
      <ConfirmDialog
        open={action === 'mfa'}
        onClose={close}
        title={t('users.resetMfaTitle', { name: user.displayName })}
        confirmLabel={t('users.resetMfa')}
        danger
        onConfirm={() => adminApi.resetMfa(user.id)}
        onDone={() => {
          setDone('mfa');
          onChanged();
        }}
      >
        <p>{t('users.resetMfaBody')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={action === 'status'}
        onClose={close}
        title={
          deactivating
            ? t('users.deactivateTitle', { name: user.displayName })
            : t('users.reactivateTitle', { name: user.displayName })
        }
        confirmLabel={deactivating ? t('users.deactivate') : t('users.reactivate')}
        danger={deactivating}
        onConfirm={() => adminApi.updateUser(user.id, { active: !user.active })}
        onDone={() => {
          setDone(deactivating ? 'deactivated' : 'activated');
          onChanged();
        }}
      >
        <p>{deactivating ? t('users.deactivateBody') : t('users.reactivateBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
