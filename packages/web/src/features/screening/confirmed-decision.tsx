import type { CaseScreening } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/date-time';
import { Ltr } from '../../components/ltr';
import { CategoryBadge, RiskBadge } from '../cases';

type Confirmed = NonNullable<CaseScreening['confirmed']>;

/** What the case manager decided after the screening, and why when it differs from the suggestion. */
export function ConfirmedDecision({ confirmed }: { confirmed: Confirmed }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--success">
      <p className="notice__label">{t('screening.confirmedLabel')}</p>
      <p className="notice__title">
        {confirmed.overridden ? t('screening.confirmedOverridden') : t('screening.confirmedAsSuggested')}
      </p>
      <dl className="summary-list summary-list--compact">
        <div className="summary-list__row">
          <dt>{t('cases.category')}</dt>
          <dd>
            <CategoryBadge category={confirmed.category} subtype={confirmed.subtype} />
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('cases.risk')}</dt>
          <dd>
            <RiskBadge risk={confirmed.risk} />
          </dd>
        </div>
        {confirmed.reason ? (
          <div className="summary-list__row">
            <dt>{t('screening.overrideReason')}</dt>
            <dd className="prewrap">{confirmed.reason}</dd>
          </div>
        ) : null}
        <div className="summary-list__row">
          <dt>{t('screening.confirmedBy')}</dt>
          <dd>
            <span className="block">{confirmed.by ? <Ltr>{confirmed.by}</Ltr> : t('cases.unknown')}</span>
            <DateTime iso={confirmed.at} />
          </dd>
        </div>
      </dl>
    </div>
  );
}
