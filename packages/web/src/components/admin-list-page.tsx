import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { usePagedList } from '../api/lists';
import { DataTable } from './data-table';
import { Flash } from './flash';
import { PagedListStates } from './load-more';
import { usePageTitle } from './page-title';

interface Props {
  /**
   * The list's translations: `<texts>.title`, `.new`, `.emptyTitle`, `.emptyFiltered`,
   * `.emptyAll` and `.count`.
   */
  texts: 'organisations' | 'users';
  /** Where "New…" goes; none for a reader who may not add. */
  newPath: string | null;
  list: Pick<
    ReturnType<typeof usePagedList<unknown>>,
    'isPending' | 'isError' | 'error' | 'items' | 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'
  >;
  /** Whether filters are applied (the empty state says so). */
  filtered: boolean;
  filters: ReactNode;
  /** The table's header row and its rows. */
  head: ReactNode;
  rows: ReactNode;
}

/** An administration list: its title and "New…" button, filters beside a paged table. */
export function AdminListPage({ texts, newPath, list, filtered, filters, head, rows }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(t(`${texts}.title`));
  return (
    <>
      <div className="page-heading">
        <h1 className="heading-xl">{t(`${texts}.title`)}</h1>
        {newPath ? (
          <button type="button" className="button" onClick={() => navigate(newPath)}>
            {t(`${texts}.new`)}
          </button>
        ) : null}
      </div>
      <Flash />
      <div className="list-layout">
        {filters}
        <div className="list-layout__results">
          <PagedListStates
            list={list}
            countKey={`${texts}.count`}
            emptyTitle={t(`${texts}.emptyTitle`)}
            emptyText={filtered ? t(`${texts}.emptyFiltered`) : t(`${texts}.emptyAll`)}
          >
            <DataTable caption={t(`${texts}.title`)}>
              <thead>{head}</thead>
              <tbody>{rows}</tbody>
            </DataTable>
          </PagedListStates>
        </div>
      </div>
    </>
  );
}
