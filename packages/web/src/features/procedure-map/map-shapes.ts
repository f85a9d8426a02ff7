import type { ProcedureMap } from '@opennrm/domain';

/** The procedure map's vocabulary: what the layout (layout.ts) produces and what it is given. */

export type MapStage = ProcedureMap['stages'][number];
export type MapReferral = ProcedureMap['referrals'][number];
export type MapTask = ProcedureMap['tasks'][number];
export type MapFollowUp = ProcedureMap['followUps'][number];

export type Anchor = 'start' | 'middle' | 'end';
export type Tone = 'text' | 'muted' | 'inverse' | 'error' | 'success';

export interface MapLabel {
  x: number;
  y: number;
  text: string;
  anchor: Anchor;
  size: number;
  bold: boolean;
  tone: Tone;
}

export type TickUnit = 'hour' | 'day' | 'month';
export type TaskState = 'done' | 'open' | 'overdue' | 'cancelled';
export type FollowUpState = 'done' | 'due' | 'overdue';
export type ReferralTone = 'completed' | 'active' | 'waiting' | 'ended';

export const LEGEND_KINDS = [
  'stageDone',
  'stageCurrent',
  'stageUpcoming',
  'stageSkipped',
  'referralCompleted',
  'referralOpen',
  'referralWaiting',
  'referralOverdue',
  'referralEnded',
  'taskDone',
  'taskOpen',
  'taskOverdue',
  'taskCancelled',
  'followUp',
  'today',
] as const;
export type LegendKind = (typeof LEGEND_KINDS)[number];

/** The visible words, supplied by the caller in the UI language (the layout needs their widths). */
export interface MapText {
  title: string;
  subtitle: string;
  stagesLane: string;
  nrmLane: string;
  nrmLaneHint: string;
  followUpLane: string;
  next: string;
  /** Said in the stage band while the case has no SOP workflow (no stages) yet. */
  noStages: string;
  today: string;
  closed: string;
  /** A stage's short name, with its duration when it has one ("Screening · 2 d"). */
  stage(stage: MapStage, duration: string | null): string;
  organisationKind(kind: MapReferral['organisationKind']): string;
  /** A referral bar's words: purpose, status, duration, overdue. */
  referral(referral: MapReferral, duration: string): string;
  task(task: MapTask): string;
  /** Words after a task's name that must not be cut off ("· overdue"), or null. */
  taskNote(task: MapTask): string | null;
  followUp(followUp: MapFollowUp): string;
  duration(ms: number): string;
  tick(date: Date, unit: TickUnit): string;
  legend(kind: LegendKind): string;
}

/** Width of `text` in pixels at `size`; the browser passes a canvas-based one. */
export type Measure = (text: string, size: number, bold: boolean) => number;

/** A rough width for tests and server-side rendering: most glyphs are about half an em. */
export const estimateWidth: Measure = (text, size, bold) => text.length * size * (bold ? 0.6 : 0.56);

export interface LayoutOptions {
  rtl: boolean;
  /** Total width in pixels; narrower than MIN_WIDTH is widened (the map then scrolls). */
  width?: number;
  text: MapText;
  measure?: Measure;
}

export interface StageShape {
  stage: MapStage;
  /** 'time': on the axis; 'next': in the zone after it, not to scale; 'mark': skipped, no duration. */
  zone: 'time' | 'next' | 'mark';
  x: number;
  y: number;
  width: number;
  height: number;
  durationMs: number | null;
  /** Inside the segment (one line; two for a stage not reached yet). */
  labels: MapLabel[];
  /** The label above the band, with a leader line, when it does not fit inside the segment. */
  callout: { label: MapLabel; lineX: number; lineY1: number; lineY2: number } | null;
}

export interface LaneShape {
  key: string;
  kind: 'nrm' | 'organisation' | 'followUps';
  y: number;
  height: number;
  shaded: boolean;
  name: string;
  /** The organisation's name on one or two lines, then what kind of organisation it is. */
  labels: MapLabel[];
  hint: MapLabel | null;
}

export interface ReferralShape {
  referral: MapReferral;
  x: number;
  y: number;
  width: number;
  height: number;
  tone: ReferralTone;
  open: boolean;
  overdue: boolean;
  durationMs: number;
  label: MapLabel;
}

export interface TaskShape {
  task: MapTask;
  x: number;
  y: number;
  state: TaskState;
  /** A thin line from when the task was created to the marker. */
  whisker: { x1: number; x2: number } | null;
  label: MapLabel;
}

export interface FollowUpShape {
  followUp: MapFollowUp;
  x: number;
  y: number;
  state: FollowUpState;
  label: MapLabel;
}

export interface RuleShape {
  kind: 'today' | 'closed';
  x: number;
  y1: number;
  y2: number;
  label: MapLabel;
}

export interface LegendShape {
  kind: LegendKind;
  x: number;
  y: number;
  label: MapLabel;
}

export interface MapLayout {
  width: number;
  height: number;
  rtl: boolean;
  /** The words in the stage band when there are no stages. */
  emptyBand: MapLabel | null;
  title: MapLabel;
  subtitle: MapLabel;
  /** The time axis: its extent in pixels (physical) and its grid lines with dates. */
  plot: { x: number; width: number; y: number; height: number };
  ticks: { x: number; label: MapLabel }[];
  next: { x: number; width: number; label: MapLabel } | null;
  band: { y: number; height: number; label: MapLabel };
  stages: StageShape[];
  lanes: LaneShape[];
  /** Full-width horizontal lines between the band and lanes. */
  dividers: { y: number }[];
  referrals: ReferralShape[];
  tasks: TaskShape[];
  followUps: FollowUpShape[];
  rules: RuleShape[];
  legend: LegendShape[];
  legendTop: number;
}

/** The width of a legend swatch (the layout places it, the component draws it). */
export const LEGEND_SWATCH_WIDTH = 26;
