import type { ProcedureMap } from '@opennrm/domain';
import { describe, expect, it } from 'vitest';
import { closedProcedureMapFixture, procedureMapFixture } from './fixture';
import { fitText, packRows, wrapText } from './label-fit';
import { layoutProcedureMap } from './layout';
import { placeStages } from './map-model';
import { estimateWidth, type MapLabel, type MapLayout, type MapText } from './map-shapes';
import { timeTicks } from './time-axis';

const DAY = 24 * 3_600_000;

const text: MapText = {
  title: 'Procedure map of case NRM-2026-000142',
  subtitle: 'Trafficking in persons',
  stagesLane: 'Stages',
  nrmLane: 'NRM',
  nrmLaneHint: 'Case management',
  followUpLane: 'Follow-ups',
  next: 'Next stages',
  noStages: 'Stages appear once the SOP workflow starts',
  today: 'Today',
  closed: 'Closed',
  stage: (stage, duration) => (duration ? `${stage.id} · ${duration}` : stage.id),
  organisationKind: (kind) => kind,
  referral: (referral, duration) => `${referral.purpose} · ${referral.status} · ${duration}`,
  task: (task) => task.title.en,
  taskNote: (task) => (task.overdue ? '· overdue' : null),
  followUp: (followUp) => `Follow-up ${followUp.index + 1}`,
  duration: (ms) => `${Math.round(ms / DAY)} d`,
  tick: (date) => date.toISOString().slice(5, 10),
  legend: (kind) => kind,
};

const layout = (map: ProcedureMap = procedureMapFixture, rtl = false, width = 1200) =>
  layoutProcedureMap(map, { rtl, width, text });

/** Every label of the layout, to check bounds. */
function labels(l: MapLayout): MapLabel[] {
  return [
    l.title,
    l.subtitle,
    l.band.label,
    ...(l.next ? [l.next.label] : []),
    ...l.ticks.map((t) => t.label),
    ...l.stages.flatMap((s) => [...s.labels, ...(s.callout ? [s.callout.label] : [])]),
    ...l.lanes.flatMap((lane) => [...lane.labels, ...(lane.hint ? [lane.hint] : [])]),
    ...l.referrals.map((r) => r.label),
    ...l.tasks.map((t) => t.label),
    ...l.followUps.map((f) => f.label),
    ...l.rules.map((r) => r.label),
    ...l.legend.map((item) => item.label),
  ];
}

/** Horizontal extent of a label in a left-to-right layout. */
function extent(label: MapLabel): { start: number; end: number } {
  const w = estimateWidth(label.text, label.size, label.bold);
  if (label.anchor === 'start') return { start: label.x, end: label.x + w };
  if (label.anchor === 'end') return { start: label.x - w, end: label.x };
  return { start: label.x - w / 2, end: label.x + w / 2 };
}

describe('placeStages', () => {
  it('puts reached stages on the axis in order and the others in the "next" zone', () => {
    const placed = placeStages(procedureMapFixture);
    expect(placed.map((p) => p.zone)).toEqual(['time', 'time', 'time', 'next', 'next', 'next', 'next']);
    const current = placed[2]!;
    expect(current.end).toBe(Date.parse(procedureMapFixture.now));
    expect(placed[0]!.end).toBe(placed[1]!.start);
  });

  it('marks a stage skipped on the way, with no duration, where the next stage began', () => {
    const placed = placeStages(closedProcedureMapFixture);
    const proceedings = placed.find((p) => p.stage.id === 'proceedings')!;
    expect(proceedings.zone).toBe('mark');
    expect(proceedings.start).toBe(Date.parse('2026-12-14T09:00:00.000Z'));
    expect(placed.filter((p) => p.zone === 'next')).toEqual([]);
  });
});

