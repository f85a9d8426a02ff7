import type { Locale } from '@opennrm/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi, storeMe, useSession } from '../../api/auth';
import { rememberLocale, takeChoiceBeforeSignIn } from '../../i18n';

/**
 * Once per sign-in, reconciles the page language with the profile: a language picked on
 * the sign-in page is saved to the profile; otherwise the profile's language is applied.
 */
export function useProfileLanguage(): void {
  const { me, stage } = useSession();
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const syncedFor = useRef<string | null>(null);
  const { mutate } = useMutation({
    mutationFn: (locale: Locale) => authApi.updateProfile({ locale }),
    onSuccess: (updated) => storeMe(queryClient, updated),
  });

  useEffect(() => {
    if (!me || stage !== 'authenticated') {
      if (!me) syncedFor.current = null;
      return;
    }
    if (syncedFor.current === me.id) return;
    syncedFor.current = me.id;
    const chosen = takeChoiceBeforeSignIn();
    if (chosen && chosen !== me.locale) {
      mutate(chosen);
    } else if (me.locale !== i18n.resolvedLanguage) {
      rememberLocale(me.locale);
      void i18n.changeLanguage(me.locale);
    }
  }, [me, stage, i18n, mutate]);
}
