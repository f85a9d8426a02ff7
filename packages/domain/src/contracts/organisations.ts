import { z } from 'zod';
import { OrganisationKind } from '../roles.js';
import { BooleanQuery, Id, PageQuery, pageOf } from './common.js';

/** ISO 3166-1 alpha-2, upper case. */
export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/);

export const Organisation = z.object({
  id: Id,
  name: z.string(),
  nameAr: z.string().nullable(),
  kind: OrganisationKind,
  countryCode: z.string().nullable(),
  active: z.boolean(),
  userCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organisation = z.infer<typeof Organisation>;

const name = z.string().trim().min(2).max(200);

export const OrganisationCreate = z
  .strictObject({
    name,
    nameAr: name.nullable().optional(),
    kind: OrganisationKind,
    countryCode: CountryCode.nullable().optional(),
  })
  .refine((o) => o.kind !== 'embassy' || !!o.countryCode, {
    path: ['countryCode'],
    message: 'An embassy must have a country',
    params: { i18n: 'validation.embassyNeedsCountry' },
  });
export type OrganisationCreate = z.infer<typeof OrganisationCreate>;

export const OrganisationUpdate = z.strictObject({
  name: name.optional(),
  nameAr: name.nullable().optional(),
  countryCode: CountryCode.nullable().optional(),
  active: z.boolean().optional(),
});
export type OrganisationUpdate = z.infer<typeof OrganisationUpdate>;

export const OrganisationListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  kind: OrganisationKind.optional(),
  active: BooleanQuery.optional(),
});
export type OrganisationListQuery = z.infer<typeof OrganisationListQuery>;

export const OrganisationPage = pageOf(Organisation);
export type OrganisationPage = z.infer<typeof OrganisationPage>;
