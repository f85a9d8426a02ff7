import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { intlTag } from './format';

/** ISO 3166-1 alpha-2 codes in current use; their names come from the browser, in the UI language. */
export const COUNTRY_CODES: readonly string[] = [
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ',
  'BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR',
  'CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR',
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU',
  'ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ',
  'LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ',
  'MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF',
  'PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI',
  'SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR',
  'TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW',
]
  .join(' ')
  .split(' ');

/**
 * Languages met at intake (ISO 639-1, or 639-3 where there is no two-letter code): the
 * languages of the region and of the main countries of origin of migrant workers.
 */
export const LANGUAGE_CODES: readonly string[] = [
  'ar',
  'en',
  'am',
  'bn',
  'fa',
  'fr',
  'ha',
  'hi',
  'id',
  'ku',
  'ml',
  'mr',
  'ms',
  'my',
  'ne',
  'om',
  'pa',
  'ps',
  'pt',
  'ru',
  'rw',
  'si',
  'so',
  'sw',
  'ta',
  'te',
  'th',
  'ti',
  'tl',
  'tr',
  'uk',
  'ur',
  'vi',
  'zh',
];

export interface NamedOption {
  value: string;
  label: string;
}

/** Country and language names in the UI language, and select options sorted by those names. */
export function useDisplayNames() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const tag = intlTag(language);
    const regions = new Intl.DisplayNames([tag, 'en'], { type: 'region', fallback: 'code' });
    const languages = new Intl.DisplayNames([tag, 'en'], { type: 'language', fallback: 'code' });
    const collator = new Intl.Collator(tag);
    const country = (code: string | null | undefined): string => (code ? (regions.of(code) ?? code) : '');
    const languageName = (code: string | null | undefined): string =>
      code ? (languages.of(code) ?? code) : '';
    const sorted = (options: NamedOption[]) => options.sort((a, b) => collator.compare(a.label, b.label));
    return {
      country,
      language: languageName,
      countryOptions: sorted(COUNTRY_CODES.map((code) => ({ value: code, label: country(code) }))),
      languageOptions: sorted(LANGUAGE_CODES.map((code) => ({ value: code, label: languageName(code) }))),
    };
  }, [language]);
}