describe('layoutProcedureMap', () => {
  it('draws the stages as consecutive segments along time, then the stages not reached', () => {
    const l = layout();
    const timed = l.stages.filter((s) => s.zone === 'time');
    for (let i = 1; i < timed.length; i++) {
      expect(timed[i]!.x).toBeCloseTo(timed[i - 1]!.x + timed[i - 1]!.width, 0);
    }
    const next = l.stages.filter((s) => s.zone === 'next');
    expect(next.map((s) => s.stage.id)).toEqual(['proceedings', 'resolution', 'follow_up', 'closed']);
    expect(next[0]!.x).toBeGreaterThanOrEqual(l.plot.x + l.plot.width);
    expect(next.at(-1)!.x + next.at(-1)!.width).toBeLessThanOrEqual(l.width);
  });

  it('gives the NRM the first lane, then one lane per organisation in the order referred', () => {
    const l = layout();
    expect(l.lanes.map((lane) => lane.name)).toEqual([
      'NRM',
      'Capital Police – Anti-Trafficking Unit',
      'Dar Al-Aman Shelter',
      'Embassy of the Philippines',
    ]);
    for (const [i, lane] of l.lanes.entries()) {
      if (i > 0) expect(lane.y).toBeCloseTo(l.lanes[i - 1]!.y + l.lanes[i - 1]!.height, 5);
    }
  });

  it("puts a referral's tasks in its organisation's lane, and the others in the NRM's", () => {
    const l = layout();
    const laneOf = (y: number) => l.lanes.find((lane) => y >= lane.y && y < lane.y + lane.height)!.name;
    const shelterTasks = l.tasks
      .filter((t) => laneOf(t.y) === 'Dar Al-Aman Shelter')
      .map((t) => t.task.title.en);
    expect(shelterTasks.sort()).toEqual([
      'Legal advice',
      'Medical check-up',
      'Security briefing',
      'Social and psychological assessment',
    ]);
    expect(l.tasks.filter((t) => laneOf(t.y) === 'NRM')).toHaveLength(6);
    for (const bar of l.referrals) expect(laneOf(bar.y)).toBe(bar.referral.organisationName);
  });

  it('runs open referrals to today, hatched, and closed ones to their end; overdue is kept', () => {
    const l = layout();
    const today = l.rules.find((r) => r.kind === 'today')!;
    const bar = (name: string) => l.referrals.find((r) => r.referral.organisationName.startsWith(name))!;
    expect(bar('Dar').open).toBe(true);
    expect(bar('Dar').x + bar('Dar').width).toBeCloseTo(today.x, 5);
    expect(bar('Capital').open).toBe(false);
    expect(bar('Capital').x + bar('Capital').width).toBeLessThan(today.x);
    expect(bar('Capital').tone).toBe('completed');
    expect(bar('Embassy').overdue).toBe(true);
    expect(bar('Embassy').tone).toBe('waiting');
    expect(bar('Embassy').label.tone).toBe('error');
  });

  it('marks tasks done, open or overdue, at their completion or due date', () => {
    const l = layout();
    const marker = (en: string) => l.tasks.find((t) => t.task.title.en === en)!;
    expect(marker('Legal advice').state).toBe('overdue');
    expect(marker('Legal advice').label.text).toBe('Legal advice · overdue');
    expect(marker('Social and psychological assessment').state).toBe('open');
    expect(marker('Medical check-up').state).toBe('done');
    // Done before it was due: drawn when done, so before the due-date marker of a later task.
    expect(marker('Security briefing').x).toBeLessThan(marker('Medical check-up').x);
  });

  it('never lets two marker labels of a lane overlap', () => {
    for (const map of [procedureMapFixture, closedProcedureMapFixture]) {
      const l = layout(map);
      const placed = [...l.tasks, ...l.followUps].map((m) => ({ y: m.y, ...extent(m.label) }));
      for (const [i, a] of placed.entries()) {
        for (const b of placed.slice(i + 1)) {
          if (a.y !== b.y) continue;
          expect(a.end <= b.start || b.end <= a.start).toBe(true);
        }
      }
    }
  });

  it('keeps every label inside the picture', () => {
    for (const map of [procedureMapFixture, closedProcedureMapFixture]) {
      for (const width of [920, 1200, 1600]) {
        const l = layout(map, false, width);
        for (const label of labels(l)) {
          const { start, end } = extent(label);
          expect(start).toBeGreaterThanOrEqual(0);
          expect(end).toBeLessThanOrEqual(l.width);
          expect(label.y).toBeLessThanOrEqual(l.height);
        }
      }
    }
  });

  it('adds a follow-up lane last, the closing date and only the legend entries in use', () => {
    const l = layout(closedProcedureMapFixture);
    expect(l.lanes.at(-1)!.kind).toBe('followUps');
    expect(l.followUps.map((f) => f.state)).toEqual(['done', 'overdue', 'due']);
    expect(l.rules.map((r) => r.kind)).toEqual(['closed', 'today']);
    expect(l.legend.map((item) => item.kind)).toContain('stageSkipped');
    expect(l.legend.map((item) => item.kind)).not.toContain('referralOverdue');
    expect(layout().legend.map((item) => item.kind)).toContain('referralOverdue');
  });

  it('mirrors right to left: time flows from right to left and lane names sit on the right', () => {
    const ltr = layout();
    const rtl = layout(procedureMapFixture, true);
    expect(rtl.width).toBe(ltr.width);
    expect(rtl.height).toBe(ltr.height);
    for (const [i, s] of ltr.stages.entries()) {
      const m = rtl.stages[i]!;
      expect(m.x + m.width).toBeCloseTo(ltr.width - s.x, 5);
      expect(m.labels[0]?.anchor ?? m.callout?.label.anchor).toBe(
        s.labels[0]?.anchor ?? s.callout?.label.anchor,
      );
    }
    const [received, screening] = rtl.stages;
    expect(screening!.x).toBeLessThan(received!.x);
    expect(rtl.lanes[0]!.labels[0]!.x).toBeGreaterThan(rtl.plot.x + rtl.plot.width);
    expect(rtl.next!.x + rtl.next!.width).toBeLessThanOrEqual(rtl.plot.x);
  });

  it('widens a narrow map (it scrolls) and copes with a case that has only just arrived', () => {
    const fresh: ProcedureMap = {
      ...procedureMapFixture,
      now: '2026-11-02T09:20:00.000Z',
      stages: procedureMapFixture.stages.map((s, i) =>
        i === 0
          ? { ...s, status: 'current', leftAt: null }
          : { ...s, status: 'upcoming', enteredAt: null, leftAt: null },
      ),
      referrals: [],
      tasks: [],
    };
    const l = layout(fresh, false, 360);
    expect(l.width).toBe(920);
    expect(l.lanes).toHaveLength(1);
    expect(l.stages[0]!.width).toBeGreaterThan(0);
    expect(Number.isFinite(l.height)).toBe(true);
    expect(l.ticks.length).toBeGreaterThan(0);
    const next = l.stages.filter((s) => s.zone === 'next');
    expect(next).toHaveLength(6);
    for (const stage of next) {
      for (const line of stage.labels) {
        const { start, end } = extent(line);
        expect(start).toBeGreaterThanOrEqual(stage.x);
        expect(end).toBeLessThanOrEqual(stage.x + stage.width);
      }
    }
  });
});

