import { type ReactNode, useId } from 'react';

interface Props {
  caption: string;
  children: ReactNode;
  /** `cards`: on a phone each row becomes a card, its cells labelled by their `data-label`. */
  variant?: 'cards';
}

/** A table that scrolls sideways on small screens, reachable and scrollable by keyboard. */
export function DataTable({ caption, children, variant }: Props) {
  const id = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable for keyboard users
    <section className="table-wrap" aria-labelledby={id} tabIndex={0}>
      <table className={variant ? `table table--${variant}` : 'table'}>
        <caption className="table__caption" id={id}>
          {caption}
        </caption>
        {children}
      </table>
    </section>
  );
}
