import type { ProcedureMap } from '@opennrm/domain';
import { fitText, packRows, wrapText } from './label-fit';
import {
  buildLanes,
  followUpState,
  followUpTime,
  instants,
  placeStages,
  referralSpan,
  referralTone,
  taskState,
  taskTime,
} from './map-model';
import {
  estimateWidth,
  type FollowUpShape,
  type LaneShape,
  type LayoutOptions,
  LEGEND_KINDS,
  LEGEND_SWATCH_WIDTH,
  type LegendKind,
  type LegendShape,
  type MapLabel,
  type MapLayout,
  type MapText,
  type Measure,
  type ReferralShape,
  type RuleShape,
  type StageShape,
  type TaskShape,
  type Tone,
} from './map-shapes';
import { mirrorLayout } from './mirror';
import { timeTicks } from './time-axis';

/**
 * The procedure map's geometry: a pure function from a case's ProcedureMap to positioned
 * shapes, so the SVG component only draws and the layout can be unit-tested without a DOM.
 *
 * A swimlane chart on a horizontal time axis: the lifecycle stages as consecutive segments in
 * a band on top, then one lane per organisation (the NRM itself first, then each referred
 * organisation in the order first referred) with referral bars and task markers, and a last
 * lane of follow-ups. Stages not reached yet sit in a "next" zone after the axis, not to scale.
 *
 * Everything is laid out left to right, then mirrored for right-to-left languages so time
 * flows right to left. Text anchors stay logical ('start' = where reading starts): the SVG
 * carries `direction`, so an anchor means the same thing in both languages.
 */

export const MIN_WIDTH = 920;
export const DEFAULT_WIDTH = 1200;

const MARGIN = 16;
const GUTTER = 196;
const HEADER = 70;
const AXIS_ROW = 26;
const CALLOUT_ROW = 19;
const BAND_HEIGHT = 36;
const LANE_PAD = 10;
const BAR_ROW = 30;
const BAR_HEIGHT = 20;
const TASK_ROW = 24;
const MIN_LANE = 52;
const TASK_LABEL_MAX = 300;
const LABEL_GAP = 12;
const NEXT_SLOT_MIN = 64;
const LEGEND_ROW = 24;
const HOUR = 3_600_000;

const ms = (iso: string) => Date.parse(iso);

function label(
  x: number,
  y: number,
  text: string,
  options: Partial<Pick<MapLabel, 'anchor' | 'size' | 'bold' | 'tone'>> = {},
): MapLabel {
  return {
    x,
    y,
    text,
    anchor: options.anchor ?? 'start',
    size: options.size ?? 12,
    bold: options.bold ?? false,
    tone: options.tone ?? 'text',
  };
}

