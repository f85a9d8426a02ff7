import type { ConsentCheck, Organisation, ReferralCreate, ReferralDto } from '@opennrm/domain';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { anOrganisation, api, apiError, aUser, pageOf, server, signedIn } from '../../../test/dom/network';
import { renderPage } from '../../../test/dom/render';
import { i18n } from '../../i18n';
import { ReferDialog } from './refer-dialog';

const CASE_ID = '00000000-0000-4000-8000-00000000c001';
const SHELTER: Organisation = anOrganisation({
  id: '00000000-0000-4000-8000-0000000000b1',
  name: 'Safe Haven Shelter',
});
const EMBASSY: Organisation = anOrganisation({
  id: '00000000-0000-4000-8000-0000000000b2',
  name: 'Embassy of Nepal',
  kind: 'embassy',
  countryCode: 'NP',
});
const CLOSED: Organisation = anOrganisation({
  id: '00000000-0000-4000-8000-0000000000b3',
  name: 'Closed Legal Aid',
  active: false,
});

const consent = (covered: boolean): ConsentCheck => ({
  covered,
  purpose: 'referral_sharing',
  status: covered ? 'given' : 'none',
});

function sentReferral(body: ReferralCreate): ReferralDto {
  return {
    id: '00000000-0000-4000-8000-00000000e001',
    caseId: CASE_ID,
    caseReference: 'NRM-2026-000123',
    organisationId: body.organisationId,
    organisationName: SHELTER.name,
    organisationKind: SHELTER.kind,
    purpose: body.purpose,
    status: 'sent',
    message: body.message || null,
    sharedSections: body.sharedSections,
    sentAt: '2026-03-02T10:00:00.000Z',
    sentBy: 'Case Worker',
    acknowledgeBy: '2026-03-04T10:00:00.000Z',
    completeBy: null,
    acknowledgedAt: null,
    acceptedAt: null,
    startedAt: null,
    completedAt: null,
    declinedAt: null,
    revokedAt: null,
    reason: null,
    outcome: null,
    consentOverride: body.withoutConsentReason !== undefined,
    onwardRequest: null,
    overdue: false,
    allowedTransitions: ['revoked'],
    version: 1,
  };
}

/** The network of a case worker (or a supervisor) referring case CASE_ID. */
function network({ covered = true, supervisor = false } = {}) {
  signedIn(
    aUser(
      supervisor
        ? ['organisations.read', 'referrals.send', 'referrals.send_without_consent']
        : ['organisations.read', 'referrals.send'],
    ),
  );
  const checks: URLSearchParams[] = [];
  server.use(
    http.get(api('/organisations'), () => pageOf([SHELTER, EMBASSY, CLOSED])),
    http.get(api(`/cases/${CASE_ID}/referrals/consent-check`), ({ request }) => {
      checks.push(new URL(request.url).searchParams);
      return HttpResponse.json(consent(covered));
    }),
  );
  return { checks };
}

function renderDialog() {
  const onSent = vi.fn();
  const onClose = vi.fn();
  const page = renderPage(<ReferDialog caseId={CASE_ID} open onClose={onClose} onSent={onSent} />);
  return { ...page, onSent, onClose };
}

const t = (key: string) => i18n.t(key);

async function choose(user: ReturnType<typeof renderDialog>['user'], organisation: string, purpose: string) {
  await user.selectOptions(
    await screen.findByRole('combobox', { name: t('referrals.refer.organisation') }),
    await screen.findByRole('option', { name: new RegExp(organisation) }),
  );
  await user.selectOptions(
    screen.getByRole('combobox', { name: t('referrals.refer.purpose') }),
    t(`referrals.purposes.${purpose}`),
  );
}

