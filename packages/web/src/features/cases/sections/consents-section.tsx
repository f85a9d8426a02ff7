import type { Case, Consent, ConsentStatus } from '@opennrm/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../api/auth';
import { CASES_KEY, casesApi } from '../../../api/cases';
import { Badge, type BadgeTone } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { DateTime } from '../../../components/date-time';
import { errorMessage } from '../../../components/form-errors';
import { SkeletonRows } from '../../../components/loading';
import { Notice } from '../../../components/notice';
import { hasPermission } from '../../../lib/permissions';
import { ageOf } from '../../intake';
import { ConsentRecorder } from './consent-recorder';

const STATUS_TONES: Record<ConsentStatus, BadgeTone> = {
  given: 'green',
  refused: 'red',
  withdrawn: 'orange',
};

/** Whether consent follows the guardian rule: the person is recorded as, or is by age, a minor. */
export function isMinorPerson(found: Case): boolean {
  const person = found.person;
  if (!person) return false;
  if (person.vulnerabilities.includes('minor')) return true;
  const age = ageOf(person.dateOfBirth, person.estimatedBirthYear);
  return age !== null && age < 18;
}

function Recipient({ consent }: { consent: Consent }) {
  const { t } = useTranslation();
  if (consent.organisation) return <>{consent.organisation.name}</>;
  if (consent.organisationKind) return <>{t(`organisationKinds.${consent.organisationKind}`)}</>;
  return null;
}

export function ConsentHistory({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const consents = useQuery({
    queryKey: [CASES_KEY, 'consents', caseId],
    queryFn: ({ signal }) => casesApi.consents(caseId, signal),
  });
  if (consents.isPending) return <SkeletonRows rows={2} />;
  if (consents.isError) return <Notice tone="error" title={errorMessage(t, consents.error)} />;
  const items = consents.data.items;
  if (items.length === 0) {
    return (
      <div className="empty-state">
        <p>{t('consents.empty')}</p>
      </div>
    );
  }
  return (
    <DataTable caption={t('consents.caption')}>
      <thead>
        <tr>
          <th scope="col">{t('consents.purpose')}</th>
          <th scope="col">{t('consents.answer')}</th>
          <th scope="col">{t('consents.method')}</th>
          <th scope="col">{t('consents.givenBy')}</th>
          <th scope="col">{t('consents.recorded')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((consent) => (
          <tr key={consent.id} className={consent.current ? undefined : 'table__row--old'}>
            <td>
              {t(`consentPurposes.${consent.purpose}`)}
              <span className="table__secondary">
                <Recipient consent={consent} />
              </span>
            </td>
            <td>
              <span className="badges">
                <Badge tone={STATUS_TONES[consent.status]}>{t(`consentStatuses.${consent.status}`)}</Badge>
                {consent.current ? (
                  <Badge tone="blue">{t('consents.current')}</Badge>
                ) : (
                  <Badge tone="grey">{t('consents.replaced')}</Badge>
                )}
              </span>
            </td>
            <td>{t(`consentMethods.${consent.method}`)}</td>
            <td>
              {consent.givenBy === 'guardian'
                ? t('consents.byGuardian', { name: consent.guardianName ?? '' })
                : t('consents.givenByPerson')}
            </td>
            <td>
              <DateTime iso={consent.recordedAt} />
              <span className="table__secondary">{consent.recordedBy?.displayName ?? ''}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** The history of consent per purpose, newest first with the current answer marked, and a new record. */
export function ConsentsSection({ found }: { found: Case }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const canRecord = hasPermission(me, 'cases.manage');
  const [recording, setRecording] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  return (
    <>
      {saved !== null ? <Notice tone="success" title={t('consents.saved', { count: saved })} /> : null}
      <ConsentHistory caseId={found.id} />
      {canRecord && !recording ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setSaved(null);
            setRecording(true);
          }}
        >
          {t('consents.record')}
        </button>
      ) : null}
      {recording ? (
        <>
          <h3 className="heading-m">{t('consents.record')}</h3>
          <ConsentRecorder
            caseId={found.id}
            minor={isMinorPerson(found)}
            onSaved={(count) => {
              setSaved(count);
              setRecording(false);
            }}
          />
          <button type="button" className="button button--link" onClick={() => setRecording(false)}>
            {t('common.cancel')}
          </button>
        </>
      ) : null}
    </>
  );
}
