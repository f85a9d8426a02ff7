import { InboxBox, type ReferralDto } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useSession } from '../../api/auth';
import { useInbox, useReferral } from '../../api/referrals';
import { DataTable } from '../../components/data-table';
import { DateTime } from '../../components/date-time';
import { errorMessage } from '../../components/form-errors';
import { ListFooter } from '../../components/load-more';
import { PageLoading, SkeletonRows } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { Notice } from '../../components/notice';
import { organisationName } from '../../components/organisation-labels';
import { usePageTitle } from '../../components/page-title';
import { useUrlFilters } from '../../components/url-filters';
import { RecipientActions } from './recipient-actions';
import { DeadlineCell, ReferralBadges } from './referral-labels';
import { ReferralSummary } from './referral-summary';
import './referrals.css';

const BOXES = InboxBox.options;
type Counts = Partial<Record<InboxBox, number>>;

function toBox(value: string): InboxBox {
  return BOXES.find((b) => b === value) ?? 'new';
}

/** New, Overdue, In progress, Completed: links with their counts, so a box can be bookmarked. */
function BoxTabs({ current, counts }: { current: InboxBox; counts: Counts | undefined }) {
  const { t } = useTranslation();
  return (
    <nav className="tabs" aria-label={t('inbox.boxesLabel')}>
      <ul className="tabs__list">
        {BOXES.map((box) => {
          const count = counts?.[box];
          return (
            <li key={box} className="tabs__item">
              <Link
                className="tabs__link"
                to={{ pathname: '/inbox', search: box === 'new' ? '' : `?box=${box}` }}
                aria-current={box === current ? 'page' : undefined}
              >
                {t(`inbox.boxes.${box}`)}
                {count !== undefined ? (
                  <span
                    className={
                      box === 'overdue' && count > 0 ? 'inbox-count inbox-count--alert' : 'inbox-count'
                    }
                  >
                    {count}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function InboxTable({ items, box }: { items: readonly ReferralDto[]; box: InboxBox }) {
  const { t } = useTranslation();
  const search = box === 'new' ? '' : `?box=${box}`;
  return (
    <DataTable caption={t('inbox.tableCaption', { box: t(`inbox.boxes.${box}`) })} variant="cards">
      <thead>
        <tr>
          <th scope="col">{t('inbox.case')}</th>
          <th scope="col">{t('inbox.purpose')}</th>
          <th scope="col">{t('inbox.sent')}</th>
          <th scope="col">{t('inbox.deadline')}</th>
          <th scope="col">{t('inbox.status')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((referral) => (
          <tr key={referral.id}>
            <td data-label={t('inbox.case')}>
              <Link to={`/inbox/${referral.id}${search}`} className="case-ref">
                <Ltr>{referral.caseReference}</Ltr>
                <span className="visually-hidden">
                  {' '}
                  {t('inbox.openReferral', { purpose: t(`referrals.purposes.${referral.purpose}`) })}
                </span>
              </Link>
            </td>
            <td data-label={t('inbox.purpose')}>{t(`referrals.purposes.${referral.purpose}`)}</td>
            <td data-label={t('inbox.sent')}>
              <DateTime iso={referral.sentAt} dateOnly />
            </td>
            <td data-label={t('inbox.deadline')}>
              <DeadlineCell referral={referral} />
            </td>
            <td data-label={t('inbox.status')}>
              <ReferralBadges referral={referral} />
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

function InboxList() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const url = useUrlFilters(['box'] as const);
  const box = toBox(url.filters.box);
  const inbox = useInbox(box);
  usePageTitle(`${t('inbox.title')}: ${t(`inbox.boxes.${box}`)}`);
  return (
    <>
      <h1 className="heading-xl">
        {me ? <span className="caption">{organisationName(me.organisation, i18n.language)}</span> : null}
        {t('inbox.title')}
      </h1>
      <p className="lead">{t('inbox.intro')}</p>
      <BoxTabs current={box} counts={inbox.counts} />
      {inbox.isPending ? (
        <SkeletonRows rows={6} />
      ) : inbox.isError ? (
        <Notice tone="error" title={errorMessage(t, inbox.error)} />
      ) : inbox.items.length === 0 ? (
        <div className="empty-state">
          <h2 className="heading-m">{t('inbox.emptyTitle')}</h2>
          <p>{t(`inbox.empty.${box}`)}</p>
        </div>
      ) : (
        <>
          <InboxTable items={inbox.items} box={box} />
          <ListFooter
            countKey="inbox.count"
            count={inbox.counts?.[box] ?? inbox.items.length}
            values={{ shown: inbox.items.length }}
            hasMore={inbox.hasNextPage}
            loading={inbox.isFetchingNextPage}
            onLoadMore={() => void inbox.fetchNextPage()}
          />
        </>
      )}
    </>
  );
}

/** One referral to the user's organisation: what was asked, what was shared, and the answers to give. */
function InboxDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const box = params.get('box');
  const referral = useReferral(id);
  const found = referral.data;
  usePageTitle(
    found ? `${t(`referrals.purposes.${found.purpose}`)} – ${found.caseReference}` : t('inbox.title'),
  );
  const back = (
    <p>
      <Link className="back-link" to={{ pathname: '/inbox', search: box ? `?box=${box}` : '' }}>
        {t('inbox.back')}
      </Link>
    </p>
  );
  if (referral.isPending) return <PageLoading />;
  if (!found) {
    return (
      <>
        {back}
        <Notice tone="error" title={errorMessage(t, referral.error)} />
      </>
    );
  }
  return (
    <div className="inbox-detail">
      {back}
      <h1 className="heading-xl">
        <span className="caption">
          <Ltr>{found.caseReference}</Ltr>
        </span>
        {t('inbox.detailTitle', { purpose: t(`referrals.purposes.${found.purpose}`) })}
      </h1>
      <ReferralBadges referral={found} />
      <RecipientActions referral={found} />
      <h2 className="heading-m">{t('inbox.details')}</h2>
      <ReferralSummary referral={found} />
      <div className="inbox-detail__case">
        <h2 className="heading-m">{t('inbox.caseTitle')}</h2>
        <p>{t('inbox.caseIntro')}</p>
        <Link className="button button--secondary" to={`/cases/${found.caseId}`}>
          {t('inbox.openCase')}
        </Link>
      </div>
    </div>
  );
}

/** The organisation's referral inbox (`/inbox?box=`) and one referral in it (`/inbox/:id`). */
export function InboxPage() {
  const { id } = useParams();
  // Notifications link to `/inbox?referral=<id>`.
  const [params] = useSearchParams();
  const chosen = id ?? params.get('referral');
  return chosen ? <InboxDetail id={chosen} /> : <InboxList />;
}
