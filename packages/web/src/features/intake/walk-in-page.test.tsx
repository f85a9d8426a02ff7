import type { Case, CaseCreate, DuplicateCandidates, Me } from '@opennrm/domain';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { api, apiError, aUser, server, signedIn } from '../../../test/dom/network';
import { renderPage } from '../../../test/dom/render';
import { i18n } from '../../i18n';
import { WalkInPage } from './walk-in-page';

const CASE_ID = '00000000-0000-4000-8000-00000000c0de';
const INTERVIEWER: Me = aUser(['cases.create', 'persons.search']);

function createdCase(body: CaseCreate): Case {
  const person = body.person;
  return {
    id: CASE_ID,
    reference: 'NRM-2026-000042',
    stage: 'received',
    intakeKind: 'walk_in',
    channel: 'walk_in',
    receivedAt: '2026-03-02T09:30:00.000Z',
    referredByOrganisation: null,
    referredByName: null,
    languages: body.languages ?? [],
    interpreterUsed: false,
    duplicateCheck: body.duplicateCheck,
    assignedTo: null,
    createdBy: { id: INTERVIEWER.id, displayName: INTERVIEWER.displayName },
    createdAt: '2026-03-02T09:30:00.000Z',
    version: 1,
    sections: ['person', 'narrative', 'screening', 'parties', 'consents', 'timeline'],
    person: person
      ? {
          id: '00000000-0000-4000-8000-00000000f001',
          nameLatin: person.nameLatin ?? null,
          nameArabic: person.nameArabic ?? null,
          aliases: person.aliases ?? [],
          sex: person.sex ?? 'unknown',
          dateOfBirth: person.dateOfBirth ?? null,
          estimatedBirthYear: person.estimatedBirthYear ?? null,
          nationality: person.nationality ?? null,
          languages: person.languages ?? [],
          interpreterNeeded: person.interpreterNeeded ?? false,
          workPermitType: person.workPermitType ?? 'unknown',
          vulnerabilities: person.vulnerabilities ?? [],
          phone: person.phone ?? null,
          documents: [],
          version: 1,
          createdAt: '2026-03-02T09:30:00.000Z',
        }
      : null,
    narrative: null,
  };
}

/** The interviewer's network: no existing record matches; `POST /cases` answers with `answers`, in turn. */
function network(...answers: ((body: CaseCreate) => Response)[]) {
  signedIn(INTERVIEWER);
  const posts: { body: CaseCreate; key: string | null }[] = [];
  server.use(
    http.post(api('/persons/duplicates'), () =>
      HttpResponse.json({ candidates: [] } satisfies DuplicateCandidates),
    ),
    http.post(api('/cases'), async ({ request }) => {
      const body = (await request.json()) as CaseCreate;
      posts.push({ body, key: request.headers.get('idempotency-key') });
      const answer = answers[Math.min(posts.length, answers.length) - 1];
      return answer ? answer(body) : apiError(500, 'INTERNAL');
    }),
  );
  return { posts };
}

const created = (body: CaseCreate) =>
  HttpResponse.json(createdCase(body), { status: 201, headers: { etag: '"v1"' } });
const t = (key: string) => i18n.t(key);
/** A label's text, and whatever the field adds after it ("(optional)"). */
const labelled = (label: string) => new RegExp(`^${label.replace(/[()[\]\\.*+?^$|{}]/g, '\\$&')}`);
const field = (label: string) => screen.getByRole('textbox', { name: labelled(label) }) as HTMLInputElement;

function renderInterview() {
  return renderPage(<WalkInPage />, { path: '/intake/walk-in' });
}

