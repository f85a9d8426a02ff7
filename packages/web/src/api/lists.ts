import { useInfiniteQuery } from '@tanstack/react-query';
import { api, withQuery } from './client';

export const PAGE_SIZE = 25;

interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

type Filters = Record<string, string | undefined>;

/** A keyset-paged list: each "Load more" asks for the page after the last cursor. */
export function usePagedList<T>(key: string, path: string, filters: Filters, enabled = true) {
  const query = useInfiniteQuery({
    queryKey: [key, 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<T>>(withQuery(path, { ...filters, limit: PAGE_SIZE, cursor: pageParam }), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  /** Rows matching the filters, when the server counts them. */
  const total = query.data?.pages[0]?.total;
  return { ...query, items, total };
}

/** Reads every page (up to a safety cap) for small reference lists such as select options. */
export async function fetchAll<T>(path: string, filters: Filters, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page += 1) {
    const result = await api.get<Page<T>>(withQuery(path, { ...filters, limit: 100, cursor }), signal);
    items.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return items;
}
