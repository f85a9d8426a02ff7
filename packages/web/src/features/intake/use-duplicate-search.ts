import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { PERSONS_KEY, personsApi } from '../../api/cases';
import { type PersonDraft, toDuplicateQuery } from './person-draft';

/** Waits until `value` has stopped changing for `ms` milliseconds. */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Existing persons who may be the one being entered, searched again ~400 ms after typing stops. */
export function useDuplicateSearch(draft: PersonDraft, enabled: boolean) {
  const query = toDuplicateQuery(draft);
  const text = useDebounced(query ? JSON.stringify(query) : '', 400);
  const result = useQuery({
    queryKey: [PERSONS_KEY, 'duplicates', text],
    queryFn: ({ signal }) => personsApi.duplicates(JSON.parse(text), signal),
    enabled: enabled && text !== '',
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const candidates = text && result.data ? result.data.candidates : [];
  return {
    candidates,
    /** Strong and possible matches need a decision; weak ones are shown for information. */
    needsDecision: candidates.some((c) => c.band !== 'weak'),
    searching: result.isFetching || (query ? JSON.stringify(query) : '') !== text,
    searched: text !== '' && result.isSuccess,
    error: result.error,
  };
}
