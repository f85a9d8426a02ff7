import type { Case, CaseParty } from '@opennrm/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../api/auth';
import { CASES_KEY, casesApi } from '../../../api/cases';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataTable } from '../../../components/data-table';
import { errorMessage } from '../../../components/form-errors';
import { SkeletonRows } from '../../../components/loading';
import { Ltr } from '../../../components/ltr';
import { Notice } from '../../../components/notice';
import { hasPermission } from '../../../lib/permissions';
import { CountryName } from '../case-labels';
import { AddPartyForm } from './add-party-form';
import { PartyName } from './party-name';

/** Employers, recruitment agencies, sponsors and alleged perpetrators, from the shared register. */
export function PartiesSection({ found }: { found: Case }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const canEdit = hasPermission(me, 'cases.manage');
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<CaseParty | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const key = [CASES_KEY, 'parties', found.id];
  const parties = useQuery({ queryKey: key, queryFn: ({ signal }) => casesApi.parties(found.id, signal) });
  const items = parties.data?.items ?? [];

  return (
    <>
      {done ? <Notice tone="success" title={done} /> : null}
      <p className="hint">{t('parties.intro')}</p>
      {parties.isPending ? (
        <SkeletonRows rows={2} />
      ) : parties.isError ? (
        <Notice tone="error" title={errorMessage(t, parties.error)} />
      ) : items.length === 0 ? (
        <div className="empty-state">
          <p>{canEdit ? t('parties.emptyEdit') : t('parties.empty')}</p>
        </div>
      ) : (
        <DataTable caption={t('parties.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('parties.name')}</th>
              <th scope="col">{t('parties.role')}</th>
              <th scope="col">{t('parties.kind')}</th>
              <th scope="col">{t('parties.country')}</th>
              <th scope="col">{t('parties.otherCases')}</th>
              {canEdit ? (
                <th scope="col">
                  <span className="visually-hidden">{t('parties.actions')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {items.map((link) => (
              <tr key={link.id}>
                <td>
                  <PartyName party={link.party} />
                  {link.party.registrationNumber ? (
                    <span className="table__secondary">
                      <Ltr code>{link.party.registrationNumber}</Ltr>
                    </span>
                  ) : null}
                </td>
                <td>{t(`partyRoles.${link.role}`)}</td>
                <td>{t(`partyKinds.${link.party.kind}`)}</td>
                <td>
                  <CountryName code={link.party.country} />
                </td>
                <td>{t('parties.inCases', { count: link.party.caseCount })}</td>
                {canEdit ? (
                  <td>
                    <button type="button" className="button button--link" onClick={() => setRemoving(link)}>
                      {t('common.remove')}
                      <span className="visually-hidden"> {link.party.name}</span>
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {canEdit && !adding ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setDone(null);
            setAdding(true);
          }}
        >
          {t('parties.add')}
        </button>
      ) : null}
      {adding ? (
        <AddPartyForm
          caseId={found.id}
          onDone={() => {
            setAdding(false);
          }}
        />
      ) : null}
      {removing ? (
        <ConfirmDialog
          open
          onClose={() => setRemoving(null)}
          title={t('parties.removeTitle', { name: removing.party.name })}
          confirmLabel={t('parties.removeConfirm')}
          danger
          onConfirm={() => casesApi.unlinkParty(found.id, removing.id)}
          onDone={() => {
            setDone(t('parties.removed'));
            void queryClient.invalidateQueries({ queryKey: key });
            void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'timeline', found.id] });
          }}
        >
          <p>{t('parties.removeBody')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