describe('the refer dialog', () => {
  it('offers the active partner organisations, checks consent, and sends what was chosen', async () => {
    network();
    let sent: unknown;
    server.use(
      http.post(api(`/cases/${CASE_ID}/referrals`), async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(sentReferral(sent as ReferralCreate), { status: 201 });
      }),
    );
    const { user, onSent } = renderDialog();

    const organisation = await screen.findByRole('combobox', { name: t('referrals.refer.organisation') });
    await screen.findByRole('option', { name: /Safe Haven Shelter/ });
    const names = within(organisation)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(names).toEqual([
      t('referrals.refer.chooseOrganisation'),
      `Embassy of Nepal (${t('organisationKinds.embassy')})`,
      `Safe Haven Shelter (${t('organisationKinds.shelter')})`,
    ]);
    expect(screen.getByText(t('referrals.consentCheck.chooseFirst'))).toBeTruthy();

    await choose(user, 'Safe Haven Shelter', 'shelter');
    expect(await screen.findByText(t('referrals.consentCheck.covered'))).toBeTruthy();

    await user.type(
      screen.getByRole('textbox', { name: t('referrals.refer.message') }),
      '  A bed for tonight  ',
    );
    await user.click(screen.getByRole('checkbox', { name: t('caseSections.screening') }));
    await user.click(screen.getByRole('checkbox', { name: t('caseSections.narrative') }));
    await user.click(screen.getByRole('button', { name: t('referrals.refer.submit') }));

    await waitFor(() => expect(onSent).toHaveBeenCalledOnce());
    expect(sent).toEqual({
      organisationId: SHELTER.id,
      purpose: 'shelter',
      message: 'A bed for tonight',
      sharedSections: ['person', 'screening'],
    });
  });

  it('says what is missing before sending anything', async () => {
    network();
    const { user } = renderDialog();
    await screen.findByRole('option', { name: /Safe Haven Shelter/ });
    await user.click(screen.getByRole('checkbox', { name: t('caseSections.person') }));
    await user.click(screen.getByRole('checkbox', { name: t('caseSections.narrative') }));
    await user.click(screen.getByRole('button', { name: t('referrals.refer.submit') }));

    const summary = await screen.findByRole('alert');
    for (const key of ['organisation', 'purpose', 'sections']) {
      expect(within(summary).getByText(t(`referrals.refer.errors.${key}`))).toBeTruthy();
    }
  });

  it('without consent, a case worker cannot send; a supervisor must write why, and the reason is sent', async () => {
    network({ covered: false });
    const first = renderDialog();
    await choose(first.user, 'Safe Haven Shelter', 'shelter');
    expect(await screen.findByText(t('referrals.consentCheck.notCovered'))).toBeTruthy();
    expect(screen.getByText(t('referrals.consentCheck.needSupervisor'))).toBeTruthy();
    expect(screen.queryByRole('button', { name: t('referrals.refer.submit') })).toBeNull();
    expect(screen.queryByRole('button', { name: t('referrals.refer.submitWithoutConsent') })).toBeNull();
    first.unmount();

    const { checks } = network({ covered: false, supervisor: true });
    let sent: ReferralCreate | undefined;
    server.use(
      http.post(api(`/cases/${CASE_ID}/referrals`), async ({ request }) => {
        sent = (await request.json()) as ReferralCreate;
        return HttpResponse.json(sentReferral(sent), { status: 201 });
      }),
    );
    const { user, onSent } = renderDialog();
    await choose(user, 'Safe Haven Shelter', 'shelter');
    await screen.findByText(t('referrals.consentCheck.overrideIntro'));
    expect(checks.at(-1)?.get('organisationId')).toBe(SHELTER.id);
    expect(checks.at(-1)?.get('purpose')).toBe('shelter');

    const send = screen.getByRole('button', { name: t('referrals.refer.submitWithoutConsent') });
    await user.click(send);
    expect(await screen.findAllByText(t('referrals.refer.errors.reason'))).not.toHaveLength(0);
    expect(sent).toBeUndefined();

    await user.type(
      screen.getByRole('textbox', { name: t('referrals.consentCheck.reason') }),
      'Urgent risk to her safety',
    );
    await user.click(send);
    await waitFor(() => expect(onSent).toHaveBeenCalledOnce());
    expect(sent?.withoutConsentReason).toBe('Urgent risk to her safety');
  });

  it.each(['en', 'ar'])(
    'shows a refusal of the server (EMBASSY_NOT_OF_NATIONALITY) in %s and keeps what was typed',
    async (language) => {
      await i18n.changeLanguage(language);
      network();
      server.use(
        http.post(api(`/cases/${CASE_ID}/referrals`), () => apiError(422, 'EMBASSY_NOT_OF_NATIONALITY')),
      );
      const { user, onSent } = renderDialog();
      await choose(user, 'Embassy of Nepal', 'repatriation');
      await screen.findByText(t('referrals.consentCheck.covered'));
      const message = screen.getByRole('textbox', { name: t('referrals.refer.message') });
      await user.type(message, 'Travel documents for the return');
      await user.click(screen.getByRole('button', { name: t('referrals.refer.submit') }));

      const expected = t('errors.EMBASSY_NOT_OF_NATIONALITY');
      expect(expected).not.toBe('errors.EMBASSY_NOT_OF_NATIONALITY');
      const summary = await screen.findByRole('alert');
      expect(within(summary).getByText(expected)).toBeTruthy();
      expect(onSent).not.toHaveBeenCalled();
      expect(
        (screen.getByRole('combobox', { name: t('referrals.refer.organisation') }) as HTMLSelectElement)
          .value,
      ).toBe(EMBASSY.id);
      expect(
        (screen.getByRole('combobox', { name: t('referrals.refer.purpose') }) as HTMLSelectElement).value,
      ).toBe('repatriation');
      expect((message as HTMLTextAreaElement).value).toBe('Travel documents for the return');
    },
  );
});
