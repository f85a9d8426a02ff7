import type { ReferralTone, TaskState, Tone } from './map-shapes';

/**
 * The map's colours, written into the SVG as attributes (not CSS classes) so that a downloaded
 * file looks the same on its own. GOV.UK palette, as in styles.css; status is never colour
 * alone: every bar and marker has words beside it, and the legend explains the shapes.
 */
export const INK: Record<Tone, string> = {
  text: '#0b0c0c',
  muted: '#505a5f',
  inverse: '#ffffff',
  error: '#d4351c',
  success: '#00703c',
};

export const CHART = {
  background: '#ffffff',
  shade: '#f5f5f4',
  grid: '#e4e5e6',
  divider: '#b1b4b6',
  leader: '#8e9193',
  today: '#0b0c0c',
  closed: '#00703c',
  overdue: '#d4351c',
  nextZone: '#fafafa',
};

export const STAGE = {
  done: { fill: '#cce2d8', stroke: '#00703c', dash: undefined },
  current: { fill: '#1d70b8', stroke: '#003078', dash: undefined },
  upcoming: { fill: '#ffffff', stroke: '#8e9193', dash: '4 3' },
  skipped: { fill: '#f3f2f1', stroke: '#8e9193', dash: '2 3' },
} as const;

export const REFERRAL: Record<ReferralTone, { fill: string; stroke: string }> = {
  completed: { fill: '#cce2d8', stroke: '#00703c' },
  active: { fill: '#d2e2f1', stroke: '#1d70b8' },
  waiting: { fill: '#fce4d4', stroke: '#b4501b' },
  ended: { fill: '#f3f2f1', stroke: '#6f777b' },
};

export const MARKER: Record<TaskState | 'due', { fill: string; stroke: string; dash?: string }> = {
  done: { fill: '#00703c', stroke: '#005a30' },
  open: { fill: '#ffffff', stroke: '#1d70b8' },
  due: { fill: '#ffffff', stroke: '#1d70b8' },
  overdue: { fill: '#d4351c', stroke: '#942514' },
  cancelled: { fill: '#ffffff', stroke: '#8e9193', dash: '2 2' },
};

/** The app's font stacks (styles.css), for rendering outside the browser page. */
export const FONT_STACK = {
  en: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Noto Naskh Arabic", Tahoma, "DejaVu Sans"',
  ar: '"Noto Naskh Arabic", "Segoe UI", Tahoma, "DejaVu Sans", system-ui, Arial, sans-serif',
};
