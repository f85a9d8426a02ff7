import type { CaseCategory, CaseStage, CaseSubtype, RiskLevel } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../components/badge';
import { useDisplayNames } from '../../i18n/display-names';

const RISK_TONES: Record<RiskLevel, BadgeTone> = {
  urgent: 'red',
  high: 'orange',
  medium: 'blue',
  low: 'grey',
};
/** Intake in purple and blue, the SOP's work in orange, its outcome in green, closed in grey. */
const STAGE_TONES: Record<CaseStage, BadgeTone> = {
  received: 'purple',
  screening: 'blue',
  referral_assistance: 'orange',
  proceedings: 'orange',
  resolution: 'green',
  follow_up: 'green',
  closed: 'grey',
};

/** Risk in words; urgent is red and says "Urgent". Absent when the screening is not shared with the reader. */
export function RiskBadge({ risk }: { risk: RiskLevel | undefined }) {
  const { t } = useTranslation();
  if (risk === undefined) return <span className="muted">{t('cases.notShared')}</span>;
  return <Badge tone={RISK_TONES[risk]}>{t(`riskLevels.${risk}`)}</Badge>;
}

export function StageBadge({ stage }: { stage: CaseStage }) {
  const { t } = useTranslation();
  return <Badge tone={STAGE_TONES[stage]}>{t(`caseStages.${stage}`)}</Badge>;
}

export function CategoryBadge({
  category,
  subtype,
}: {
  /** Undefined: the screening is not shared with the reader; null: not categorised yet. */
  category: CaseCategory | null | undefined;
  subtype: CaseSubtype | null | undefined;
}) {
  const { t } = useTranslation();
  if (category === undefined) return <span className="muted">{t('cases.notShared')}</span>;
  if (!category) return <span className="muted">{t('cases.notCategorised')}</span>;
  return (
    <span className="category">
      <Badge tone={category === 'trafficking' ? 'red' : category === 'abuse' ? 'orange' : 'grey'}>
        {t(`caseCategories.${category}`)}
      </Badge>
      {subtype ? <span className="category__subtype">{t(`caseSubtypes.${subtype}`)}</span> : null}
    </span>
  );
}

interface Names {
  nameLatin: string | null;
  nameArabic: string | null;
}

/** A person's names in both scripts, each isolated so neither reorders the other. */
export function PersonNames({ person, inline = false }: { person: Names | null; inline?: boolean }) {
  const { t } = useTranslation();
  if (!person) return <span className="muted">{t('cases.personNotShared')}</span>;
  const { nameLatin, nameArabic } = person;
  if (!nameLatin && !nameArabic) return <span className="muted">{t('cases.noName')}</span>;
  return (
    <span className={inline ? 'names names--inline' : 'names'}>
      {nameLatin ? (
        <bdi className="names__latin" dir="ltr" lang="und-Latn">
          {nameLatin}
        </bdi>
      ) : null}
      {nameArabic ? (
        <bdi className="names__arabic" dir="rtl" lang="ar">
          {nameArabic}
        </bdi>
      ) : null}
    </span>
  );
}

/** A country by name in the UI language, with its code for those who read codes. */
export function CountryName({ code }: { code: string | null | undefined }) {
  const { t } = useTranslation();
  const names = useDisplayNames();
  if (!code) return <span className="muted">{t('cases.unknown')}</span>;
  return <span title={code}>{names.country(code)}</span>;
}

export function LanguageList({ codes }: { codes: readonly string[] }) {
  const { t } = useTranslation();
  const names = useDisplayNames();
  if (codes.length === 0) return <span className="muted">{t('cases.none')}</span>;
  return <>{codes.map((code) => names.language(code)).join(t('cases.listSeparator'))}</>;
}
