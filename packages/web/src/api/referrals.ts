import type {
  ConsentCheck,
  InboxBox,
  InboxPage,
  OnwardReferralRequest,
  PersonReferralHistory,
  ReferralCreate,
  ReferralDto,
  ReferralList,
  ReferralPurpose,
  ReferralTransition,
} from '@opennrm/domain';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { CASES_KEY } from './cases';
import { api, type RequestOptions, requestVersioned, withQuery } from './client';
import { PAGE_SIZE } from './lists';

export const REFERRALS_KEY = 'referrals';
export const INBOX_KEY = 'inbox';

const enc = encodeURIComponent;

/** The `If-Match` value for a change to a referral: its ETag is its version. */
export const referralEtag = (referral: Pick<ReferralDto, 'version'>): string => `"v${referral.version}"`;

const ifMatch = (referral: Pick<ReferralDto, 'version'>): RequestOptions => ({
  headers: { 'if-match': referralEtag(referral) },
});

export const referralsApi = {
  ofCase: (caseId: string, signal?: AbortSignal) =>
    api.get<ReferralList>(`/cases/${enc(caseId)}/referrals`, signal),
  consentCheck: (caseId: string, organisationId: string, purpose: ReferralPurpose, signal?: AbortSignal) =>
    api.get<ConsentCheck>(
      withQuery(`/cases/${enc(caseId)}/referrals/consent-check`, { organisationId, purpose }),
      signal,
    ),
  send: (caseId: string, body: ReferralCreate) =>
    api.post<ReferralDto>(`/cases/${enc(caseId)}/referrals`, body),
  get: (id: string, signal?: AbortSignal) => api.get<ReferralDto>(`/referrals/${enc(id)}`, signal),
  transition: (referral: ReferralDto, body: ReferralTransition) =>
    requestVersioned<ReferralDto>(
      'POST',
      `/referrals/${enc(referral.id)}/transitions`,
      body,
      ifMatch(referral),
    ).then((r) => r.data),
  onwardRequest: (id: string, body: OnwardReferralRequest) =>
    api.post<ReferralDto>(`/referrals/${enc(id)}/onward-request`, body),
  ofPerson: (personId: string, signal?: AbortSignal) =>
    api.get<PersonReferralHistory>(`/persons/${enc(personId)}/referrals`, signal),
};

export const caseReferralsKey = (caseId: string) => [REFERRALS_KEY, 'case', caseId] as const;
export const referralKey = (id: string) => [REFERRALS_KEY, 'one', id] as const;
export const personReferralsKey = (personId: string) => [REFERRALS_KEY, 'person', personId] as const;

export function useCaseReferrals(caseId: string, enabled = true) {
  return useQuery({
    queryKey: caseReferralsKey(caseId),
    queryFn: ({ signal }) => referralsApi.ofCase(caseId, signal),
    enabled,
  });
}

export function useReferral(id: string, enabled = true) {
  return useQuery({
    queryKey: referralKey(id),
    queryFn: ({ signal }) => referralsApi.get(id, signal),
    enabled: enabled && id !== '',
  });
}

export function usePersonReferrals(personId: string, enabled = true) {
  return useQuery({
    queryKey: personReferralsKey(personId),
    queryFn: ({ signal }) => referralsApi.ofPerson(personId, signal),
    enabled,
  });
}

export function useConsentCheck(caseId: string, organisationId: string, purpose: ReferralPurpose | '') {
  return useQuery({
    queryKey: [REFERRALS_KEY, 'consent-check', caseId, organisationId, purpose],
    queryFn: ({ signal }) =>
      referralsApi.consentCheck(caseId, organisationId, purpose as ReferralPurpose, signal),
    enabled: organisationId !== '' && purpose !== '',
    staleTime: 0,
  });
}

/** An organisation's inbox, one box at a time, keyset-paged; every page carries the box counts. */
export function useInbox(box: InboxBox) {
  const query = useInfiniteQuery({
    queryKey: [INBOX_KEY, box],
    queryFn: ({ pageParam, signal }) =>
      api.get<InboxPage>(withQuery('/inbox', { box, limit: PAGE_SIZE, cursor: pageParam }), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const counts = query.data?.pages[0]?.counts;
  return { ...query, items, counts };
}

/** After a referral changed: keep the new copy, refresh every list that may show it. */
export function useStoreReferral() {
  const queryClient = useQueryClient();
  return (referral: ReferralDto) => {
    queryClient.setQueryData(referralKey(referral.id), referral);
    void queryClient.invalidateQueries({ queryKey: caseReferralsKey(referral.caseId) });
    void queryClient.invalidateQueries({ queryKey: [INBOX_KEY] });
    void queryClient.invalidateQueries({ queryKey: [REFERRALS_KEY, 'person'] });
    // The case's timeline, tasks, workflow and procedure map move with its referrals.
    void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'timeline', referral.caseId] });
    void queryClient.invalidateQueries({ queryKey: ['workflow', referral.caseId] });
    void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    void queryClient.invalidateQueries({ queryKey: ['procedure-map'] });
  };
}
