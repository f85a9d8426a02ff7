import type { LocalizedText, ProcedureMap } from '@opennrm/domain';
import type { TFunction } from 'i18next';
import { intlTag } from '../../i18n/format';
import type { MapFollowUp, MapReferral, MapStage, MapTask, MapText, TickUnit } from './map-shapes';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Text in the reader's language, else English. */
export function localText(text: LocalizedText, language: string): string {
  return text[language] ?? text.en;
}

/** "6 d", "5 h": calendar days from a day on, hours below (Arabic words with their plural forms). */
export function formatDuration(t: TFunction, ms: number): string {
  if (ms < HOUR) return t('procedureMap.duration.lessThanHour');
  if (ms < DAY) return t('procedureMap.duration.hours', { count: Math.round(ms / HOUR) });
  return t('procedureMap.duration.days', { count: Math.round(ms / DAY) });
}

/** Date formatting for the map: dates without times for axis and labels, with times for details. */
export function mapDates(language: string) {
  const tag = intlTag(language);
  const date = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric' });
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const day = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short' });
  const month = new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric' });
  const hour = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit' });
  return {
    date: (iso: string) => date.format(new Date(iso)),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    tick: (value: Date, unit: TickUnit) =>
      (unit === 'hour' ? hour : unit === 'day' ? day : month).format(value),
  };
}

export function stageName(t: TFunction, stage: MapStage): string {
  return t(`procedureMap.stages.${stage.id}`);
}

export function referralWords(t: TFunction, referral: MapReferral, duration: string): string {
  return t(referral.overdue ? 'procedureMap.referralBarOverdue' : 'procedureMap.referralBar', {
    purpose: t(`procedureMap.purposes.${referral.purpose}`),
    status: t(`procedureMap.referralStatuses.${referral.status}`),
    duration,
  });
}

export function taskWords(task: MapTask, language: string): string {
  return localText(task.title, language);
}

/** What follows a task's name on the map: its state when that is not "done" or "due". */
export function taskNote(t: TFunction, task: MapTask): string | null {
  if (task.status === 'cancelled') return t('procedureMap.taskCancelled');
  if (task.status === 'open' && task.overdue) return t('procedureMap.taskOverdue');
  return null;
}

export function followUpWords(t: TFunction, followUp: MapFollowUp): string {
  const number = followUp.index + 1;
  if (followUp.done) return t('procedureMap.followUpDone', { number });
  if (followUp.overdue) return t('procedureMap.followUpOverdue', { number });
  return t('procedureMap.followUpLabel', { number });
}

/** Everything the layout writes on the map, in the UI language. */
export function mapText(t: TFunction, language: string, map: ProcedureMap): MapText {
  const dates = mapDates(language);
  const category = map.category ? t(`caseCategories.${map.category}`) : t('procedureMap.noCategory');
  const received = dates.date(map.receivedAt);
  const subtitle = map.closedAt
    ? t('procedureMap.subtitleClosed', { category, received, closed: dates.date(map.closedAt) })
    : t('procedureMap.subtitleOpen', {
        category,
        received,
        duration: formatDuration(t, Date.parse(map.now) - Date.parse(map.receivedAt)),
      });
  return {
    title: t('procedureMap.svgTitle', { reference: map.reference }),
    subtitle,
    stagesLane: t('procedureMap.lanes.stages'),
    nrmLane: t('procedureMap.lanes.nrm'),
    nrmLaneHint: t('procedureMap.lanes.nrmHint'),
    followUpLane: t('procedureMap.lanes.followUps'),
    next: t('procedureMap.next'),
    noStages: t('procedureMap.noStages'),
    today: t('procedureMap.today'),
    closed: t('procedureMap.closed'),
    stage: (stage, duration) => {
      const name = stageName(t, stage);
      if (stage.status === 'skipped') return t('procedureMap.stageSkipped', { stage: name });
      return duration ? t('procedureMap.stageWithDuration', { stage: name, duration }) : name;
    },
    organisationKind: (kind) => t(`organisationKinds.${kind}`),
    referral: (referral, duration) => referralWords(t, referral, duration),
    task: (task) => taskWords(task, language),
    taskNote: (task) => taskNote(t, task),
    followUp: (followUp) => followUpWords(t, followUp),
    duration: (ms) => formatDuration(t, ms),
    tick: dates.tick,
    legend: (kind) => t(`procedureMap.legend.${kind}`),
  };
}

/** The details shown when pointing at an item (SVG <title>), one fact a line. */
export function mapTooltips(t: TFunction, language: string) {
  const dates = mapDates(language);
  const at = (key: string, iso: string | null) =>
    iso ? [t(`procedureMap.tip.${key}`, { date: dates.dateTime(iso) })] : [];
  const lines = (...parts: (string | false | null | undefined | string[])[]) =>
    parts
      .flat()
      .filter((p): p is string => typeof p === 'string' && p !== '')
      .join('\n');
  return {
    stage: (stage: MapStage, durationMs: number | null) =>
      lines(
        `${localText(stage.title, language)} (${t(`procedureMap.stageStatuses.${stage.status}`)})`,
        at('from', stage.enteredAt),
        stage.status === 'current' ? t('procedureMap.tip.sinceNow') : at('until', stage.leftAt),
        durationMs !== null && t('procedureMap.tip.duration', { duration: formatDuration(t, durationMs) }),
        stage.skipReason && t('procedureMap.tip.reason', { reason: stage.skipReason }),
        stage.status === 'upcoming' && t('procedureMap.tip.notScaled'),
      ),
    referral: (referral: MapReferral, durationMs: number) =>
      lines(
        referral.organisationName,
        `${t(`procedureMap.purposes.${referral.purpose}`)} · ${t(`procedureMap.referralStatuses.${referral.status}`)}`,
        at('sent', referral.sentAt),
        at('responded', referral.respondedAt),
        at('concluded', referral.concludedAt),
        t('procedureMap.tip.duration', { duration: formatDuration(t, durationMs) }),
        referral.overdue && t('procedureMap.tip.overdue'),
      ),
    task: (task: MapTask) =>
      lines(
        localText(task.title, language),
        `${t(`procedureMap.taskStatuses.${task.status}`)}${task.mandatory ? ` · ${t('procedureMap.tip.mandatory')}` : ''}${task.overdue ? ` · ${t('procedureMap.tip.overdue')}` : ''}`,
        task.ownerName && t('procedureMap.tip.owner', { name: task.ownerName }),
        at('created', task.createdAt),
        at('due', task.dueAt),
        at('completed', task.completedAt),
      ),
    followUp: (followUp: MapFollowUp) =>
      lines(
        followUpWords(t, followUp),
        at('due', followUp.dueAt),
        at('recorded', followUp.recordedAt),
        followUp.situation,
      ),
  };
}
