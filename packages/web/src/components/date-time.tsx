import { useFormatters } from '../i18n/format';

/** A local date and time, with the relative time beside it ("3 days ago"). */
export function DateTime({
  iso,
  relative = true,
  dateOnly = false,
}: {
  iso: string;
  relative?: boolean;
  /** The date without the time, for dense lists (the time is in the tooltip). */
  dateOnly?: boolean;
}) {
  const format = useFormatters();
  return (
    <span className="date-time">
      <time dateTime={iso} title={dateOnly ? format.dateTime(iso) : undefined}>
        {dateOnly ? format.date(iso) : format.dateTime(iso)}
      </time>
      {relative ? <span className="date-time__relative">{format.relative(iso)}</span> : null}
    </span>
  );
}
