import type { Locale } from '@opennrm/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi, storeMe, useSession } from '../api/auth';
import { isLocale, noteChoiceBeforeSignIn, rememberLocale, SUPPORTED_LOCALES } from '../i18n';

/**
 * Works before sign-in (remembered on this device) and after (also saved to the profile,
 * so the choice follows the user to other devices). Each language is named in itself.
 */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const { me, stage } = useSession();
  const save = useMutation({
    mutationFn: (locale: Locale) => authApi.updateProfile({ locale }),
    onSuccess: (updated) => storeMe(queryClient, updated),
  });

  function change(value: string): void {
    if (!isLocale(value)) return;
    rememberLocale(value);
    void i18n.changeLanguage(value);
    if (me && stage === 'authenticated') {
      if (me.locale !== value) save.mutate(value);
    } else {
      noteChoiceBeforeSignIn(value);
    }
  }

  return (
    <div className={compact ? 'language-switch language-switch--compact' : 'language-switch'}>
      <label className="language-switch__label" htmlFor={id}>
        {t('language.label')}
      </label>
      <select
        id={id}
        className="select language-switch__select"
        value={i18n.resolvedLanguage ?? 'en'}
        onChange={(event) => change(event.target.value)}
      >
        {SUPPORTED_LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {t(`languageNames.${locale}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
