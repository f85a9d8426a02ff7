import type { ReactNode } from 'react';

/** Keeps usernames, codes, ids and numbers left-to-right inside Arabic text. */
export function Ltr({ children, code = false }: { children: ReactNode; code?: boolean }) {
  return (
    <bdi dir="ltr" className={code ? 'code' : undefined}>
      {children}
    </bdi>
  );
}
