import { type ReactNode, useEffect, useId, useRef } from 'react';

interface Props {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  /** Focus the title rather than the first control: for confirmations of risky actions. */
  focusTitle?: boolean;
}

/**
 * A modal built on the native <dialog>: the browser traps focus, closes on Escape and
 * makes the page behind inert. Content is only rendered while open, so closed dialogs add
 * nothing to the page's accessible names.
 */
export function Dialog({ open, onClose, title, children, focusTitle = false }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      if (focusTitle) dialog.querySelector<HTMLElement>('.dialog__title')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, focusTitle]);

  function handleClose(): void {
    const target = returnFocus.current;
    returnFocus.current = null;
    if (target?.isConnected) target.focus();
    if (open) onClose();
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={handleClose}>
      {open ? (
        <>
          <h2 className="dialog__title" id={titleId} tabIndex={-1}>
            {title}
          </h2>
          {children}
        </>
      ) : null}
    </dialog>
  );
}
