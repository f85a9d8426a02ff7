import type { TaskDto } from '@opennrm/domain';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePagedList } from '../../api/lists';
import { TASKS_KEY } from '../../api/workflow';
import { SelectField } from '../../components/fields';
import { errorMessage } from '../../components/form-errors';
import { PagedListFooter } from '../../components/load-more';
import { SkeletonRows } from '../../components/loading';
import { Notice } from '../../components/notice';
import { usePageTitle } from '../../components/page-title';
import { useUrlFilters } from '../../components/url-filters';
import { ViewTabs } from '../../components/view-tabs';
import { DueDate } from '../workflow';
import { TaskStatusBadges, TaskTitle } from './task-item';
import { ownerText } from './task-labels';
import './tasks.css';

const VIEWS = ['mine', 'organisation'] as const;
type View = (typeof VIEWS)[number];
const STATUSES = ['open', 'overdue', 'done', 'all'] as const;
type Status = (typeof STATUSES)[number];
const URL_KEYS = ['view', 'status'] as const;

const isView = (value: string): value is View => (VIEWS as readonly string[]).includes(value);
const isStatus = (value: string): value is Status => (STATUSES as readonly string[]).includes(value);

function StatusFilter({ current, onApply }: { current: Status; onApply: (status: Status) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<string>(current);
  function submit(event: FormEvent): void {
    event.preventDefault();
    if (isStatus(value)) onApply(value);
  }
  return (
    <form className="wf-inline tasks-filter" onSubmit={submit}>
      <SelectField
        id="tasks-status"
        label={t('tasks.page.status')}
        value={value}
        onValueChange={setValue}
        options={STATUSES.map((status) => ({ value: status, label: t(`tasks.page.statuses.${status}`) }))}
      />
      <button type="submit" className="button button--secondary">
        {t('tasks.page.show')}
      </button>
    </form>
  );
}

function TaskStatus({ task }: { task: TaskDto }) {
  const { t } = useTranslation();
  if (task.status !== 'open') return <TaskStatusBadges task={task} />;
  return (
    <span className="badges">
      <span>{t('tasks.statuses.open')}</span>
      <TaskStatusBadges task={task} />
    </span>
  );
}

/** "My tasks" and "My organisation's tasks": overdue first, filters in the address, paged. */
export function MyTasksPage() {
  const { t } = useTranslation();
  const url = useUrlFilters(URL_KEYS);
  const view: View = isView(url.filters.view) ? url.filters.view : 'mine';
  const status: Status = isStatus(url.filters.status) ? url.filters.status : 'open';
  const list = usePagedList<TaskDto>(TASKS_KEY, '/tasks', { view, status });
  usePageTitle(`${t('tasks.page.title')}: ${t(`tasks.page.views.${view}`)}`);

  return (
    <>
      <h1 className="heading-xl">{t('tasks.page.title')}</h1>
      <ViewTabs
        views={VIEWS}
        current={view}
        label={t('tasks.page.viewsLabel')}
        text={(v) => t(`tasks.page.views.${v}`)}
      />
      <StatusFilter
        key={status}
        current={status}
        onApply={(next) =>
          url.apply({ view: view === 'mine' ? '' : view, status: next === 'open' ? '' : next })
        }
      />
      {list.isPending ? (
        <SkeletonRows rows={8} />
      ) : list.isError ? (
        <Notice tone="error" title={errorMessage(t, list.error)} />
      ) : list.items.length === 0 ? (
        <div className="empty-state">
          <h2 className="heading-m">{t('tasks.page.emptyTitle')}</h2>
          <p>{t(`tasks.page.empty.${status}`)}</p>
        </div>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table tasks-table">
              <caption className="table__caption">
                {t('tasks.page.caption', {
                  view: t(`tasks.page.views.${view}`),
                  status: t(`tasks.page.statuses.${status}`),
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('tasks.page.case')}</th>
                  <th scope="col">{t('tasks.page.task')}</th>
                  <th scope="col">{t('tasks.due')}</th>
                  <th scope="col">{t('tasks.owner')}</th>
                  <th scope="col">{t('tasks.page.statusColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((task) => (
                  <tr
                    key={task.id}
                    className={task.status === 'open' && task.overdue ? 'tasks-row--overdue' : undefined}
                  >
                    <td>
                      <Link className="case-ref" to={`/cases/${task.caseId}/tasks`}>
                        <bdi dir="ltr">{task.caseReference}</bdi>
                      </Link>
                    </td>
                    <td>
                      <TaskTitle task={task} />
                    </td>
                    <td>
                      <DueDate iso={task.dueAt} overdue={task.overdue} done={task.status !== 'open'} />
                    </td>
                    <td>{ownerText(t, task.owner)}</td>
                    <td>
                      <TaskStatus task={task} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <PagedListFooter list={list} countKey="tasks.page.count" shownKey="tasks.page.countShown" />
        </>
      )}
    </>
  );
}