/** Lays out the whole map; see the module comment. */
export function layoutProcedureMap(map: ProcedureMap, options: LayoutOptions): MapLayout {
  const { text } = options;
  const measure = options.measure ?? estimateWidth;
  const width = Math.max(MIN_WIDTH, Math.round(options.width ?? DEFAULT_WIDTH));
  const right = width - MARGIN;
  const now = ms(map.now);
  const placements = placeStages(map);

  // The "next" zone: stages not reached yet, in slots sized to their names (on two lines if need be).
  const nextStages = placements.filter((p) => p.zone === 'next');
  const nextSize = 11;
  const words = nextStages.map((p) => text.stage(p.stage, null));
  // Natural width: one line if short, else two balanced lines; least: two lines as narrow as the longest word.
  const natural = words.map((w) => {
    const oneLine = measure(w, nextSize, false);
    if (oneLine <= 96) return Math.max(NEXT_SLOT_MIN, oneLine + 16);
    const lines = wrapText(w, Math.max(60, oneLine / 2 + 12), nextSize, false, measure);
    return Math.max(NEXT_SLOT_MIN, ...lines.map((l) => measure(l, nextSize, false) + 16));
  });
  const least = words.map((w, i) => {
    const longestWord = Math.max(...w.split(/\s+/).map((part) => measure(part, nextSize, false)));
    const lines = wrapText(
      w,
      Math.max(longestWord, measure(w, nextSize, false) / 2),
      nextSize,
      false,
      measure,
    );
    return Math.min(natural[i]!, Math.max(48, ...lines.map((l) => measure(l, nextSize, false) + 12)));
  });
  const nextLead = 24;
  const gaps = 4 * Math.max(0, nextStages.length - 1);
  const room = 0.5 * (width - 2 * MARGIN - GUTTER) - nextLead - gaps;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  let slotWidths = natural;
  if (sum(natural) > room) {
    const spare = room - sum(least);
    const stretch = sum(natural) - sum(least);
    slotWidths =
      spare >= 0
        ? least.map((l, i) => l + (stretch > 0 ? (spare * (natural[i]! - l)) / stretch : 0))
        : least.map((l) => (l * room) / sum(least));
  }
  const nextWidth = nextStages.length ? nextLead + sum(slotWidths) + gaps : 0;

  // The time axis.
  const times = instants(map, placements);
  let t0 = Math.min(...times);
  let t1 = Math.max(...times);
  const span = Math.max(t1 - t0, 6 * HOUR);
  t0 -= span * 0.02;
  t1 = t0 + span * 1.06;
  const x0 = MARGIN + GUTTER;
  const x1 = right - nextWidth - (nextWidth ? 0 : 8);
  const scale = (t: number) => x0 + ((t - t0) / (t1 - t0)) * (x1 - x0);

  const title = label(MARGIN, 28, text.title, { size: 18, bold: true });
  const subtitle = label(MARGIN, 50, text.subtitle, { size: 13, tone: 'muted' });
  const axisY = HEADER + 16;
  const ticks = timeTicks(t0, t1, (x1 - x0) / (t1 - t0)).map((tick) => ({
    x: scale(tick.time),
    label: label(scale(tick.time), axisY, text.tick(new Date(tick.time), tick.unit), {
      anchor: 'middle',
      tone: 'muted',
    }),
  }));

  // Stage segments; the labels that do not fit inside go to callout rows above the band.
  const calloutTop = HEADER + AXIS_ROW;
  const drafts = placements.map((p) => {
    if (p.zone === 'next') return { p, x: 0, width: 0, text: text.stage(p.stage, null), inside: true };
    const x = p.zone === 'mark' ? scale(p.start) - 3 : scale(p.start);
    const w = p.zone === 'mark' ? 6 : Math.max(3, scale(p.end) - scale(p.start));
    // A closed case's last stage runs on to today; its length says nothing, so it has none.
    const timed = p.zone === 'time' && p.stage.id !== 'closed';
    const words = text.stage(p.stage, timed ? text.duration(p.end - p.start) : null);
    const bold = p.stage.status === 'current';
    const inside = p.zone === 'time' && measure(words, 13, bold) + 16 <= w;
    return { p, x, width: w, text: words, inside };
  });
  const callouts = drafts.filter((d) => !d.inside);
  const calloutRows = packRows(
    callouts.map((d) => ({ start: d.x, end: d.x + measure(d.text, 12, false) })),
    10,
  );
  const calloutRowCount = calloutRows.length ? Math.max(...calloutRows) + 1 : 0;
  const bandY = calloutTop + calloutRowCount * CALLOUT_ROW + (calloutRowCount ? 8 : 4);
  const bandMid = bandY + BAND_HEIGHT / 2;
  let nextCursor = x1 + nextLead;
  const stages: StageShape[] = drafts.map((d) => {
    const { p } = d;
    const durationMs = p.zone === 'time' ? p.end - p.start : null;
    if (p.zone === 'next') {
      const slot = slotWidths[nextStages.indexOf(p)] ?? NEXT_SLOT_MIN;
      const x = nextCursor;
      nextCursor += slot + 4;
      const lines = wrapText(d.text, slot - 10, nextSize, false, measure);
      const first = bandMid + 4 - ((lines.length - 1) * 13) / 2;
      return {
        stage: p.stage,
        zone: p.zone,
        x,
        y: bandY,
        width: slot,
        height: BAND_HEIGHT,
        durationMs,
        labels: lines.map((line, i) =>
          label(x + slot / 2, first + i * 13, line, { anchor: 'middle', size: nextSize, tone: 'muted' }),
        ),
        callout: null,
      };
    }
    const shape: StageShape = {
      stage: p.stage,
      zone: p.zone,
      x: d.x,
      y: bandY,
      width: d.width,
      height: BAND_HEIGHT,
      durationMs,
      labels: [],
      callout: null,
    };
    const current = p.stage.status === 'current';
    if (d.inside) {
      shape.labels = [
        label(d.x + d.width / 2, bandMid + 4.5, d.text, {
          anchor: 'middle',
          size: 13,
          bold: current,
          tone: current ? 'inverse' : 'text',
        }),
      ];
    } else {
      const row = calloutRows[callouts.indexOf(d)] ?? 0;
      const baseline = bandY - (calloutRowCount ? 8 : 4) - row * CALLOUT_ROW - 5;
      const lineX = p.zone === 'mark' ? d.x + d.width / 2 : d.x + Math.min(d.width / 2, 4);
      shape.callout = {
        label: label(d.x, baseline, d.text, { tone: p.stage.status === 'skipped' ? 'muted' : 'text' }),
        lineX,
        lineY1: baseline + 4,
        lineY2: bandY,
      };
    }
    return shape;
  });
  const band = {
    y: bandY,
    height: BAND_HEIGHT,
    label: label(MARGIN + 4, bandMid + 4.5, fitText(text.stagesLane, GUTTER - 16, 13, true, measure), {
      size: 13,
      bold: true,
    }),
  };
  const next = nextStages.length
    ? {
        x: x1,
        width: nextWidth,
        label: label(x1 + nextLead + (nextWidth - nextLead) / 2, axisY, text.next, {
          anchor: 'middle',
          tone: 'muted',
        }),
      }
    : null;

  const laneBlock = layoutLanes(map, text, measure, { scale, x0, right }, bandY + BAND_HEIGHT + 6);
  const { lanes, referrals, tasks, followUps, dividers } = laneBlock;
  const lanesBottom = laneBlock.bottom;

  // Today and, once closed, the closing date: vertical rules with their words below the lanes.
  const rules: RuleShape[] = [];
  const ruleTop = bandY - 4;
  if (map.closedAt) {
    const x = scale(ms(map.closedAt));
    rules.push({
      kind: 'closed',
      x,
      y1: ruleTop,
      y2: lanesBottom + 4,
      label: label(x, lanesBottom + 18, text.closed, { anchor: 'middle', size: 12, bold: true }),
    });
  }
  const todayX = scale(now);
  const crowded = rules.some((r) => Math.abs(r.x - todayX) < 110);
  rules.push({
    kind: 'today',
    x: todayX,
    y1: ruleTop,
    y2: lanesBottom + (crowded ? 20 : 4),
    label: label(todayX, lanesBottom + (crowded ? 34 : 18), text.today, {
      anchor: 'middle',
      size: 12,
      bold: true,
    }),
  });

  // Legend, flowing in rows under the chart.
  const legendTop = lanesBottom + (crowded ? 58 : 44);
  const legend: LegendShape[] = [];
  let lx = MARGIN;
  let ly = legendTop + LEGEND_ROW / 2;
  for (const kind of legendKinds(stages, referrals, tasks, followUps)) {
    const words = text.legend(kind);
    const itemWidth = LEGEND_SWATCH_WIDTH + 6 + measure(words, 12, false) + 20;
    if (lx > MARGIN && lx + itemWidth > right) {
      lx = MARGIN;
      ly += LEGEND_ROW;
    }
    legend.push({ kind, x: lx, y: ly, label: label(lx + LEGEND_SWATCH_WIDTH + 6, ly + 4, words) });
    lx += itemWidth;
  }
  const height = Math.ceil(ly + LEGEND_ROW / 2 + MARGIN);

  const layout: MapLayout = {
    width,
    height,
    rtl: options.rtl,
    emptyBand: map.stages.length
      ? null
      : label(x0 + 8, bandMid + 4.5, fitText(text.noStages, right - x0 - 16, 13, false, measure), {
          size: 13,
          tone: 'muted',
        }),
    title,
    subtitle,
    plot: { x: x0, width: x1 - x0, y: calloutTop - 2, height: lanesBottom - calloutTop + 2 },
    ticks: ticks.filter((tick) => tick.x >= x0 && tick.x <= x1),
    next,
    band,
    stages,
    lanes,
    dividers,
    referrals,
    tasks,
    followUps,
    rules: rules.filter((r) => r.x >= x0 - 1 && r.x <= x1 + 1),
    legend,
    legendTop,
  };
  return options.rtl ? mirrorLayout(layout) : layout;
}

