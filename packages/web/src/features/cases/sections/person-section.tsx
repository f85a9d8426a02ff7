import type { Case, Person } from '@opennrm/domain';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../api/auth';
import { DateTime } from '../../../components/date-time';
import { Ltr } from '../../../components/ltr';
import { Notice } from '../../../components/notice';
import { useFormatters } from '../../../i18n/format';
import { hasPermission } from '../../../lib/permissions';
import { ageOf } from '../../intake';
import { PersonDocuments, PersonEdit } from '../../persons';
import { CountryName, LanguageList, PersonNames } from '../case-labels';
import { CaseDetailsEdit } from './case-details-edit';
import { NotShared } from './not-shared';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function PersonDetails({
  person,
  caseId,
  canEdit,
  onSaved,
}: {
  person: Person;
  caseId: string;
  canEdit: boolean;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const age = ageOf(person.dateOfBirth, person.estimatedBirthYear);
  const list = (prefix: string, values: readonly string[]) =>
    values.length ? values.map((v) => t(`${prefix}.${v}`)).join(t('cases.listSeparator')) : t('cases.none');
  return (
    <dl className="summary-list">
      <Row label={t('person.names')}>
        <PersonNames person={person} />
      </Row>
      <Row label={t('person.aliases')}>
        {person.aliases.length ? person.aliases.join(t('cases.listSeparator')) : t('cases.none')}
      </Row>
      <Row label={t('person.sex')}>{t(`sexes.${person.sex}`)}</Row>
      <Row label={t('person.born')}>
        {person.dateOfBirth
          ? format.date(person.dateOfBirth)
          : person.estimatedBirthYear
            ? t('duplicates.bornAbout', { year: person.estimatedBirthYear })
            : t('cases.unknown')}
        {age !== null ? ` · ${t('person.age', { count: age })}` : ''}
      </Row>
      <Row label={t('person.nationality')}>
        <CountryName code={person.nationality} />
      </Row>
      <Row label={t('person.languages')}>
        <LanguageList codes={person.languages} />
        {person.interpreterNeeded ? ` · ${t('person.interpreterNeeded')}` : ''}
      </Row>
      <Row label={t('person.phone')}>{person.phone ? <Ltr>{person.phone}</Ltr> : t('cases.none')}</Row>
      <Row label={t('person.workPermitType')}>{t(`workPermitTypes.${person.workPermitType}`)}</Row>
      <Row label={t('person.vulnerabilities')}>{list('vulnerabilities', person.vulnerabilities)}</Row>
      <Row label={t('person.documents')}>
        <PersonDocuments person={person} caseId={caseId} canEdit={canEdit} onSaved={onSaved} />
      </Row>
    </dl>
  );
}

function IntakeDetails({ found }: { found: Case }) {
  const { t } = useTranslation();
  return (
    <dl className="summary-list">
      <Row label={t('caseDetails.intakeKind')}>{t(`intakeKinds.${found.intakeKind}`)}</Row>
      <Row label={t('caseDetails.channel')}>{t(`intakeChannels.${found.channel}`)}</Row>
      <Row label={t('caseDetails.receivedAt')}>
        <DateTime iso={found.receivedAt} />
      </Row>
      <Row label={t('caseDetails.referredBy')}>
        {[found.referredByOrganisation?.name, found.referredByName].filter(Boolean).join(' · ') ||
          t('cases.none')}
      </Row>
      <Row label={t('caseDetails.languages')}>
        <LanguageList codes={found.languages} />
        {found.interpreterUsed ? ` · ${t('caseDetails.interpreterUsed')}` : ''}
      </Row>
      {found.reportedIndicators?.length ? (
        <Row label={t('caseDetails.reportedIndicators')}>
          <ul className="plain-list">
            {found.reportedIndicators.map((code) => (
              <li key={code}>{t([`iloIndicators.${code}`, 'caseDetails.otherIndicator'], { code })}</li>
            ))}
          </ul>
        </Row>
      ) : null}
      <Row label={t('caseDetails.loggedBy')}>
        <span className="block">{found.createdBy?.displayName ?? t('cases.unknown')}</span>
        <DateTime iso={found.createdAt} />
      </Row>
    </dl>
  );
}

/** Who the person is, how the case came in, and what they said; NRM staff may change them. */
export function PersonSection({ found, etag }: { found: Case; etag: string | null }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const canEdit = hasPermission(me, 'cases.manage');
  const [editing, setEditing] = useState<'person' | 'case' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const done = (message: string) => {
    setEditing(null);
    setSaved(message);
  };
  return (
    <>
      {saved ? <Notice tone="success" title={saved} /> : null}
      <div className="section-heading">
        <h3 className="heading-m">{t('casePage.personTitle')}</h3>
        {canEdit && found.person && editing !== 'person' ? (
          <button type="button" className="button button--secondary" onClick={() => setEditing('person')}>
            {t('casePage.changePerson')}
          </button>
        ) : null}
      </div>
      {!found.person ? (
        <NotShared />
      ) : editing === 'person' ? (
        <PersonEdit
          person={found.person}
          caseId={found.id}
          onDone={() => done(t('casePage.personSaved'))}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <PersonDetails person={found.person} caseId={found.id} canEdit={canEdit} onSaved={setSaved} />
      )}
      <div className="section-heading">
        <h3 className="heading-m">{t('casePage.intakeTitle')}</h3>
        {canEdit && editing !== 'case' ? (
          <button type="button" className="button button--secondary" onClick={() => setEditing('case')}>
            {t('casePage.changeIntake')}
          </button>
        ) : null}
      </div>
      {editing === 'case' ? (
        <CaseDetailsEdit
          found={found}
          etag={etag}
          onDone={() => done(t('casePage.intakeSaved'))}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <>
          <IntakeDetails found={found} />
          <h3 className="heading-m">{t('caseDetails.narrative')}</h3>
          {!found.sections.includes('narrative') ? (
            <NotShared />
          ) : found.narrative ? (
            <p className="narrative" dir="auto">
              {found.narrative}
            </p>
          ) : (
            <p className="muted">{t('casePage.noNarrative')}</p>
          )}
        </>
      )}
    </>
  );
}
