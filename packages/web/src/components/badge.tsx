import type { ReactNode } from 'react';

export type BadgeTone = 'green' | 'red' | 'orange' | 'grey' | 'blue' | 'purple';

/** A status in words; the colour only repeats what the words already say. */
export function Badge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return <strong className={`badge badge--${tone}`}>{children}</strong>;
}
