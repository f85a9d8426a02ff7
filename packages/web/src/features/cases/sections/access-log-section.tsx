import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CASES_KEY, casesApi } from '../../../api/cases';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { DateTime } from '../../../components/date-time';
import { errorMessage } from '../../../components/form-errors';
import { SkeletonRows } from '../../../components/loading';
import { Ltr } from '../../../components/ltr';
import { Notice } from '../../../components/notice';

/** Who opened this record, newest first (supervisors). Opening this list is itself recorded. */
export function AccessLogSection({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const log = useQuery({
    queryKey: [CASES_KEY, 'access-log', caseId],
    queryFn: ({ signal }) => casesApi.accessLog(caseId, signal),
  });
  if (log.isPending) return <SkeletonRows rows={4} />;
  if (log.isError) return <Notice tone="error" title={errorMessage(t, log.error)} />;
  return (
    <>
      <p className="hint">{t('accessLog.intro')}</p>
      {log.data.items.length === 0 ? (
        <div className="empty-state">
          <p>{t('accessLog.empty')}</p>
        </div>
      ) : (
        <DataTable caption={t('accessLog.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('audit.time')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {log.data.items.map((entry, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: log entries carry no id
              <tr key={`${entry.at}-${index}`}>
                <td>
                  <DateTime iso={entry.at} />
                </td>
                <td>{entry.actor ? <Ltr>{entry.actor}</Ltr> : t('audit.noActor')}</td>
                <td>{t([`auditActions.${entry.action}`, 'audit.unknownAction'])}</td>
                <td>
                  <Badge tone={entry.outcome === 'success' ? 'green' : 'red'}>
                    {t([`auditOutcomes.${entry.outcome}`, 'audit.unknownAction'])}
                  </Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </>
  );
}
