import type { CalendarSettings } from '@opennrm/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../api/auth';
import { isApiError } from '../../api/client';
import { CALENDAR_KEY, sopsApi, useCalendar } from '../../api/sops';
import { CheckboxField } from '../../components/checkbox-field';
import { DataTable } from '../../components/data-table';
import { ErrorSummary } from '../../components/error-summary';
import { TextField } from '../../components/fields';
import { errorMessage, type FieldError, useFormErrors } from '../../components/form-errors';
import { PageLoading } from '../../components/loading';
import { Notice } from '../../components/notice';
import { usePageTitle } from '../../components/page-title';
import { useFormatters } from '../../i18n/format';
import { hasPermission } from '../../lib/permissions';
import { useWarnBeforeLeaving } from '../../lib/use-warn-before-leaving';
import { weekdayName } from './sop-labels';

const WEEK = [0, 1, 2, 3, 4, 5, 6] as const;

interface HolidayRow {
  key: number;
  date: string;
  name: string;
}

function ReadOnlyCalendar({ settings }: { settings: CalendarSettings }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  usePageTitle(t('calendar.title'));
  return (
    <>
      <h2 className="heading-m">{t('calendar.weekendTitle')}</h2>
      <p>
        {settings.weekendDays.length > 0
          ? settings.weekendDays.map((day) => weekdayName(day, i18n.language)).join(t('sops.listSeparator'))
          : t('calendar.noWeekend')}
      </p>
      <h2 className="heading-m">{t('calendar.holidaysTitle')}</h2>
      {settings.holidays.length === 0 ? (
        <p>{t('calendar.noHolidays')}</p>
      ) : (
        <DataTable caption={t('calendar.holidaysCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('calendar.date')}</th>
              <th scope="col">{t('calendar.name')}</th>
            </tr>
          </thead>
          <tbody>
            {settings.holidays.map((holiday) => (
              <tr key={holiday.date}>
                <td>
                  <time dateTime={holiday.date}>{format.date(`${holiday.date}T12:00:00Z`)}</time>
                </td>
                <td>
                  <bdi>{holiday.name}</bdi>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </>
  );
}

/** Client-side checks, before the server's: each holiday complete, each date once, a working day left. */
function problems(t: TFunction, weekend: number[], rows: HolidayRow[]) {
  const errors: FieldError[] = [];
  if (weekend.length > 6) errors.push({ field: 'weekend', message: t('calendar.errors.allWeekend') });
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const n = i + 1;
    if (!row.date)
      errors.push({ field: `holiday-${row.key}-date`, message: t('calendar.errors.dateRequired', { n }) });
    else if (seen.has(row.date))
      errors.push({ field: `holiday-${row.key}-date`, message: t('calendar.errors.duplicate', { n }) });
    seen.add(row.date);
    if (!row.name.trim())
      errors.push({ field: `holiday-${row.key}-name`, message: t('calendar.errors.nameRequired', { n }) });
  });
  return errors;
}

function CalendarForm({ settings }: { settings: CalendarSettings }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const nextKey = useRef(settings.holidays.length);
  const [weekend, setWeekend] = useState<number[]>(settings.weekendDays);
  const [rows, setRows] = useState<HolidayRow[]>(() =>
    settings.holidays.map((holiday, key) => ({ key, date: holiday.date, name: holiday.name })),
  );
  const [saved, setSaved] = useState(false);
  const errors = useFormErrors();
  usePageTitle(t('calendar.title'), errors.errors.length > 0);
  const initial = JSON.stringify(settings);
  const current: CalendarSettings = {
    weekendDays: [...weekend].sort((a, b) => a - b),
    holidays: rows.map((row) => ({ date: row.date, name: row.name.trim() })),
  };
  useWarnBeforeLeaving(JSON.stringify(current) !== initial && !saved);

  const save = useMutation({
    mutationFn: () => sopsApi.saveCalendar(current),
    onSuccess: (answer) => {
      queryClient.setQueryData([CALENDAR_KEY], answer);
      setSaved(true);
    },
    onError: (error) => {
      const issues = isApiError(error) ? error.issues : [];
      const mapped = issues.flatMap((issue): FieldError[] => {
        const [list, index, field] = issue.path;
        const row = list === 'holidays' && typeof index === 'number' ? rows[index] : undefined;
        if (!row) return [];
        const part = field === 'name' ? 'name' : 'date';
        const n = index as number;
        const message =
          issue.code === 'duplicate'
            ? t('calendar.errors.duplicate', { n: n + 1 })
            : t(part === 'name' ? 'calendar.errors.nameRequired' : 'calendar.errors.dateRequired', {
                n: n + 1,
              });
        return [{ field: `holiday-${row.key}-${part}`, message }];
      });
      errors.show(mapped.length > 0 ? mapped : [{ field: '', message: errorMessage(t, error) }]);
    },
  });

  function submit(): void {
    setSaved(false);
    const found = problems(t, weekend, rows);
    if (found.length > 0) {
      errors.show(found);
      return;
    }
    errors.clear();
    save.mutate();
  }

  function addHoliday(): void {
    const key = nextKey.current++;
    setRows((old) => [...old, { key, date: '', name: '' }]);
    setSaved(false);
    window.setTimeout(() => document.getElementById(`holiday-${key}-date`)?.focus(), 0);
  }

  const fieldIds = Object.fromEntries([
    ['weekend', 'weekend-0'],
    ...rows.flatMap((row) =>
      ['date', 'name'].map((part) => [`holiday-${row.key}-${part}`, `holiday-${row.key}-${part}`]),
    ),
  ]);

  return (
    <form
      className="narrow-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <ErrorSummary errors={errors.errors} fieldIds={fieldIds} summaryRef={errors.summaryRef} />
      {saved ? <Notice tone="success" title={t('calendar.saved')} /> : null}
      <fieldset className="fieldset">
        <legend className="fieldset__legend">{t('calendar.weekendTitle')}</legend>
        <p className="hint">{t('calendar.weekendHint')}</p>
        {errors.errorFor('weekend') ? <p className="error-message">{errors.errorFor('weekend')}</p> : null}
        <div className="sop-weekdays">
          {WEEK.map((day) => (
            <CheckboxField
              key={day}
              id={`weekend-${day}`}
              label={weekdayName(day, i18n.language)}
              checked={weekend.includes(day)}
              onCheckedChange={(checked) => {
                setSaved(false);
                setWeekend((old) => (checked ? [...old, day] : old.filter((d) => d !== day)));
              }}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="fieldset add-another">
        <legend className="fieldset__legend">{t('calendar.holidaysTitle')}</legend>
        <p className="hint">{t('calendar.holidaysHint')}</p>
        {rows.length === 0 ? <p>{t('calendar.noHolidays')}</p> : null}
        {rows.map((row, index) => {
          const set = (patch: Partial<HolidayRow>) => {
            setSaved(false);
            setRows((old) => old.map((r) => (r.key === row.key ? { ...r, ...patch } : r)));
          };
          return (
            <div className="add-another__item" key={row.key}>
              <TextField
                id={`holiday-${row.key}-date`}
                type="date"
                label={`${t('calendar.holiday', { n: index + 1 })}: ${t('calendar.date')}`}
                value={row.date}
                onValueChange={(date) => set({ date })}
                error={errors.errorFor(`holiday-${row.key}-date`)}
                width="short"
                dir="ltr"
              />
              <TextField
                id={`holiday-${row.key}-name`}
                label={`${t('calendar.holiday', { n: index + 1 })}: ${t('calendar.name')}`}
                value={row.name}
                onValueChange={(name) => set({ name })}
                error={errors.errorFor(`holiday-${row.key}-name`)}
                maxLength={200}
                width="full"
                dir="auto"
              />
              <button
                type="button"
                className="button button--link"
                aria-label={t('calendar.removeLabel', { n: index + 1 })}
                onClick={() => {
                  setSaved(false);
                  setRows((old) => old.filter((r) => r.key !== row.key));
                }}
              >
                {t('calendar.remove')}
              </button>
            </div>
          );
        })}
        <button type="button" className="button button--secondary" onClick={addHoliday}>
          {t('calendar.add')}
        </button>
      </fieldset>
      <div className="button-group">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t('calendar.saving') : t('calendar.save')}
        </button>
      </div>
    </form>
  );
}

export function CalendarPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const calendar = useCalendar();
  const canManage = hasPermission(me, 'calendar.manage');

  return (
    <>
      <p>
        <Link className="back-link" to="/sops">
          {t('calendar.back')}
        </Link>
      </p>
      <h1 className="heading-xl">{t('calendar.title')}</h1>
      <p className="lead">{t('calendar.intro')}</p>
      {calendar.isPending ? (
        <PageLoading />
      ) : calendar.isError ? (
        <Notice tone="error" title={errorMessage(t, calendar.error)} />
      ) : canManage ? (
        <CalendarForm settings={calendar.data} />
      ) : (
        <>
          <Notice tone="info" title={t('calendar.readOnly')} />
          <ReadOnlyCalendar settings={calendar.data} />
        </>
      )}
    </>
  );
}
