import type { Locale } from '@opennrm/domain';
import ar from './ar.json';
import { type Tree, translationsOf } from './catalogue';
import en from './en.json';

export { translationsOf };

/**
 * Both languages' translations at once, for tests and checks. The app itself loads only the
 * language in use (`loadTranslations` in ./catalogue, through the i18n back end in ./index).
 */
export const translations: Record<Locale, Tree> = {
  en: translationsOf(en, 'en'),
  ar: translationsOf(ar, 'ar'),
};