describe('a case without a workflow', () => {
  it('says so in the stage band and still draws its referrals', () => {
    const l = layout({ ...procedureMapFixture, stages: [], tasks: [] });
    expect(l.stages).toEqual([]);
    expect(l.emptyBand?.text).toBe('Stages appear once the SOP workflow starts');
    expect(l.referrals).toHaveLength(3);
    expect(l.next).toBeNull();
  });
});

describe('helpers', () => {
  it('packs intervals into the first row where they fit', () => {
    expect(
      packRows([
        { start: 0, end: 100 },
        { start: 50, end: 150 },
        { start: 120, end: 200 },
        { start: 160, end: 220 },
      ]),
    ).toEqual([0, 1, 0, 1]);
  });

  it('cuts and wraps text to a width', () => {
    expect(fitText('Short', 200, 12, false, estimateWidth)).toBe('Short');
    const cut = fitText('Full indicator interview with an interpreter', 100, 12, false, estimateWidth);
    expect(cut.endsWith('…')).toBe(true);
    expect(estimateWidth(cut, 12, false)).toBeLessThanOrEqual(100);
    expect(wrapText('Capital Police – Anti-Trafficking Unit', 180, 13, true, estimateWidth)).toEqual([
      'Capital Police –',
      'Anti-Trafficking Unit',
    ]);
  });

  it('chooses ticks at least the minimum distance apart, within the range', () => {
    const t0 = Date.parse('2026-11-02T09:15:00.000Z');
    const t1 = Date.parse('2026-11-26T14:00:00.000Z');
    const ticks = timeTicks(t0, t1, 800 / (t1 - t0));
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const [i, tick] of ticks.entries()) {
      expect(tick.time).toBeGreaterThanOrEqual(t0);
      expect(tick.time).toBeLessThanOrEqual(t1);
      if (i > 0) expect((tick.time - ticks[i - 1]!.time) * (800 / (t1 - t0))).toBeGreaterThanOrEqual(80);
    }
    const months = timeTicks(t0, t0 + 300 * DAY, 800 / (300 * DAY));
    expect(months.every((tick) => tick.unit === 'month' && new Date(tick.time).getDate() === 1)).toBe(true);
  });
});
