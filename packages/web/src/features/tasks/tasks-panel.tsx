import { type Case, LIFECYCLE_STAGES, type LifecycleStage, type TaskDto } from '@opennrm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { useCaseTasks } from '../../api/workflow';
import { errorMessage } from '../../components/form-errors';
import { SkeletonRows } from '../../components/loading';
import { Notice } from '../../components/notice';
import { hasPermission } from '../../lib/permissions';
import { useStageTitle } from '../workflow';
import { AddTaskForm } from './add-task-form';
import { TaskItem } from './task-item';
import './tasks.css';

const time = (iso: string | null) => (iso ? new Date(iso).getTime() : Number.POSITIVE_INFINITY);

/** Open before finished; among open ones, overdue first, then by due date; finished ones latest first. */
export function compareTasks(a: TaskDto, b: TaskDto): number {
  const openA = a.status === 'open';
  const openB = b.status === 'open';
  if (openA !== openB) return openA ? -1 : 1;
  if (openA) {
    if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
    return time(a.dueAt) - time(b.dueAt);
  }
  return time(b.completedAt) - time(a.completedAt);
}

/** The case's tasks, grouped by stage in the lifecycle's order (tasks outside any stage last). */
export function groupTasks(tasks: readonly TaskDto[]): { stage: LifecycleStage | null; tasks: TaskDto[] }[] {
  const order: (LifecycleStage | null)[] = [...LIFECYCLE_STAGES, null];
  return order
    .map((stage) => ({ stage, tasks: tasks.filter((t) => t.stage === stage).sort(compareTasks) }))
    .filter((group) => group.tasks.length > 0);
}

export function TasksPanel({ found }: { found: Case }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const canManage = hasPermission(me, 'cases.manage');
  const query = useCaseTasks(found.id);
  const stageTitle = useStageTitle();
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState(false);
  const items = query.data?.items ?? [];
  const open = items.filter((task) => task.status === 'open');
  const overdue = open.filter((task) => task.overdue);

  return (
    <div className="tasks-panel">
      {query.isPending ? (
        <SkeletonRows rows={5} />
      ) : query.isError ? (
        <Notice tone="error" title={errorMessage(t, query.error)} />
      ) : (
        <>
          <p className="tasks-panel__summary" aria-live="polite">
            {t('tasks.openCount', { count: open.length })}
            {overdue.length > 0 ? ` ${t('tasks.overdueCount', { count: overdue.length })}` : ''}
          </p>
          {added ? <Notice tone="success" title={t('tasks.added')} /> : null}
          {canManage && found.stage !== 'closed' ? (
            adding ? (
              <AddTaskForm
                caseId={found.id}
                onClose={() => setAdding(false)}
                onAdded={() => {
                  setAdding(false);
                  setAdded(true);
                }}
              />
            ) : (
              <p>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    setAdded(false);
                    setAdding(true);
                  }}
                >
                  {t('tasks.add')}
                </button>
              </p>
            )
          ) : null}
          {items.length === 0 ? (
            <p className="muted">{t('tasks.none')}</p>
          ) : (
            groupTasks(items).map((group) => (
              <section
                key={group.stage ?? 'other'}
                className="task-group"
                aria-labelledby={`tasks-${group.stage ?? 'other'}`}
              >
                <h3 className="heading-s task-group__title" id={`tasks-${group.stage ?? 'other'}`}>
                  {group.stage ? stageTitle(group.stage) : t('tasks.otherTasks')}
                </h3>
                <ul className="task-list">
                  {group.tasks.map((task) => (
                    <TaskItem key={task.id} task={task} />
                  ))}
                </ul>
              </section>
            ))
          )}
        </>
      )}
    </div>
  );
}
