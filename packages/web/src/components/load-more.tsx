import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './form-errors';
import { SkeletonRows } from './loading';
import { Notice } from './notice';

interface Props {
  /** Translation key of the count sentence, pluralised on `count`. */
  countKey: string;
  count: number;
  /** Other values the count sentence uses, such as how many rows are shown of the total. */
  values?: Record<string, unknown>;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

/** The count of rows shown and, with keyset paging, a button for the next page. */
export function ListFooter({ countKey, count, values, hasMore, loading, onLoadMore }: Props) {
  const { t } = useTranslation();
  return (
    <div className="list-footer">
      <p className="list-footer__count" aria-live="polite">
        {t(countKey, { ...values, count })} {hasMore ? t('common.moreAvailable') : ''}
      </p>
      {hasMore ? (
        <button type="button" className="button button--secondary" onClick={onLoadMore} disabled={loading}>
          {loading ? t('common.loading') : t('common.loadMore')}
        </button>
      ) : null}
    </div>
  );
}

interface PagedProps {
  list: {
    items: readonly unknown[];
    /** Rows matching the filters, when the server counts them. */
    total?: number;
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    fetchNextPage: () => Promise<unknown>;
  };
  /** The count sentence (of the total, where `shownKey` is given). */
  countKey: string;
  /** For a list whose server counts the rows: the sentence when it did not ("N shown"). */
  shownKey?: string;
}

/** The footer of a `usePagedList` list: its count and "Load more". */
export function PagedListFooter({ list, countKey, shownKey }: PagedProps) {
  const counted = shownKey !== undefined;
  return (
    <ListFooter
      countKey={counted && list.total === undefined ? shownKey : countKey}
      count={counted ? (list.total ?? list.items.length) : list.items.length}
      values={counted ? { shown: list.items.length } : undefined}
      hasMore={list.hasNextPage}
      loading={list.isFetchingNextPage}
      onLoadMore={() => void list.fetchNextPage()}
    />
  );
}

interface StatesProps extends PagedProps {
  list: PagedProps['list'] & { isPending: boolean; isError: boolean; error: unknown };
  /** The empty state's heading and sentence. */
  emptyTitle: string;
  emptyText: string;
  /** The rows, shown when there are some, above the footer. */
  children: ReactNode;
}

/** A `usePagedList` list's loading, error and empty states, else its rows and footer. */
export function PagedListStates({ list, countKey, shownKey, emptyTitle, emptyText, children }: StatesProps) {
  const { t } = useTranslation();
  return list.isPending ? (
    <SkeletonRows />
  ) : list.isError ? (
    <Notice tone="error" title={errorMessage(t, list.error)} />
  ) : list.items.length === 0 ? (
    <div className="empty-state">
      <h2 className="heading-m">{emptyTitle}</h2>
      <p>{emptyText}</p>
    </div>
  ) : (
    <>
      {children}
      <PagedListFooter list={list} countKey={countKey} shownKey={shownKey} />
    </>
  );
}
