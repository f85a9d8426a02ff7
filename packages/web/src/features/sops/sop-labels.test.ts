import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { translations } from '../../i18n/resources';
import { durationText, referralName } from './sop-labels';

async function translator(lng: 'en' | 'ar') {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    resources: { en: { translation: translations.en }, ar: { translation: translations.ar } },
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

describe('SOP durations', () => {
  it('name the deadline per risk level, most urgent first, in English and Arabic', async () => {
    const police = {
      amount: 1,
      unit: 'business_days',
      byRisk: { high: { amount: 2, unit: 'hours' }, urgent: { amount: 2, unit: 'hours' } },
    } as const;
    const t = await translator('en');
    expect(durationText(t, police)).toBe('1 business day (Urgent risk: 2 hours, High risk: 2 hours)');
    expect(durationText(t, { amount: 3, unit: 'business_days' })).toBe('3 business days');
    const tAr = await translator('ar');
    expect(durationText(tAr, police)).toContain('«عاجل»');
  });
});

describe('SOP referral names', () => {
  it('name the purpose and the kind of organisation, once when they are the same words', async () => {
    const t = await translator('en');
    const referral = (purpose: string, organisationKind: string) =>
      ({ id: 'r', purpose, organisationKind }) as unknown as Parameters<typeof referralName>[1];
    expect(referralName(t, referral('grievance', 'grievances'), 'en')).toBe('Grievance: Grievances');
    expect(referralName(t, referral('inspection', 'labour_inspection'), 'en')).toBe('Labour inspection');
    const tAr = await translator('ar');
    expect(referralName(tAr, referral('inspection', 'labour_inspection'), 'ar')).toBe('التفتيش العمالي');
  });
});
