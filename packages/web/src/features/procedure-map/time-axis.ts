import type { TickUnit } from './map-shapes';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const TICK_STEPS: readonly { unit: TickUnit; count: number; approx: number }[] = [
  { unit: 'hour', count: 1, approx: HOUR },
  { unit: 'hour', count: 3, approx: 3 * HOUR },
  { unit: 'hour', count: 6, approx: 6 * HOUR },
  { unit: 'hour', count: 12, approx: 12 * HOUR },
  { unit: 'day', count: 1, approx: DAY },
  { unit: 'day', count: 2, approx: 2 * DAY },
  { unit: 'day', count: 7, approx: 7 * DAY },
  { unit: 'day', count: 14, approx: 14 * DAY },
  { unit: 'month', count: 1, approx: 30.4 * DAY },
  { unit: 'month', count: 2, approx: 61 * DAY },
  { unit: 'month', count: 3, approx: 91 * DAY },
  { unit: 'month', count: 6, approx: 182 * DAY },
  { unit: 'month', count: 12, approx: 365 * DAY },
];

/**
 * Dates for the axis between t0 and t1 (local midnight, Mondays, first of a month...), the
 * finest step whose ticks stay at least `minSpacing` pixels apart.
 */
export function timeTicks(
  t0: number,
  t1: number,
  pxPerMs: number,
  minSpacing = 84,
): { time: number; unit: TickUnit }[] {
  const step = TICK_STEPS.find((s) => s.approx * pxPerMs >= minSpacing) ?? TICK_STEPS.at(-1)!;
  const d = new Date(t0);
  d.setMinutes(0, 0, 0);
  if (step.unit === 'hour') d.setHours(d.getHours() - (d.getHours() % step.count));
  else d.setHours(0);
  if (step.unit === 'day' && step.count >= 7) d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  if (step.unit === 'month') {
    d.setDate(1);
    d.setMonth(d.getMonth() - (d.getMonth() % step.count));
  }
  const advance = () => {
    if (step.unit === 'hour') d.setHours(d.getHours() + step.count);
    else if (step.unit === 'day') d.setDate(d.getDate() + step.count);
    else d.setMonth(d.getMonth() + step.count);
  };
  while (d.getTime() < t0) advance();
  const ticks: { time: number; unit: TickUnit }[] = [];
  for (let guard = 0; d.getTime() <= t1 && guard < 500; guard++) {
    const midnight = d.getHours() === 0;
    ticks.push({ time: d.getTime(), unit: step.unit === 'hour' && midnight ? 'day' : step.unit });
    advance();
  }
  return ticks;
}
