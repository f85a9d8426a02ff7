import type { DuplicateCandidate } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors';
import { Notice } from '../../components/notice';
import { DuplicateCandidates, PersonNames } from '../cases';
import { AliasesField, CircumstanceFields, DocumentsField } from './person-extra-fields';
import {
  BirthFields,
  NameFields,
  NationalityField,
  type PersonFieldProps,
  PhoneField,
} from './person-fields';
import type { useDuplicateSearch } from './use-duplicate-search';

export type PersonDecision =
  | { kind: 'undecided' }
  | { kind: 'existing'; candidate: DuplicateCandidate }
  /** "Not the same person", for the candidates shown at the time. */
  | { kind: 'new'; seen: readonly string[] };

/** Whether the interviewer still has to say if this is one of the strong or possible matches. */
export function decisionMissing(
  decision: PersonDecision,
  candidates: readonly DuplicateCandidate[],
): boolean {
  const toDecide = candidates.filter((c) => c.band !== 'weak');
  if (decision.kind === 'existing') return false;
  if (toDecide.length === 0) return false;
  if (decision.kind === 'undecided') return true;
  return toDecide.some((c) => !decision.seen.includes(c.personId));
}

type Search = ReturnType<typeof useDuplicateSearch>;

interface MatchesProps {
  search: Search;
  decision: PersonDecision;
  onDecide: (decision: PersonDecision) => void;
  error?: string;
}

/** Existing records that may be this person, refreshed as the interviewer types. */
function Matches({ search, decision, onDecide, error }: MatchesProps) {
  const { t } = useTranslation();
  const count = search.candidates.length;
  const status = search.searching
    ? t('duplicates.searching')
    : !search.searched
      ? t('duplicates.typeToSearch')
      : count === 0
        ? t('duplicates.noneFound')
        : t('duplicates.found', { count });
  const newChosen = decision.kind === 'new' && !decisionMissing(decision, search.candidates);
  return (
    <section
      className={error ? 'matches matches--error' : 'matches'}
      aria-labelledby="matches-title"
      id="walkin-duplicates"
      tabIndex={-1}
    >
      <h2 className="heading-s" id="matches-title">
        {t('duplicates.title')}
      </h2>
      {error ? <p className="error-message">{error}</p> : null}
      <p className="matches__status" aria-live="polite">
        {status}
      </p>
      {search.error ? <Notice tone="error" title={errorMessage(t, search.error)} /> : null}
      {count > 0 ? (
        <DuplicateCandidates
          candidates={search.candidates}
          chosenId={decision.kind === 'existing' ? decision.candidate.personId : null}
          newChosen={newChosen}
          onUse={(candidate) => onDecide({ kind: 'existing', candidate })}
          onNew={() => onDecide({ kind: 'new', seen: search.candidates.map((c) => c.personId) })}
        />
      ) : null}
    </section>
  );
}

interface Props extends PersonFieldProps {
  search: Search;
  decision: PersonDecision;
  onDecide: (decision: PersonDecision) => void;
}

/** Step 1: who the person is, with existing records that may be them beside the form. */
export function WalkInPersonStep({ search, decision, onDecide, ...fields }: Props) {
  const { t } = useTranslation();
  if (decision.kind === 'existing') {
    return (
      <div className="existing-person">
        <Notice tone="info" title={t('walkIn.existingTitle')}>
          <p>
            <PersonNames person={decision.candidate.person} inline />
          </p>
          <p>{t('walkIn.existingBody')}</p>
        </Notice>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onDecide({ kind: 'undecided' })}
        >
          {t('walkIn.chooseAgain')}
        </button>
      </div>
    );
  }
  return (
    <div className="interview-layout">
      <div className="interview-layout__identity">
        <h2 className="heading-m">{t('walkIn.identityTitle')}</h2>
        <NameFields {...fields} />
        <AliasesField {...fields} />
        <BirthFields {...fields} />
        <NationalityField {...fields} />
        <PhoneField {...fields} />
        <DocumentsField {...fields} />
      </div>
      <div className="interview-layout__side">
        <Matches
          search={search}
          decision={decision}
          onDecide={onDecide}
          error={fields.errorFor('duplicates')}
        />
      </div>
      <div className="interview-layout__more">
        <h2 className="heading-m">{t('walkIn.situationTitle')}</h2>
        <CircumstanceFields {...fields} />
      </div>
    </div>
  );
}
