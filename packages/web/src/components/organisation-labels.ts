import type { BadgeTone } from './badge';

interface Named {
  name: string;
  nameAr: string | null;
}

/** The organisation's name in the reader's script when it has one. */
export function organisationName(organisation: Named, language: string): string {
  return language === 'ar' && organisation.nameAr ? organisation.nameAr : organisation.name;
}

export function activeTone(active: boolean): BadgeTone {
  return active ? 'green' : 'grey';
}
