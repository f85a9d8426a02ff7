import { type Locale, VOCABULARIES } from '@opennrm/domain';

export interface Tree {
  [key: string]: string | Tree;
}

/**
 * A language's translations: the interface texts of `<locale>.json` and the words for every
 * enum value, which live in one place, the domain's vocabulary (packages/domain/src/vocabulary),
 * shared with the server's PDF and emails. Each vocabulary sits under its own key path
 * (`referrals.purposes.shelter`), so components keep calling `t()` as before.
 */
export function translationsOf(catalogue: Tree, locale: Locale): Tree {
  const out: Tree = structuredClone(catalogue);
  for (const [path, labels] of Object.entries(VOCABULARIES)) {
    let node = out;
    for (const part of path.split('.')) {
      const child = node[part];
      if (typeof child === 'string') throw new Error(`i18n: "${path}" is both a text and a vocabulary`);
      node[part] = child ?? {};
      node = node[part] as Tree;
    }
    for (const [value, label] of Object.entries(labels)) node[value] = label[locale];
  }
  return out;
}

/**
 * One language's translations, fetched when first needed: each `<locale>.json` is its own chunk
 * of the build, so the first download carries the user's language only and the other comes
 * when they switch.
 */
export async function loadTranslations(locale: Locale): Promise<Tree> {
  const catalogue = locale === 'ar' ? await import('./ar.json') : await import('./en.json');
  return translationsOf(catalogue.default as Tree, locale);
}
