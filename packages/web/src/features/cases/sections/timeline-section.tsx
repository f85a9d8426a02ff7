import type { TimelineEvent } from '@opennrm/domain';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CASES_KEY, casesApi } from '../../../api/cases';
import { DateTime } from '../../../components/date-time';
import { errorMessage } from '../../../components/form-errors';
import { SkeletonRows } from '../../../components/loading';
import { Ltr } from '../../../components/ltr';
import { Notice } from '../../../components/notice';

/** A few details worth reading in the timeline, in words; the rest stays in the audit trail. */
function Summary({ entry }: { entry: TimelineEvent }) {
  const { t } = useTranslation();
  const d = entry.details;
  const parts: string[] = [];
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  if (text(d.reference)) parts.push(String(d.reference));
  if (text(d.channel)) parts.push(t([`intakeChannels.${String(d.channel)}`, 'timeline.other']));
  if (Array.isArray(d.fields)) parts.push(t('timeline.fields', { count: d.fields.length }));
  if (typeof d.overridden === 'boolean')
    parts.push(d.overridden ? t('timeline.overridden') : t('timeline.asSuggested'));
  if (typeof d.answered === 'number') parts.push(t('timeline.answered', { count: d.answered }));
  if (text(d.purpose)) parts.push(t([`consentPurposes.${String(d.purpose)}`, 'timeline.other']));
  if (text(d.status)) parts.push(t([`consentStatuses.${String(d.status)}`, 'timeline.other']));
  if (text(d.role)) parts.push(t([`partyRoles.${String(d.role)}`, 'timeline.other']));
  if (parts.length === 0) return null;
  return <span className="timeline__details">{parts.join(' · ')}</span>;
}

/** Everything that happened to the case, oldest first, with who did it. */
export function TimelineSection({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const timeline = useQuery({
    queryKey: [CASES_KEY, 'timeline', caseId],
    queryFn: ({ signal }) => casesApi.timeline(caseId, signal),
  });
  if (timeline.isPending) return <SkeletonRows rows={4} />;
  if (timeline.isError) return <Notice tone="error" title={errorMessage(t, timeline.error)} />;
  const items = timeline.data.items;
  if (items.length === 0) {
    return (
      <div className="empty-state">
        <p>{t('timeline.empty')}</p>
      </div>
    );
  }
  return (
    <ol className="timeline">
      {items.map((entry) => (
        <li className="timeline__item" key={entry.id}>
          <p className="timeline__title">{t([`auditActions.${entry.action}`, 'audit.unknownAction'])}</p>
          <p className="timeline__meta">
            <DateTime iso={entry.at} />
            <span className="timeline__actor">
              {entry.actor ? (
                <>
                  {t('timeline.by')} <Ltr>{entry.actor}</Ltr>
                </>
              ) : (
                t('audit.noActor')
              )}
            </span>
          </p>
          <Summary entry={entry} />
        </li>
      ))}
    </ol>
  );
}
