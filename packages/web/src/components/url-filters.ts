import { useSearchParams } from 'react-router-dom';

export type Filters<K extends string> = Record<K, string>;

/** List filters kept in the address, so a filtered list can be bookmarked, shared and reloaded. */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const filters = {} as Filters<K>;
  for (const key of keys) filters[key] = params.get(key) ?? '';

  function apply(next: Filters<K>): void {
    const updated = new URLSearchParams();
    for (const key of keys) {
      const value = next[key].trim();
      if (value) updated.set(key, value);
    }
    setParams(updated);
  }

  /** The filters as API query values: empty ones left out. */
  const query: Partial<Record<K, string>> = {};
  for (const key of keys) if (filters[key]) query[key] = filters[key];

  return {
    filters,
    query,
    apply,
    clear: () => setParams(new URLSearchParams()),
    active: keys.some((key) => filters[key] !== ''),
    /** Changes whenever the address does, to reset a filter form to what the address says. */
    version: params.toString(),
  };
}
