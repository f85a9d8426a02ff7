import { LEGEND_SWATCH_WIDTH, type MapLabel, type MapLayout } from './map-shapes';

/** Right to left: every x reflected, so time flows right to left and the lane names sit on the right. */
export function mirrorLayout(layout: MapLayout): MapLayout {
  const w = layout.width;
  const at = (x: number) => w - x;
  const box = <T extends { x: number; width: number }>(shape: T): T => ({
    ...shape,
    x: w - shape.x - shape.width,
  });
  const text = (l: MapLabel): MapLabel => ({ ...l, x: at(l.x) });
  return {
    ...layout,
    emptyBand: layout.emptyBand ? text(layout.emptyBand) : null,
    title: text(layout.title),
    subtitle: text(layout.subtitle),
    plot: box(layout.plot),
    ticks: layout.ticks.map((t) => ({ x: at(t.x), label: text(t.label) })),
    next: layout.next ? { ...box(layout.next), label: text(layout.next.label) } : null,
    band: { ...layout.band, label: text(layout.band.label) },
    stages: layout.stages.map((s) => ({
      ...box(s),
      labels: s.labels.map(text),
      callout: s.callout ? { ...s.callout, label: text(s.callout.label), lineX: at(s.callout.lineX) } : null,
    })),
    lanes: layout.lanes.map((l) => ({
      ...l,
      labels: l.labels.map(text),
      hint: l.hint ? text(l.hint) : null,
    })),
    referrals: layout.referrals.map((r) => ({
      ...box(r),
      label: text(r.label),
    })),
    tasks: layout.tasks.map((t) => ({
      ...t,
      x: at(t.x),
      whisker: t.whisker ? { x1: at(t.whisker.x1), x2: at(t.whisker.x2) } : null,
      label: text(t.label),
    })),
    followUps: layout.followUps.map((f) => ({ ...f, x: at(f.x), label: text(f.label) })),
    rules: layout.rules.map((r) => ({ ...r, x: at(r.x), label: text(r.label) })),
    legend: layout.legend.map((l) => ({ ...l, x: at(l.x) - LEGEND_SWATCH_WIDTH, label: text(l.label) })),
  };
}
