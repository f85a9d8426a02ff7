import { type ReactNode, useId } from 'react';

interface Props {
  caption: string;
  children: ReactNode;
}

/** A table that scrolls sideways on small screens, reachable and scrollable by keyboard. */
export function DataTable({ caption, children }: Props) {
  const id = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable for keyboard users
    <section className="table-wrap" aria-labelledby={id} tabIndex={0}>
      <table className="table">
        <caption className="table__caption" id={id}>
          {caption}
        </caption>
        {children}
      </table>
    </section>
  );
}
