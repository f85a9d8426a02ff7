import { VOCABULARIES } from '@opennrm/domain';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { translations } from './resources';

async function translator(lng: 'en' | 'ar') {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    resources: { en: { translation: translations.en }, ar: { translation: translations.ar } },
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

describe("the web's translations of the domain's vocabulary", () => {
  for (const locale of ['en', 'ar'] as const) {
    it(`resolve every enum value to the domain's ${locale} label`, async () => {
      const t = await translator(locale);
      for (const [path, labels] of Object.entries(VOCABULARIES)) {
        for (const [value, label] of Object.entries(labels)) {
          expect(t(`${path}.${value}`), `${path}.${value}`).toBe(label[locale]);
        }
      }
    });
  }

  it('keep the interface texts beside the vocabularies that share their namespace', async () => {
    const t = await translator('en');
    expect(t('referrals.purpose')).toBe('Purpose');
    expect(t('referrals.purposes.inspection')).toBe('Labour inspection');
  });
});
