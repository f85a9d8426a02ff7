import { type DragEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCEPTED_EXTENSIONS } from './upload-queue-store';

const ACCEPT = ACCEPTED_EXTENSIONS.map((ext) => `.${ext}`).join(',');

interface Props {
  onFiles: (files: File[]) => void;
  /** The largest file accepted, already formatted ("2 GB"). */
  limit: string;
}

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

/**
 * Where files are dropped, several at once. The button opens the browser's file picker, so
 * the keyboard and screen readers have the same way in as a mouse that drags.
 */
export function DropZone({ onFiles, limit }: Props) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const depth = useRef(0);
  const [over, setOver] = useState(false);
  const titleId = useId();
  const hintId = useId();

  function enter(event: DragEvent<HTMLElement>): void {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth.current += 1;
    setOver(true);
  }

  function leave(): void {
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setOver(false);
  }

  function drop(event: DragEvent<HTMLElement>): void {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth.current = 0;
    setOver(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  }

  return (
    <section
      className={over ? 'drop-zone drop-zone--over' : 'drop-zone'}
      aria-labelledby={titleId}
      onDragEnter={enter}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={leave}
      onDrop={drop}
    >
      <h3 className="drop-zone__title heading-s" id={titleId}>
        {t('documents.drop.title')}
      </h3>
      <p className="drop-zone__hint hint" id={hintId}>
        {t('documents.drop.hint', { limit })}
      </p>
      <button
        type="button"
        className="button button--secondary drop-zone__button"
        aria-describedby={hintId}
        onClick={() => input.current?.click()}
      >
        {t('documents.drop.choose')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        tabIndex={-1}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Cleared, so choosing the same file again (to resume it) fires a change.
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </section>
  );
}

/** A hidden file picker opened by a button elsewhere (a new version, resuming an upload). */
export function useFilePicker(onFile: (file: File) => void) {
  const ref = useRef<HTMLInputElement>(null);
  const element = (
    <input
      ref={ref}
      type="file"
      accept={ACCEPT}
      hidden
      tabIndex={-1}
      onChange={(event) => {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (file) onFile(file);
      }}
    />
  );
  return { open: () => ref.current?.click(), element };
}
