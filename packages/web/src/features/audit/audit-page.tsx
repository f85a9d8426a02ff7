import type { AuditEntry } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { AUDIT_KEY } from '../../api/admin';
import { usePagedList } from '../../api/lists';
import { PagedListStates } from '../../components/load-more';
import { usePageTitle } from '../../components/page-title';
import { useUrlFilters } from '../../components/url-filters';
import { AUDIT_FILTER_KEYS, AuditFilters } from './audit-filters';
import { AuditTable } from './audit-table';
import { VerifyIntegrity } from './verify-integrity';

/** The audit trail, newest first, for the auditor. */
export function AuditPage() {
  const { t } = useTranslation();
  const url = useUrlFilters(AUDIT_FILTER_KEYS);
  const list = usePagedList<AuditEntry>(AUDIT_KEY, '/audit', url.query);
  usePageTitle(t('audit.title'));

  return (
    <>
      <h1 className="heading-xl">{t('audit.title')}</h1>
      <p className="lead">{t('audit.intro')}</p>
      <VerifyIntegrity />
      <div className="list-layout">
        <AuditFilters key={url.version} initial={url.filters} onApply={url.apply} onClear={url.clear} />
        <div className="list-layout__results">
          <PagedListStates
            list={list}
            countKey="audit.count"
            emptyTitle={t('audit.emptyTitle')}
            emptyText={url.active ? t('audit.emptyFiltered') : t('audit.emptyAll')}
          >
            <AuditTable entries={list.items} />
          </PagedListStates>
        </div>
      </div>
    </>
  );
}
