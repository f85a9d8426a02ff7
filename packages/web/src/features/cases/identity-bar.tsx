import type { Case } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { Ltr } from '../../components/ltr';
import { CategoryBadge, CountryName, PersonNames, RiskBadge, StageBadge } from './case-labels';

/** Which case and whose: always on top of every section of the case (MoJ identity bar). */
export function IdentityBar({ found }: { found: Case }) {
  const { t } = useTranslation();
  return (
    <div className="identity-bar">
      <div className="identity-bar__main">
        <span className="caption">{t('casePage.caption')}</span>
        <h1 className="identity-bar__reference">
          <Ltr>{found.reference}</Ltr>
        </h1>
        <p className="identity-bar__person">
          <PersonNames person={found.person} inline />
        </p>
      </div>
      <dl className="identity-bar__facts">
        <div>
          <dt>{t('cases.nationality')}</dt>
          <dd>{found.person ? <CountryName code={found.person.nationality} /> : t('cases.notShared')}</dd>
        </div>
        <div>
          <dt>{t('cases.category')}</dt>
          <dd>
            <CategoryBadge category={found.category} subtype={found.subtype} />
          </dd>
        </div>
        <div>
          <dt>{t('cases.risk')}</dt>
          <dd>
            <RiskBadge risk={found.risk} />
          </dd>
        </div>
        <div>
          <dt>{t('cases.stage')}</dt>
          <dd>
            <StageBadge stage={found.stage} />
          </dd>
        </div>
        <div>
          <dt>{t('cases.assignee')}</dt>
          <dd>{found.assignedTo ? found.assignedTo.displayName : t('cases.unassigned')}</dd>
        </div>
      </dl>
    </div>
  );
}
