import { type Party, PartyKind, PartyRole } from '@opennrm/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASES_KEY, casesApi } from '../../../api/cases';
import { RadioGroup } from '../../../components/choice-fields';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextField } from '../../../components/fields';
import { FormActions } from '../../../components/form-actions';
import { apiErrorToFieldErrors, type FieldError, useFormErrors } from '../../../components/form-errors';
import { useDisplayNames } from '../../../i18n/display-names';
import { useDebounced } from '../../intake';
import { PartyName } from './party-name';

const FIELD_IDS = {
  role: 'party-role',
  party: 'party-search',
  kind: 'party-kind',
  name: 'party-name',
  nameAr: 'party-name-ar',
  country: 'party-country',
  registrationNumber: 'party-registration',
  '': 'party-role',
};

/** Links an employer, agency, sponsor or alleged perpetrator: from the shared register, or new. */
export function AddPartyForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const names = useDisplayNames();
  const queryClient = useQueryClient();
  const [role, setRole] = useState('');
  const [mode, setMode] = useState<'register' | 'new'>('register');
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<Party | null>(null);
  const [party, setParty] = useState({ kind: '', name: '', nameAr: '', country: '', registrationNumber: '' });
  const form = useFormErrors();
  const search = useDebounced(q.trim(), 300);
  const results = useQuery({
    queryKey: [CASES_KEY, 'parties-register', search],
    queryFn: ({ signal }) => casesApi.searchParties(search, signal),
    enabled: mode === 'register' && search.length >= 2,
    placeholderData: keepPreviousData,
  });
  const link = useMutation({
    mutationFn: () =>
      casesApi.linkParty(caseId, {
        role: role as PartyRole,
        ...(mode === 'register' && chosen
          ? { partyId: chosen.id }
          : {
              party: {
                kind: party.kind as PartyKind,
                name: party.name.trim(),
                nameAr: party.nameAr.trim() || null,
                country: party.country || null,
                registrationNumber: party.registrationNumber.trim() || null,
              },
            }),
      }),
    onSuccess: (result) => {
      queryClient.setQueryData([CASES_KEY, 'parties', caseId], result);
      void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'timeline', caseId] });
      onDone();
    },
    onError: (error) =>
      form.show(
        apiErrorToFieldErrors(t, error, {
          form: 'party',
          fields: ['role'],
          pathFields: { party: 'name', 'party.kind': 'kind', 'party.name': 'name', 'party.nameAr': 'nameAr' },
        }),
      ),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!role) problems.push({ field: 'role', message: t('parties.errors.role') });
    if (mode === 'register' && !chosen)
      problems.push({ field: 'party', message: t('parties.errors.choose') });
    if (mode === 'new' && !party.kind) problems.push({ field: 'kind', message: t('parties.errors.kind') });
    if (mode === 'new' && !party.name.trim())
      problems.push({ field: 'name', message: t('parties.errors.name') });
    if (problems.length > 0) {
      form.show(problems);
      return;
    }
    form.clear();
    link.mutate();
  }

  const set = (key: keyof typeof party) => (value: string) => setParty((old) => ({ ...old, [key]: value }));
  return (
    <div className="edit-panel">
      <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} summaryRef={form.summaryRef} />
      <form onSubmit={onSubmit} noValidate>
        <SelectField
          id="party-role"
          label={t('parties.role')}
          value={role}
          onValueChange={setRole}
          error={form.errorFor('role')}
          placeholderOption={t('parties.chooseRole')}
          options={PartyRole.options.map((value) => ({ value, label: t(`partyRoles.${value}`) }))}
        />
        <RadioGroup
          id="party-mode"
          name="party-mode"
          legend={t('parties.from')}
          small
          inline
          value={mode}
          onValueChange={(value) => setMode(value === 'new' ? 'new' : 'register')}
          options={[
            { value: 'register', label: t('parties.fromRegister') },
            { value: 'new', label: t('parties.fromNew') },
          ]}
        />
        {mode === 'register' ? (
          <>
            <TextField
              id="party-search"
              type="search"
              label={t('parties.search')}
              hint={t('parties.searchHint')}
              value={q}
              onValueChange={setQ}
              error={form.errorFor('party')}
              width="full"
              maxLength={100}
            />
            {results.data && search.length >= 2 ? (
              results.data.items.length === 0 ? (
                <p className="hint" role="status">
                  {t('parties.noneFound')}
                </p>
              ) : (
                <ul className="register-results" aria-label={t('parties.resultsLabel')}>
                  {results.data.items.map((item) => (
                    <li
                      key={item.id}
                      className={
                        chosen?.id === item.id ? 'register-result register-result--chosen' : 'register-result'
                      }
                    >
                      <PartyName party={item} />
                      <span className="register-result__meta">
                        {t(`partyKinds.${item.kind}`)}
                        {item.country ? ` · ${names.country(item.country)}` : ''} ·{' '}
                        <strong>{t('parties.inCases', { count: item.caseCount })}</strong>
                      </span>
                      <button
                        type="button"
                        className="button button--secondary"
                        aria-pressed={chosen?.id === item.id}
                        onClick={() => setChosen(item)}
                      >
                        {chosen?.id === item.id ? t('parties.chosen') : t('parties.choose')}
                        <span className="visually-hidden"> {item.name}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              )
            ) : null}
          </>
        ) : (
          <>
            <SelectField
              id="party-kind"
              label={t('parties.kind')}
              value={party.kind}
              onValueChange={set('kind')}
              error={form.errorFor('kind')}
              placeholderOption={t('parties.chooseKind')}
              options={PartyKind.options.map((value) => ({ value, label: t(`partyKinds.${value}`) }))}
            />
            <TextField
              id="party-name"
              label={t('parties.name')}
              value={party.name}
              onValueChange={set('name')}
              error={form.errorFor('name')}
              width="full"
              maxLength={200}
            />
            <TextField
              id="party-name-ar"
              label={t('parties.nameAr')}
              value={party.nameAr}
              onValueChange={set('nameAr')}
              error={form.errorFor('nameAr')}
              dir="rtl"
              lang="ar"
              width="full"
              maxLength={200}
            />
            <SelectField
              id="party-country"
              label={t('parties.country')}
              value={party.country}
              onValueChange={set('country')}
              placeholderOption={t('person.chooseCountry')}
              options={names.countryOptions}
            />
            <TextField
              id="party-registration"
              label={t('parties.registrationNumber')}
              value={party.registrationNumber}
              onValueChange={set('registrationNumber')}
              dir="ltr"
              maxLength={60}
            />
          </>
        )}
        <FormActions submit={t('parties.submit')} pending={link.isPending} onCancel={onDone} />
      </form>
    </div>
  );
}
