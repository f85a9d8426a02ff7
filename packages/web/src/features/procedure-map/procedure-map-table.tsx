import type { ProcedureMap } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { DataTable } from '../../components/data-table';
import { DateTime } from '../../components/date-time';
import { placeStages, referralTone } from './map-model';
import { formatDuration, localText } from './map-text';

function When({ iso }: { iso: string | null }) {
  return iso ? <DateTime iso={iso} relative={false} /> : <span aria-hidden="true">–</span>;
}

/** The same facts as the picture, as tables: what screen readers and keyboard users read. */
export function ProcedureMapTable({ map }: { map: ProcedureMap }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const now = Date.parse(map.now);
  const placements = placeStages(map);
  const referralName = new Map(map.referrals.map((r) => [r.id, r.organisationName]));
  const overdue = <Badge tone="red">{t('procedureMap.table.overdue')}</Badge>;

  return (
    <>
      <h2 className="heading-m">{t('procedureMap.table.stages')}</h2>
      <DataTable caption={t('procedureMap.table.stages')}>
        <thead>
          <tr>
            <th scope="col">{t('procedureMap.table.stage')}</th>
            <th scope="col">{t('procedureMap.table.status')}</th>
            <th scope="col">{t('procedureMap.table.entered')}</th>
            <th scope="col">{t('procedureMap.table.left')}</th>
            <th scope="col">{t('procedureMap.table.duration')}</th>
          </tr>
        </thead>
        <tbody>
          {placements.map(({ stage, zone, start, end }) => (
            <tr key={stage.id}>
              <th scope="row">{localText(stage.title, language)}</th>
              <td>
                {t(`procedureMap.stageStatuses.${stage.status}`)}
                {stage.skipReason ? (
                  <div className="table__secondary">
                    <bdi>{stage.skipReason}</bdi>
                  </div>
                ) : null}
              </td>
              <td>
                <When iso={stage.enteredAt} />
              </td>
              <td>
                <When iso={stage.leftAt} />
              </td>
              <td>{zone === 'time' ? formatDuration(t, end - start) : null}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>

      <h2 className="heading-m">{t('procedureMap.table.referrals')}</h2>
      {map.referrals.length === 0 ? (
        <p>{t('procedureMap.table.noReferrals')}</p>
      ) : (
        <DataTable caption={t('procedureMap.table.referrals')}>
          <thead>
            <tr>
              <th scope="col">{t('procedureMap.table.organisation')}</th>
              <th scope="col">{t('procedureMap.table.purpose')}</th>
              <th scope="col">{t('procedureMap.table.status')}</th>
              <th scope="col">{t('procedureMap.table.sent')}</th>
              <th scope="col">{t('procedureMap.table.responded')}</th>
              <th scope="col">{t('procedureMap.table.concluded')}</th>
              <th scope="col">{t('procedureMap.table.duration')}</th>
            </tr>
          </thead>
          <tbody>
            {map.referrals.map((referral) => {
              const open = !referral.concludedAt && referralTone(referral) !== 'ended';
              const end = referral.concludedAt ? Date.parse(referral.concludedAt) : now;
              return (
                <tr key={referral.id}>
                  <th scope="row">
                    {referral.organisationName}
                    <div className="table__secondary">
                      {t(`organisationKinds.${referral.organisationKind}`)}
                    </div>
                  </th>
                  <td>{t(`procedureMap.purposes.${referral.purpose}`)}</td>
                  <td>
                    {t(`procedureMap.referralStatuses.${referral.status}`)}{' '}
                    {referral.overdue ? overdue : null}
                  </td>
                  <td>
                    <When iso={referral.sentAt} />
                  </td>
                  <td>
                    <When iso={referral.respondedAt} />
                  </td>
                  <td>
                    <When iso={referral.concludedAt} />
                  </td>
                  <td>
                    {open || referral.concludedAt
                      ? formatDuration(t, end - Date.parse(referral.sentAt))
                      : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      )}

      <h2 className="heading-m">{t('procedureMap.table.tasks')}</h2>
      {map.tasks.length === 0 ? (
        <p>{t('procedureMap.table.noTasks')}</p>
      ) : (
        <DataTable caption={t('procedureMap.table.tasks')}>
          <thead>
            <tr>
              <th scope="col">{t('procedureMap.table.task')}</th>
              <th scope="col">{t('procedureMap.table.stage')}</th>
              <th scope="col">{t('procedureMap.table.owner')}</th>
              <th scope="col">{t('procedureMap.table.status')}</th>
              <th scope="col">{t('procedureMap.table.due')}</th>
              <th scope="col">{t('procedureMap.table.completed')}</th>
            </tr>
          </thead>
          <tbody>
            {map.tasks.map((task) => (
              <tr key={task.id}>
                <th scope="row">
                  {localText(task.title, language)}
                  <div className="table__secondary">
                    {task.mandatory ? t('procedureMap.table.mandatory') : null}
                    {task.referralId && referralName.has(task.referralId)
                      ? `${task.mandatory ? ' · ' : ''}${referralName.get(task.referralId)}`
                      : null}
                  </div>
                </th>
                <td>{task.stage ? t(`procedureMap.stages.${task.stage}`) : null}</td>
                <td>{task.ownerName}</td>
                <td>
                  {t(`procedureMap.taskStatuses.${task.status}`)} {task.overdue ? overdue : null}
                </td>
                <td>
                  <When iso={task.dueAt} />
                </td>
                <td>
                  <When iso={task.completedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}

      {map.followUps.length > 0 ? (
        <>
          <h2 className="heading-m">{t('procedureMap.table.followUps')}</h2>
          <DataTable caption={t('procedureMap.table.followUps')}>
            <thead>
              <tr>
                <th scope="col">{t('procedureMap.table.followUp')}</th>
                <th scope="col">{t('procedureMap.table.due')}</th>
                <th scope="col">{t('procedureMap.table.recorded')}</th>
                <th scope="col">{t('procedureMap.table.status')}</th>
              </tr>
            </thead>
            <tbody>
              {map.followUps.map((followUp) => (
                <tr key={`${followUp.round}-${followUp.index}`}>
                  <th scope="row">{t('procedureMap.followUpLabel', { number: followUp.index + 1 })}</th>
                  <td>
                    <When iso={followUp.dueAt} />
                  </td>
                  <td>
                    <When iso={followUp.recordedAt} />
                  </td>
                  <td>
                    {followUp.done
                      ? t('procedureMap.taskStatuses.done')
                      : t('procedureMap.taskStatuses.open')}{' '}
                    {followUp.overdue ? overdue : null}
                    {followUp.situation ? (
                      <div className="table__secondary">
                        <bdi>{followUp.situation}</bdi>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      ) : null}
    </>
  );
}