describe('the walk-in interview, step 1 (the person)', () => {
  it('asks for a name before creating the case, and sends nothing', async () => {
    const { posts } = network(created);
    const { user } = renderInterview();
    await user.click(await screen.findByRole('button', { name: t('walkIn.createCase') }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText(t('intake.errors.nameRequired'))).toBeTruthy();
    expect(
      within(summary)
        .getByRole('link', { name: t('intake.errors.nameRequired') })
        .getAttribute('href'),
    ).toBe('#walkin-nameLatin');
    expect(document.title.startsWith(t('common.errorPrefix'))).toBe(true);
    expect(posts).toHaveLength(0);
  });

  it('creates the case with what was typed and goes on to the case details', async () => {
    const { posts } = network(created);
    const { user } = renderInterview();
    await user.type(
      await screen.findByRole('textbox', { name: labelled(t('person.nameLatin')) }),
      'Maya Gurung',
    );
    await user.selectOptions(screen.getByRole('combobox', { name: labelled(t('person.nationality')) }), 'NP');
    await user.type(field(t('person.phone')), '+974 5555 1234');
    await waitFor(
      () => expect(document.querySelector('.matches__status')?.textContent).toBe(t('duplicates.noneFound')),
      { timeout: 3000 },
    );
    await user.click(screen.getByRole('button', { name: t('walkIn.createCase') }));

    expect(await screen.findByTestId('elsewhere')).toHaveProperty(
      'textContent',
      `/intake/walk-in/${CASE_ID}/details`,
    );
    expect(posts).toHaveLength(1);
    expect(posts[0]?.key).toBeTruthy();
    expect(posts[0]?.body).toMatchObject({
      intakeKind: 'walk_in',
      channel: 'walk_in',
      duplicateCheck: 'new_person_confirmed',
      person: { nameLatin: 'Maya Gurung', nationality: 'NP', phone: '+974 5555 1234' },
    });
  });

  it('keeps everything typed when the server refuses, shows why, and sends again with the same key after a lost answer', async () => {
    const { posts } = network(
      () => apiError(500, 'INTERNAL'),
      () =>
        apiError(400, 'VALIDATION_FAILED', {
          issues: [{ path: ['person', 'phone'], code: 'too_big', message: 'Too long' }],
        }),
      created,
    );
    const { user } = renderInterview();
    const name = await screen.findByRole('textbox', { name: labelled(t('person.nameLatin')) });
    await user.type(name, 'Maya Gurung');
    await user.type(field(t('person.nameArabic')), 'مايا');
    await user.type(field(t('person.phone')), '+974 5555 1234');
    const create = screen.getByRole('button', { name: t('walkIn.createCase') });

    await user.click(create);
    await screen.findByText(t('errors.INTERNAL'));
    await user.click(create);
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(within(summary).queryByText(t('errors.INTERNAL'))).toBeNull());
    expect(within(summary).getAllByRole('link')[0]?.getAttribute('href')).toBe('#walkin-phone');

    expect((name as HTMLInputElement).value).toBe('Maya Gurung');
    expect(field(t('person.nameArabic')).value).toBe('مايا');
    expect(field(t('person.phone')).value).toBe('+974 5555 1234');
    // The answer to the first press was lost (500): the second press may not make a second case.
    expect(posts[1]?.key).toBe(posts[0]?.key);

    await user.click(create);
    expect(await screen.findByTestId('elsewhere')).toHaveProperty(
      'textContent',
      `/intake/walk-in/${CASE_ID}/details`,
    );
    // Refused (4xx): the next press is a new submission.
    expect(posts[2]?.key).not.toBe(posts[1]?.key);
  });

  it('in Arabic, reads right to left and says what is wrong in Arabic', async () => {
    await i18n.changeLanguage('ar');
    network(created);
    const { user } = renderInterview();
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    expect(await screen.findByRole('heading', { level: 1, name: t('walkIn.title') })).toBeTruthy();
    expect(t('walkIn.title')).not.toBe(i18n.getFixedT('en')('walkIn.title'));

    expect(field(t('person.nameArabic')).getAttribute('dir')).toBe('rtl');
    expect(field(t('person.nameLatin')).getAttribute('dir')).toBe('ltr');
    await user.type(field(t('person.nameArabic')), 'Maya');
    await user.click(screen.getByRole('button', { name: t('walkIn.createCase') }));
    const summary = await screen.findByRole('alert');
    const message = t('intake.errors.nameArabicScript');
    expect(message).toMatch(/[\u0600-\u06FF]/);
    expect(within(summary).getByText(message)).toBeTruthy();
    expect(field(t('person.nameArabic')).value).toBe('Maya');

    await i18n.changeLanguage('en');
    expect(document.documentElement.dir).toBe('ltr');
  });
});
