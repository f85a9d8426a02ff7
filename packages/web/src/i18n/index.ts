import type { Locale } from '@opennrm/domain';
import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { loadTranslations } from './catalogue';

export const SUPPORTED_LOCALES: readonly Locale[] = ['en', 'ar'];
const STORAGE_KEY = 'opennrm.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'ar';
}

/** The language chosen on this device before sign-in; the profile setting wins after. */
function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be blocked by browser policy; fall back to the browser language.
  }
  return navigator.language.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not fatal: the choice still applies to this page.
  }
}

export function currentLocale(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}

function applyDocumentLanguage(language: string): void {
  const locale: Locale = isLocale(language) ? language : 'en';
  document.documentElement.lang = locale;
  document.documentElement.dir = i18n.dir(locale);
}

i18n.on('languageChanged', applyDocumentLanguage);

/**
 * The translations come through this back end, one language at a time: `changeLanguage` loads
 * the language's chunk before it switches, so the first download carries the user's language
 * only. No fallback language: `npm run i18n:check` keeps both catalogues complete, and a
 * fallback would make every Arabic reader download the English one too.
 */
const lazyCatalogues: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    if (!isLocale(language)) return callback(null, {});
    loadTranslations(language).then(
      (tree) => callback(null, tree),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/** Settles once the first language's translations are in: the app renders after it. */
export const i18nReady: Promise<unknown> = i18n
  .use(lazyCatalogues)
  .use(initReactI18next)
  .init({
    lng: initialLocale(),
    fallbackLng: false,
    supportedLngs: SUPPORTED_LOCALES,
    load: 'currentOnly',
    interpolation: { escapeValue: false },
    returnNull: false,
  });

applyDocumentLanguage(i18n.language);

export { i18n };

/**
 * A language picked on the sign-in page, before we know who the user is. It is saved to
 * the profile once they are signed in, rather than being overridden by the old setting.
 */
let choiceBeforeSignIn: Locale | null = null;

export function noteChoiceBeforeSignIn(locale: Locale): void {
  choiceBeforeSignIn = locale;
}

export function takeChoiceBeforeSignIn(): Locale | null {
  const choice = choiceBeforeSignIn;
  choiceBeforeSignIn = null;
  return choice;
}
