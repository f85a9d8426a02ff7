import type { SopSummary } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../api/auth';
import { useCalendar, useSops } from '../../api/sops';
import { Badge } from '../../components/badge';
import { DataTable } from '../../components/data-table';
import { DateTime } from '../../components/date-time';
import { Flash } from '../../components/flash';
import { errorMessage } from '../../components/form-errors';
import { SkeletonRows } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { Notice } from '../../components/notice';
import { usePageTitle } from '../../components/page-title';
import { hasPermission } from '../../lib/permissions';
import { localText, weekdayName } from './sop-labels';

function CasesPerVersion({ sop }: { sop: SopSummary }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list">
      {sop.versions
        .slice()
        .reverse()
        .map(({ version }) => (
          <li key={version}>
            {t('sops.casesOnVersion', { version, count: sop.casesByVersion[String(version)] ?? 0 })}
          </li>
        ))}
    </ul>
  );
}

function SopRow({ sop }: { sop: SopSummary }) {
  const { t, i18n } = useTranslation();
  const latest = sop.versions.find((v) => v.version === sop.latestVersion);
  return (
    <tr>
      <td data-label={t('sops.columns.title')}>
        <Link to={`/sops/${sop.id}`}>{localText(sop.title, i18n.language)}</Link>
        <div className="table__secondary">
          <Ltr code>{sop.id}</Ltr>
        </div>
      </td>
      <td data-label={t('sops.columns.category')}>
        <Badge tone="blue">{t(`caseCategories.${sop.category}`)}</Badge>
      </td>
      <td data-label={t('sops.columns.latestVersion')} className="table__numeric">
        <Ltr>{sop.latestVersion}</Ltr>
      </td>
      <td data-label={t('sops.columns.cases')}>
        <CasesPerVersion sop={sop} />
      </td>
      <td data-label={t('sops.columns.published')}>
        {latest ? (
          <>
            <DateTime iso={latest.publishedAt} dateOnly />
            <div className="table__secondary">
              {latest.publishedBy ? t('sops.publishedBy', { user: latest.publishedBy }) : t('sops.shipped')}
            </div>
          </>
        ) : null}
      </td>
    </tr>
  );
}

function CalendarSummary() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const calendar = useCalendar();
  const canManage = hasPermission(me, 'calendar.manage');
  if (!calendar.data)
    return calendar.isError ? <Notice tone="error" title={errorMessage(t, calendar.error)} /> : null;
  const days = calendar.data.weekendDays.map((day) => weekdayName(day, i18n.language));
  return (
    <section className="section" aria-labelledby="sop-calendar-title">
      <h2 className="heading-m" id="sop-calendar-title">
        {t('sops.calendarTitle')}
      </h2>
      <p>
        {days.length > 0
          ? t('sops.calendarWeekend', { days: days.join(t('sops.listSeparator')) })
          : t('sops.calendarNoWeekend')}{' '}
        {t('sops.calendarHolidays', { count: calendar.data.holidays.length })}
      </p>
      <p>
        <Link to="/sops/calendar">{canManage ? t('sops.calendarChange') : t('sops.calendarSee')}</Link>
      </p>
    </section>
  );
}

export function SopListPage() {
  const { t } = useTranslation();
  const sops = useSops();
  usePageTitle(t('sops.title'));

  return (
    <>
      <h1 className="heading-xl">{t('sops.title')}</h1>
      <Flash />
      <p className="lead">{t('sops.intro')}</p>
      {sops.isPending ? (
        <SkeletonRows rows={4} />
      ) : sops.isError ? (
        <Notice tone="error" title={errorMessage(t, sops.error)} />
      ) : sops.data.length === 0 ? (
        <div className="empty-state">
          <p>{t('sops.empty')}</p>
        </div>
      ) : (
        <DataTable caption={t('sops.listCaption')} variant="cards">
          <thead>
            <tr>
              <th scope="col">{t('sops.columns.title')}</th>
              <th scope="col">{t('sops.columns.category')}</th>
              <th scope="col" className="table__numeric">
                {t('sops.columns.latestVersion')}
              </th>
              <th scope="col">{t('sops.columns.cases')}</th>
              <th scope="col">{t('sops.columns.published')}</th>
            </tr>
          </thead>
          <tbody>
            {sops.data.map((sop) => (
              <SopRow key={sop.id} sop={sop} />
            ))}
          </tbody>
        </DataTable>
      )}
      <CalendarSummary />
    </>
  );
}
