import type { TaskDto } from '@opennrm/domain';
import { localize } from '@opennrm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { isStale } from '../../api/workflow';
import { Badge } from '../../components/badge';
import { TextAreaField } from '../../components/fields';
import { errorMessage } from '../../components/form-errors';
import { Notice } from '../../components/notice';
import { useFormatters } from '../../i18n/format';
import { hasPermission } from '../../lib/permissions';
import { DueDate } from '../workflow';
import { ownerText } from './task-labels';
import { useTaskUpdate } from './use-task-update';

/** A task's title in the reader's language when the SOP has it, else English (marked as such). */
export function TaskTitle({ task }: { task: TaskDto }) {
  const { i18n } = useTranslation();
  const lang = task.title[i18n.language] ? i18n.language : 'en';
  return (
    <span lang={lang} dir="auto">
      {localize(task.title, i18n.language)}
    </span>
  );
}

export function TaskStatusBadges({ task }: { task: TaskDto }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      {task.mandatory ? <Badge tone="purple">{t('tasks.mandatory')}</Badge> : null}
      {task.status === 'done' ? <Badge tone="green">{t('tasks.statuses.done')}</Badge> : null}
      {task.status === 'cancelled' ? <Badge tone="grey">{t('tasks.statuses.cancelled')}</Badge> : null}
      {task.status === 'open' && task.escalated ? <Badge tone="orange">{t('tasks.escalated')}</Badge> : null}
    </span>
  );
}

type Step = 'done' | 'cancel' | null;

/** One task of the case: what, who, by when, with evidence expected; done, cancelled or reopened here. */
export function TaskItem({ task }: { task: TaskDto }) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const format = useFormatters();
  const [step, setStep] = useState<Step>(null);
  const [note, setNote] = useState('');
  const update = useTaskUpdate(task, () => {
    setStep(null);
    setNote('');
  });
  const canWork = hasPermission(me, 'tasks.work');
  const open = task.status === 'open';
  const titleId = `task-${task.id}-title`;

  return (
    <li className={open && task.overdue ? 'task task--overdue' : open ? 'task' : 'task task--closed'}>
      <div className="task__head">
        <h4 className="task__title" id={titleId}>
          <TaskTitle task={task} />
        </h4>
        <TaskStatusBadges task={task} />
      </div>
      <dl className="task__meta">
        <div>
          <dt>{t('tasks.owner')}</dt>
          <dd>{ownerText(t, task.owner)}</dd>
        </div>
        <div>
          <dt>{open ? t('tasks.due') : t('tasks.wasDueLabel')}</dt>
          <dd>
            <DueDate iso={task.dueAt} overdue={task.overdue} done={!open} />
          </dd>
        </div>
        {task.completedAt ? (
          <div>
            <dt>{task.status === 'done' ? t('tasks.completed') : t('tasks.cancelled')}</dt>
            <dd>
              {task.completedBy
                ? t('tasks.byOn', { name: task.completedBy, date: format.date(task.completedAt) })
                : format.date(task.completedAt)}
            </dd>
          </div>
        ) : null}
      </dl>
      {task.evidence ? (
        <p className="task__evidence">
          <span className="task__evidence-label">{t('tasks.evidence')}</span>{' '}
          <span dir="auto">{localize(task.evidence, i18n.language)}</span>
        </p>
      ) : null}
      {task.note ? (
        <p className="task__note">
          <span className="task__evidence-label">{t('tasks.note')}</span> <span dir="auto">{task.note}</span>
        </p>
      ) : null}
      {update.isError ? (
        <Notice
          tone="error"
          title={isStale(update.error) ? t('tasks.staleTitle') : errorMessage(t, update.error)}
        />
      ) : null}
      {canWork && step ? (
        <div className="task__form">
          <TextAreaField
            id={`task-${task.id}-note`}
            label={step === 'done' ? t('tasks.doneNote') : t('tasks.cancelNote')}
            hint={step === 'done' && task.evidence ? t('tasks.doneNoteHint') : undefined}
            rows={2}
            value={note}
            onValueChange={setNote}
          />
          <div className="button-group">
            <button
              type="button"
              className={step === 'done' ? 'button' : 'button button--warning'}
              disabled={update.isPending}
              onClick={() =>
                update.mutate({
                  status: step === 'done' ? 'done' : 'cancelled',
                  ...(note.trim() ? { note: note.trim() } : {}),
                })
              }
            >
              {step === 'done' ? t('tasks.confirmDone') : t('tasks.confirmCancel')}
            </button>
            <button type="button" className="button button--link" onClick={() => setStep(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {canWork && !step ? (
        <div className="button-group task__actions">
          {open ? (
            <button
              type="button"
              className="button button--secondary"
              aria-describedby={titleId}
              onClick={() => setStep('done')}
            >
              {t('tasks.markDone')}
            </button>
          ) : (
            <button
              type="button"
              className="button button--link"
              aria-describedby={titleId}
              disabled={update.isPending}
              onClick={() => update.mutate({ status: 'open' })}
            >
              {t('tasks.reopen')}
            </button>
          )}
          {open && !task.mandatory ? (
            <button
              type="button"
              className="button button--link"
              aria-describedby={titleId}
              onClick={() => setStep('cancel')}
            >
              {t('tasks.cancelTask')}
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
