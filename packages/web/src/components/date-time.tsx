import { useFormatters } from '../i18n/format';

/** A local date and time, with the relative time beside it ("3 days ago"). */
export function DateTime({ iso, relative = true }: { iso: string; relative?: boolean }) {
  const format = useFormatters();
  return (
    <span className="date-time">
      <time dateTime={iso}>{format.dateTime(iso)}</time>
      {relative ? <span className="date-time__relative">{format.relative(iso)}</span> : null}
    </span>
  );
}
