import type { Me } from '@opennrm/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi, storeMe } from '../../api/auth';
import { ErrorSummary } from '../../components/error-summary';
import { TextField } from '../../components/fields';
import { apiErrorToFieldErrors, useFormErrors } from '../../components/form-errors';
import { Ltr } from '../../components/ltr';
import { Notice } from '../../components/notice';
import { organisationName } from '../../components/organisation-labels';

const FIELD_IDS = { '': 'display-name', displayName: 'display-name' };

interface Props {
  me: Me;
  onErrorsChange: (hasErrors: boolean) => void;
}

/** Who the user is, as the system knows them; only the display name is theirs to change. */
export function ProfileDetails({ me, onErrorsChange }: Props) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [saved, setSaved] = useState(false);
  const form = useFormErrors();

  const save = useMutation({
    mutationFn: () => authApi.updateProfile({ displayName: displayName.trim() }),
    onSuccess: (updated) => {
      storeMe(queryClient, updated);
      onErrorsChange(false);
      setSaved(true);
    },
    onError: (error) => {
      onErrorsChange(true);
      form.show(apiErrorToFieldErrors(t, error, { form: 'profile', fields: ['displayName'] }));
    },
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setSaved(false);
    if (!displayName.trim()) {
      onErrorsChange(true);
      form.show([{ field: 'displayName', message: t('forms.profile.errors.displayName.required') }]);
      return;
    }
    form.clear();
    save.mutate();
  }

  return (
    <section className="section" aria-labelledby="details-heading">
      <h2 className="heading-m" id="details-heading">
        {t('profile.detailsTitle')}
      </h2>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('profile.username')}</dt>
          <dd>
            <Ltr>{me.username}</Ltr>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('profile.role')}</dt>
          <dd>{t(`roles.${me.role}`)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('profile.organisation')}</dt>
          <dd>{organisationName(me.organisation, i18n.language)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('profile.language')}</dt>
          <dd>
            <span lang={i18n.resolvedLanguage}>{t(`languageNames.${i18n.resolvedLanguage ?? 'en'}`)}</span>
            <span className="hint hint--inline">{t('profile.languageHint')}</span>
          </dd>
        </div>
      </dl>
      {saved ? <Notice tone="success" title={t('profile.saved')} /> : null}
      <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <TextField
          id="display-name"
          label={t('profile.displayName')}
          hint={t('profile.displayNameHint')}
          value={displayName}
          onValueChange={setDisplayName}
          error={form.errorFor('displayName')}
          autoComplete="name"
          maxLength={120}
        />
        <button type="submit" className="button" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </form>
    </section>
  );
}
