import type { DuplicateCandidate } from '@opennrm/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Badge, type BadgeTone } from '../../components/badge';
import { Ltr } from '../../components/ltr';
import { useFormatters } from '../../i18n/format';
import { CountryName, PersonNames } from './case-labels';

const BAND_TONES: Record<DuplicateCandidate['band'], BadgeTone> = {
  strong: 'red',
  possible: 'orange',
  weak: 'grey',
};

function Candidate({
  candidate,
  chosen,
  busy,
  onUse,
}: {
  candidate: DuplicateCandidate;
  chosen: boolean;
  busy: boolean;
  onUse: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const titleId = useId();
  const { person } = candidate;
  const born = person.dateOfBirth
    ? format.date(person.dateOfBirth)
    : person.estimatedBirthYear
      ? t('duplicates.bornAbout', { year: person.estimatedBirthYear })
      : t('cases.unknown');
  return (
    <article className={chosen ? 'candidate candidate--chosen' : 'candidate'} aria-labelledby={titleId}>
      <div className="candidate__head">
        <h3 className="candidate__title" id={titleId}>
          <PersonNames person={person} />
        </h3>
        <Badge tone={BAND_TONES[candidate.band]}>{t(`duplicates.bands.${candidate.band}`)}</Badge>
      </div>
      <dl className="candidate__facts">
        <div>
          <dt>{t('person.nationality')}</dt>
          <dd>
            <CountryName code={person.nationality} />
          </dd>
        </div>
        <div>
          <dt>{t('person.born')}</dt>
          <dd>{born}</dd>
        </div>
        <div>
          <dt>{t('person.sex')}</dt>
          <dd>{t(`sexes.${person.sex}`)}</dd>
        </div>
        <div>
          <dt>{t('duplicates.cases')}</dt>
          <dd>
            {candidate.caseReferences.length === 0
              ? t('cases.none')
              : candidate.caseReferences.map((reference) => (
                  <Link
                    key={reference}
                    className="candidate__case"
                    to={`/cases?q=${encodeURIComponent(reference)}`}
                  >
                    <Ltr>{reference}</Ltr>
                  </Link>
                ))}
          </dd>
        </div>
      </dl>
      <p className="candidate__reasons-title">{t('duplicates.why')}</p>
      <ul className="candidate__reasons">
        {candidate.reasons.map((reason) => (
          <li key={reason.code} className={reason.weight < 0 ? 'reason reason--against' : 'reason'}>
            {t([`duplicates.reasons.${reason.code}`, 'duplicates.reasons.other'])}
          </li>
        ))}
      </ul>
      {chosen ? (
        <p className="candidate__chosen">{t('duplicates.chosen')}</p>
      ) : (
        <button type="button" className="button button--secondary" onClick={onUse} disabled={busy}>
          {t('duplicates.useThis')}
        </button>
      )}
    </article>
  );
}

interface Props {
  candidates: readonly DuplicateCandidate[];
  chosenId?: string | null;
  busy?: boolean;
  onUse: (candidate: DuplicateCandidate) => void;
  onNew: () => void;
  /** Whether "not the same person" has been chosen already. */
  newChosen?: boolean;
}

/** Possible existing records of this person, best first, with the reasons in words. */
export function DuplicateCandidates({ candidates, chosenId, busy = false, onUse, onNew, newChosen }: Props) {
  const { t } = useTranslation();
  return (
    <div className="candidates">
      {candidates.map((candidate) => (
        <Candidate
          key={candidate.personId}
          candidate={candidate}
          chosen={candidate.personId === chosenId}
          busy={busy}
          onUse={() => onUse(candidate)}
        />
      ))}
      {newChosen ? (
        <p className="candidate__chosen">{t('duplicates.newChosen')}</p>
      ) : (
        <button type="button" className="button button--secondary" onClick={onNew} disabled={busy}>
          {t('duplicates.notSame')}
        </button>
      )}
    </div>
  );
}