interface Axis {
  /** Time to x. */
  scale: (t: number) => number;
  /** Where the time axis starts, and the right edge labels may reach. */
  x0: number;
  right: number;
}

/** Lanes from `top` down: referral bars, one row each, then task (or follow-up) markers packed in rows. */
function layoutLanes(map: ProcedureMap, text: MapText, measure: Measure, axis: Axis, top: number) {
  const { scale, x0, right } = axis;
  const now = ms(map.now);
  const lanes: LaneShape[] = [];
  const referrals: ReferralShape[] = [];
  const tasks: TaskShape[] = [];
  const followUps: FollowUpShape[] = [];
  const dividers: { y: number }[] = [{ y: top }];
  let laneTop = top;
  buildLanes(map, text).forEach((draft, laneIndex) => {
    const markers = [
      ...draft.tasks.map((task) => ({
        time: taskTime(task),
        from: Math.min(ms(task.createdAt), taskTime(task)),
        words: text.task(task),
        note: text.taskNote(task),
        task,
        followUp: null,
      })),
      ...draft.followUps.map((f) => ({
        time: followUpTime(f),
        from: followUpTime(f),
        words: text.followUp(f),
        note: null,
        task: null,
        followUp: f,
      })),
    ]
      .map((m) => {
        const note = m.note ? ` ${m.note}` : '';
        const words = `${fitText(m.words, TASK_LABEL_MAX - measure(note, 12, false), 12, false, measure)}${note}`;
        const x = scale(m.time);
        const w = measure(words, 12, false);
        const flip = x + LABEL_GAP + w > right && x - LABEL_GAP - w > x0;
        const from = scale(m.from);
        return {
          ...m,
          x,
          words,
          flip,
          start: Math.min(from, flip ? x - LABEL_GAP - w : x - 7),
          end: flip ? x + 7 : x + LABEL_GAP + w,
        };
      })
      .sort((a, b) => a.x - b.x);
    const rows = packRows(markers);
    const taskRows = rows.length ? Math.max(...rows) + 1 : 0;
    const content = draft.referrals.length * BAR_ROW + taskRows * TASK_ROW;
    const nameLines = wrapText(draft.name, GUTTER - 16, 13, true, measure);
    const labelHeight = 14 + nameLines.length * 17 + (draft.hint ? 17 : 0);
    const height = Math.max(MIN_LANE, content + 2 * LANE_PAD, labelHeight);
    const top = laneTop + (height - content) / 2;

    draft.referrals.forEach((referral, i) => {
      const span = referralSpan(referral, now);
      const x = scale(span.start);
      const w = Math.max(6, scale(span.end) - x);
      const y = top + i * BAR_ROW + (BAR_ROW - BAR_HEIGHT) / 2;
      const words = text.referral(referral, text.duration(span.end - span.start));
      const wordsWidth = measure(words, 12, false);
      const baseline = y + BAR_HEIGHT / 2 + 4;
      const tone: Tone = referral.overdue ? 'error' : 'text';
      let barLabel: MapLabel;
      if (wordsWidth + 16 <= w) barLabel = label(x + 8, baseline, words, { tone });
      else if (x + w + 8 + wordsWidth <= right) barLabel = label(x + w + 8, baseline, words, { tone });
      else if (x - 8 - wordsWidth >= x0) barLabel = label(x - 8, baseline, words, { anchor: 'end', tone });
      else
        barLabel = label(x + 8, baseline, fitText(words, Math.max(w - 16, 40), 12, false, measure), { tone });
      referrals.push({
        referral,
        x,
        y,
        width: w,
        height: BAR_HEIGHT,
        tone: referralTone(referral),
        open: span.open,
        overdue: referral.overdue,
        durationMs: span.end - span.start,
        label: barLabel,
      });
    });

    const markerTop = top + draft.referrals.length * BAR_ROW;
    markers.forEach((m, i) => {
      const y = markerTop + (rows[i] ?? 0) * TASK_ROW + TASK_ROW / 2;
      const markerLabel = label(m.flip ? m.x - LABEL_GAP : m.x + LABEL_GAP, y + 4, m.words, {
        anchor: m.flip ? 'end' : 'start',
      });
      if (m.task) {
        const state = taskState(m.task);
        const created = scale(ms(m.task.createdAt));
        markerLabel.tone = state === 'overdue' ? 'error' : state === 'cancelled' ? 'muted' : 'text';
        tasks.push({
          task: m.task,
          x: m.x,
          y,
          state,
          whisker: m.x - created > 8 ? { x1: created, x2: m.x } : null,
          label: markerLabel,
        });
      } else if (m.followUp) {
        const state = followUpState(m.followUp);
        markerLabel.tone = state === 'overdue' ? 'error' : 'text';
        followUps.push({ followUp: m.followUp, x: m.x, y, state, label: markerLabel });
      }
    });

    lanes.push({
      key: draft.key,
      kind: draft.kind,
      y: laneTop,
      height,
      shaded: laneIndex % 2 === 1,
      name: draft.name,
      labels: nameLines.map((line, i) =>
        label(MARGIN + 4, laneTop + 22 + i * 17, line, { size: 13, bold: true }),
      ),
      hint: draft.hint
        ? label(
            MARGIN + 4,
            laneTop + 22 + nameLines.length * 17,
            fitText(draft.hint, GUTTER - 16, 12, false, measure),
            {
              tone: 'muted',
            },
          )
        : null,
    });
    laneTop += height;
    dividers.push({ y: laneTop });
  });
  return { lanes, referrals, tasks, followUps, dividers, bottom: laneTop };
}

/** The legend explains what the map shows, nothing more. */
function legendKinds(
  stages: StageShape[],
  referrals: ReferralShape[],
  tasks: TaskShape[],
  followUps: FollowUpShape[],
): LegendKind[] {
  const shown = new Set<LegendKind>(['today']);
  const stageKind = {
    done: 'stageDone',
    current: 'stageCurrent',
    upcoming: 'stageUpcoming',
    skipped: 'stageSkipped',
  } as const;
  for (const s of stages) shown.add(stageKind[s.stage.status]);
  for (const r of referrals) {
    if (r.overdue) shown.add('referralOverdue');
    if (r.tone === 'completed') shown.add('referralCompleted');
    else if (r.tone === 'waiting') shown.add('referralWaiting');
    else if (r.tone === 'ended') shown.add('referralEnded');
    else if (r.open) shown.add('referralOpen');
  }
  for (const t of tasks) {
    if (t.state === 'done') shown.add('taskDone');
    else if (t.state === 'overdue') shown.add('taskOverdue');
    else if (t.state === 'open') shown.add('taskOpen');
    else shown.add('taskCancelled');
  }
  if (followUps.length > 0) shown.add('followUp');
  return LEGEND_KINDS.filter((kind) => shown.has(kind));
}
