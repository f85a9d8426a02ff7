import type { LifecycleStage } from '@opennrm/domain';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';
import './workflow.css';

/** The fact flags the default SOPs test; a case may carry others an administrator added. */
export const KNOWN_FLAGS = ['passport_retained', 'injuries', 'workplace_violations'] as const;

/** `shelter_placement` → "Shelter placement": the last resort when nothing names an id. */
export function humanise(id: string): string {
  const words = id.replace(/#\d+$/, '').replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : id;
}

export function flagLabel(t: TFunction, flag: string): string {
  return t(`workflow.flags.${flag}`, { defaultValue: humanise(flag) });
}

/**
 * A stage's short name (the SOP's own titles can be a sentence long): a noun, for the stepper
 * and the actions ("Move to Screening"); the stage badge says where a case is instead.
 */
export function useStageTitle() {
  const { t } = useTranslation();
  return (stage: LifecycleStage): string => t(`workflow.stageNames.${stage}`);
}

const DAY = 24 * 3600 * 1000;

/**
 * When something is due: the date, and how far off it is. Overdue says so in words with a
 * warning sign, in red; the colour only repeats the words.
 */
export function DueDate({
  iso,
  overdue,
  done = false,
}: {
  iso: string | null;
  overdue: boolean;
  done?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!iso) return <span className="muted">{t('tasks.noDueDate')}</span>;
  if (overdue && !done) {
    const days = Math.floor((Date.now() - new Date(iso).getTime()) / DAY);
    return (
      <span className="due due--overdue">
        <span className="due__flag">
          <span className="due__icon" aria-hidden="true">
            ⚠
          </span>{' '}
          {days >= 1 ? t('tasks.daysOverdue', { count: days }) : t('tasks.overdueToday')}
        </span>
        <span className="due__date">
          <time dateTime={iso} title={format.dateTime(iso)}>
            {t('tasks.wasDue', { date: format.date(iso) })}
          </time>
        </span>
      </span>
    );
  }
  return (
    <span className="due">
      <time dateTime={iso} title={format.dateTime(iso)}>
        {format.date(iso)}
      </time>
      {done ? null : <span className="due__relative">{format.relative(iso)}</span>}
    </span>
  );
}
