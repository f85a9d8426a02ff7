import type { Me } from '@opennrm/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { authApi, ME_KEY } from '../../api/auth';
import { Badge } from '../../components/badge';
import { Dialog } from '../../components/dialog';
import { RecoveryCodes } from '../auth';
import { PasswordConfirmDialog } from './password-confirm-dialog';

/** Second-factor status and the actions open to this user. */
export function SecondFactorSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'none' | 'regenerate' | 'disable'>('none');
  const [codes, setCodes] = useState<string[] | null>(null);

  return (
    <section className="section" aria-labelledby="mfa-heading">
      <h2 className="heading-m" id="mfa-heading">
        {t('profile.mfaTitle')}
      </h2>
      <p>
        {t('profile.mfaStatus')}{' '}
        {me.mfaEnabled ? (
          <Badge tone="green">{t('common.on')}</Badge>
        ) : (
          <Badge tone="orange">{t('common.off')}</Badge>
        )}
      </p>
      {me.mfaRequired ? <p className="hint">{t('profile.mfaRequired')}</p> : null}
      {me.mfaEnabled ? (
        <div className="button-group">
          <button type="button" className="button button--secondary" onClick={() => setDialog('regenerate')}>
            {t('profile.regenerateCodes')}
          </button>
          {!me.mfaRequired ? (
            <button type="button" className="button button--warning" onClick={() => setDialog('disable')}>
              {t('profile.disableMfa')}
            </button>
          ) : null}
        </div>
      ) : (
        <>
          <p>{t('profile.mfaOffBody')}</p>
          <Link className="button" to="/profile/second-factor">
            {t('profile.enrolMfa')}
          </Link>
        </>
      )}

      <PasswordConfirmDialog
        open={dialog === 'regenerate'}
        onClose={() => setDialog('none')}
        title={t('profile.regenerateTitle')}
        body={t('profile.regenerateBody')}
        confirmLabel={t('profile.regenerateConfirm')}
        action={(password) => authApi.regenerateRecoveryCodes(password)}
        onDone={(response) => setCodes(response.recoveryCodes)}
      />
      <PasswordConfirmDialog
        open={dialog === 'disable'}
        onClose={() => setDialog('none')}
        title={t('profile.disableTitle')}
        body={t('profile.disableBody')}
        confirmLabel={t('profile.disableConfirm')}
        danger
        action={(password) => authApi.disableMfa(password)}
        onDone={() => void queryClient.invalidateQueries({ queryKey: ME_KEY })}
      />
      <Dialog open={codes !== null} onClose={() => setCodes(null)} title={t('profile.newCodesTitle')}>
        {codes ? (
          <RecoveryCodes codes={codes} continueLabel={t('common.done')} onContinue={() => setCodes(null)} />
        ) : null}
      </Dialog>
    </section>
  );
}
