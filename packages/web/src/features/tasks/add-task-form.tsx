import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllOrganisations } from '../../api/admin';
import { useSession } from '../../api/auth';
import { CASES_KEY } from '../../api/cases';
import {
  TASKS_KEY,
  type TaskCreateBody,
  tasksApi,
  useAssignableUsers,
  workflowKey,
} from '../../api/workflow';
import { CheckboxField } from '../../components/checkbox-field';
import { RadioGroup } from '../../components/choice-fields';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField, TextField } from '../../components/fields';
import { apiErrorToFieldErrors, type FieldError, useFormErrors } from '../../components/form-errors';
import { organisationName } from '../../components/organisation-labels';
import { hasPermission } from '../../lib/permissions';
import { useKnownAssignees } from '../cases';

type Due = 'none' | 'days' | 'date';
type Owner = 'default' | 'user' | 'organisation';

const FIELD_IDS = {
  title: 'task-title',
  dueInBusinessDays: 'task-days',
  dueAt: 'task-date',
  assigneeId: 'task-user',
  organisationId: 'task-organisation',
} as const;

/** The chosen day, due at the end of the working day, in the browser's time zone. */
function endOfDay(date: string): string {
  return new Date(`${date}T17:00:00`).toISOString();
}

/** A task added by hand: what, whether it blocks closing, by when, and who does it. */
export function AddTaskForm({
  caseId,
  onClose,
  onAdded,
}: {
  caseId: string;
  onClose: () => void;
  onAdded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const supervisor = hasPermission(me, 'cases.assign');
  const assignable = useAssignableUsers(supervisor);
  const known = useKnownAssignees(!supervisor);
  const organisations = useAllOrganisations(hasPermission(me, 'organisations.read'));
  const [title, setTitle] = useState('');
  const [mandatory, setMandatory] = useState(false);
  const [due, setDue] = useState<Due>('days');
  const [days, setDays] = useState('5');
  const [date, setDate] = useState('');
  const [owner, setOwner] = useState<Owner>('default');
  const [userId, setUserId] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const users = supervisor ? (assignable.data?.items ?? []) : known.assignees;

  const create = useMutation({
    mutationFn: (body: TaskCreateBody) => tasksApi.create(caseId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [TASKS_KEY] });
      void queryClient.invalidateQueries({ queryKey: workflowKey(caseId) });
      void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'timeline', caseId] });
      onAdded();
    },
    onError: (error) =>
      errors.show(
        apiErrorToFieldErrors(t, error, {
          form: 'addTask',
          fields: Object.keys(FIELD_IDS),
          codeFields: { ORGANISATION_INVALID: 'organisationId' },
        }),
      ),
  });

  function submit(event: FormEvent): void {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!title.trim()) problems.push({ field: 'title', message: t('tasks.form.titleRequired') });
    const n = Number(days);
    if (due === 'days' && !(Number.isInteger(n) && n >= 0 && n <= 365))
      problems.push({ field: 'dueInBusinessDays', message: t('tasks.form.daysInvalid') });
    if (due === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(date))
      problems.push({ field: 'dueAt', message: t('tasks.form.dateRequired') });
    if (owner === 'user' && !userId)
      problems.push({ field: 'assigneeId', message: t('tasks.form.userRequired') });
    if (owner === 'organisation' && !organisationId)
      problems.push({ field: 'organisationId', message: t('tasks.form.organisationRequired') });
    errors.show(problems);
    if (problems.length > 0) return;
    create.mutate({
      title: title.trim(),
      mandatory,
      ...(due === 'days' ? { dueInBusinessDays: n } : {}),
      ...(due === 'date' ? { dueAt: endOfDay(date) } : {}),
      ...(owner === 'user' ? { assigneeId: userId } : {}),
      ...(owner === 'organisation' ? { organisationId } : {}),
    });
  }

  return (
    <form className="edit-panel task-form" onSubmit={submit} noValidate aria-labelledby="task-form-title">
      <h3 className="heading-s" id="task-form-title">
        {t('tasks.form.title')}
      </h3>
      <ErrorSummary errors={errors.errors} fieldIds={FIELD_IDS} summaryRef={errors.summaryRef} />
      <TextField
        id={FIELD_IDS.title}
        label={t('tasks.form.what')}
        width="full"
        value={title}
        onValueChange={setTitle}
        error={errors.errorFor('title')}
        maxLength={300}
      />
      <CheckboxField
        id="task-mandatory"
        label={t('tasks.form.mandatory')}
        checked={mandatory}
        onCheckedChange={setMandatory}
      />
      <RadioGroup
        id="task-due"
        name="task-due"
        small
        legend={t('tasks.form.due')}
        value={due}
        onValueChange={(value) => setDue(value as Due)}
        options={[
          { value: 'days', label: t('tasks.form.dueDays') },
          { value: 'date', label: t('tasks.form.dueDate') },
          { value: 'none', label: t('tasks.form.dueNone') },
        ]}
      />
      {due === 'days' ? (
        <TextField
          id={FIELD_IDS.dueInBusinessDays}
          label={t('tasks.form.days')}
          hint={t('tasks.form.daysHint')}
          type="number"
          inputMode="numeric"
          min={0}
          max={365}
          width="short"
          value={days}
          onValueChange={setDays}
          error={errors.errorFor('dueInBusinessDays')}
        />
      ) : null}
      {due === 'date' ? (
        <TextField
          id={FIELD_IDS.dueAt}
          label={t('tasks.form.date')}
          type="date"
          width="medium"
          value={date}
          onValueChange={setDate}
          error={errors.errorFor('dueAt')}
        />
      ) : null}
      <RadioGroup
        id="task-owner"
        name="task-owner"
        small
        legend={t('tasks.form.who')}
        value={owner}
        onValueChange={(value) => setOwner(value as Owner)}
        options={[
          { value: 'default', label: t('tasks.form.whoDefault') },
          { value: 'user', label: t('tasks.form.whoUser') },
          { value: 'organisation', label: t('tasks.form.whoOrganisation') },
        ]}
      />
      {owner === 'user' ? (
        <SelectField
          id={FIELD_IDS.assigneeId}
          label={t('tasks.form.user')}
          value={userId}
          onValueChange={setUserId}
          placeholderOption={t('tasks.form.chooseUser')}
          options={users.map((u) => ({ value: u.id, label: u.displayName }))}
          error={errors.errorFor('assigneeId')}
        />
      ) : null}
      {owner === 'organisation' ? (
        <SelectField
          id={FIELD_IDS.organisationId}
          label={t('tasks.form.organisation')}
          value={organisationId}
          onValueChange={setOrganisationId}
          placeholderOption={t('tasks.form.chooseOrganisation')}
          options={(organisations.data ?? [])
            .filter((o) => o.active)
            .map((o) => ({ value: o.id, label: organisationName(o, i18n.language) }))}
          error={errors.errorFor('organisationId')}
        />
      ) : null}
      <div className="button-group">
        <button type="submit" className="button" disabled={create.isPending}>
          {t('tasks.form.submit')}
        </button>
        <button type="button" className="button button--link" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
