import type { AuditEntry, AuditOutcome } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../components/badge';
import { DataTable } from '../../components/data-table';
import { DateTime } from '../../components/date-time';
import { Ltr } from '../../components/ltr';

const OUTCOME_TONES: Record<AuditOutcome, BadgeTone> = { success: 'green', denied: 'red', failure: 'orange' };

function Details({ details }: { details: Record<string, unknown> }) {
  const { t } = useTranslation();
  const entries = Object.entries(details);
  if (entries.length === 0) return null;
  return (
    <details className="audit-details">
      <summary>{t('audit.details')}</summary>
      <dl dir="ltr">
        {entries.map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function Row({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td>
        <DateTime iso={entry.occurredAt} />
      </td>
      <td>{entry.actorUsername ? <Ltr>{entry.actorUsername}</Ltr> : t('audit.noActor')}</td>
      <td>
        {t([`auditActions.${entry.action}`, 'audit.unknownAction'])}
        <Details details={entry.details} />
      </td>
      <td>
        {entry.targetType ? (
          <>
            {t([`auditTargets.${entry.targetType}`, 'audit.otherTarget'], { type: entry.targetType })}
            {entry.targetId ? (
              <span className="table__secondary">
                <Ltr code>{entry.targetId}</Ltr>
              </span>
            ) : null}
          </>
        ) : (
          ''
        )}
      </td>
      <td>
        <Badge tone={OUTCOME_TONES[entry.outcome]}>{t(`auditOutcomes.${entry.outcome}`)}</Badge>
      </td>
      <td>{entry.requestId ? <Ltr code>{entry.requestId}</Ltr> : ''}</td>
    </tr>
  );
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  return (
    <DataTable caption={t('audit.tableCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('audit.time')}</th>
          <th scope="col">{t('audit.actor')}</th>
          <th scope="col">{t('audit.action')}</th>
          <th scope="col">{t('audit.target')}</th>
          <th scope="col">{t('audit.outcome')}</th>
          <th scope="col">{t('audit.requestId')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <Row key={entry.id} entry={entry} />
        ))}
      </tbody>
    </DataTable>
  );
}
