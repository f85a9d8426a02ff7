import {
  checkPasswordShape,
  type Organisation,
  organisationKindsForRole,
  ROLES,
  type Role,
} from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { PasswordField, SelectField, TextField } from '../../components/fields';
import type { FieldError } from '../../components/form-errors';
import { organisationName } from '../../components/organisation-labels';
import { useRecordForm } from '../../components/use-record-form';

export interface UserValues {
  username: string;
  displayName: string;
  role: Role | '';
  organisationId: string;
  password: string;
  /** For notification emails; empty: none. */
  email: string;
}

const FIELDS = ['username', 'displayName', 'role', 'organisationId', 'password', 'email'] as const;
const FIELD_IDS = {
  '': 'user-display-name',
  username: 'user-username',
  displayName: 'user-display-name',
  role: 'user-role',
  organisationId: 'user-organisation',
  password: 'user-password',
  email: 'user-email',
};
const CODE_FIELDS = {
  USERNAME_TAKEN: 'username',
  ROLE_ORGANISATION_MISMATCH: 'organisationId',
  ORGANISATION_INACTIVE: 'organisationId',
  PASSWORD_TOO_SHORT: 'password',
  PASSWORD_TOO_LONG: 'password',
  PASSWORD_TOO_COMMON: 'password',
  PASSWORD_CONTAINS_USERNAME: 'password',
  PASSWORD_REUSED: 'password',
};
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The address as the API takes it: null when left empty. */
export const emailValue = (values: UserValues): string | null => values.email.trim() || null;

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Organisations a user with this role may belong to; the current one stays listed on edit. */
function fittingOrganisations(
  organisations: Organisation[],
  role: Role | '',
  currentId: string,
): Organisation[] {
  const kinds = role ? organisationKindsForRole(role) : null;
  return organisations.filter(
    (org) => org.id === currentId || (org.active && (kinds === null || kinds.includes(org.kind))),
  );
}

function validate(values: UserValues, mode: Props['mode']): FieldError[] {
  const problems: FieldError[] = [];
  if (mode === 'create') {
    const username = values.username.trim().toLowerCase();
    if (!username) problems.push({ field: 'username', message: 'forms.user.errors.username.required' });
    else if (!USERNAME_PATTERN.test(username)) {
      problems.push({ field: 'username', message: 'forms.user.errors.username.invalid' });
    }
  }
  if (!values.displayName.trim()) {
    problems.push({ field: 'displayName', message: 'forms.user.errors.displayName.required' });
  }
  if (!values.role) problems.push({ field: 'role', message: 'forms.user.errors.role.required' });
  if (!values.organisationId) {
    problems.push({ field: 'organisationId', message: 'forms.user.errors.organisationId.required' });
  }
  const email = values.email.trim();
  if (email && (email.length > 254 || !EMAIL_PATTERN.test(email))) {
    problems.push({ field: 'email', message: 'notifications.userEmail.invalid' });
  }
  if (mode === 'create') {
    const shape = values.password ? checkPasswordShape(values.password, values.username.trim()) : undefined;
    if (!values.password)
      problems.push({ field: 'password', message: 'forms.user.errors.password.required' });
    else if (shape) problems.push({ field: 'password', message: `errors.${shape}` });
  }
  return problems;
}

interface Props {
  mode: 'create' | 'edit';
  initial: UserValues;
  organisations: Organisation[];
  submit: (values: UserValues) => Promise<unknown>;
  onSaved: (values: UserValues) => void;
  onErrorsChange: (hasErrors: boolean) => void;
}

export function UserForm({ mode, initial, organisations, submit, onSaved, onErrorsChange }: Props) {
  const { t, i18n } = useTranslation();
  const { values, setValues, set, form, save, onSubmit } = useRecordForm({
    initial,
    validate: (v) => validate(v, mode),
    submit,
    onSaved,
    onErrorsChange,
    mapping: { form: 'user', fields: FIELDS, codeFields: CODE_FIELDS },
  });
  const choices = fittingOrganisations(organisations, values.role, initial.organisationId);

  function changeRole(value: string): void {
    const role = isRole(value) ? value : '';
    setValues((old) => {
      const stillFits = fittingOrganisations(organisations, role, initial.organisationId).some(
        (org) => org.id === old.organisationId,
      );
      return { ...old, role, organisationId: stillFits ? old.organisationId : '' };
    });
  }

  const organisationHint = !values.role
    ? t('users.organisationHintNoRole')
    : choices.length === 0
      ? t('users.organisationHintNone')
      : t('users.organisationHint');

  return (
    <>
      <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} summaryRef={form.summaryRef} />
      <form onSubmit={onSubmit} noValidate>
        {mode === 'create' ? (
          <TextField
            id="user-username"
            label={t('users.username')}
            hint={t('users.usernameHint')}
            value={values.username}
            onValueChange={set('username')}
            error={form.errorFor('username')}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            dir="ltr"
            maxLength={64}
          />
        ) : null}
        <TextField
          id="user-display-name"
          label={t('users.displayName')}
          value={values.displayName}
          onValueChange={set('displayName')}
          error={form.errorFor('displayName')}
          autoComplete="off"
          width="full"
          maxLength={120}
        />
        <SelectField
          id="user-role"
          label={t('users.role')}
          value={values.role}
          onValueChange={changeRole}
          error={form.errorFor('role')}
          placeholderOption={t('users.chooseRole')}
          options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        />
        <SelectField
          id="user-organisation"
          label={t('users.organisation')}
          hint={organisationHint}
          value={values.organisationId}
          onValueChange={set('organisationId')}
          error={form.errorFor('organisationId')}
          placeholderOption={t('users.chooseOrganisation')}
          options={choices.map((org) => ({
            value: org.id,
            label: `${organisationName(org, i18n.language)} (${t(`organisationKinds.${org.kind}`)})`,
          }))}
        />
        <TextField
          id="user-email"
          type="email"
          label={t('notifications.userEmail.label')}
          hint={t('notifications.userEmail.hint')}
          value={values.email}
          onValueChange={set('email')}
          error={form.errorFor('email')}
          autoComplete="off"
          spellCheck={false}
          dir="ltr"
          maxLength={254}
        />
        {mode === 'create' ? (
          <PasswordField
            id="user-password"
            label={t('users.temporaryPassword')}
            hint={t('users.temporaryPasswordHint')}
            value={values.password}
            onValueChange={set('password')}
            error={form.errorFor('password')}
            autoComplete="new-password"
          />
        ) : null}
        <button type="submit" className="button" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </form>
    </>
  );
}
