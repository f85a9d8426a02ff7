import { createRequire } from 'node:module';
import { REFERRAL_STATUS_LABELS } from '@opennrm/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirmTraffickingScreening,
  launchChromium,
  type RunningServer,
  readyForLabourInspection,
  screenshot,
  seriousA11yViolations,
  apiSession as sharedApiSession,
  signInPage,
  startServer,
} from './support.js';

const require = createRequire(import.meta.url);
const ar = require('../packages/web/src/i18n/ar.json') as Record<string, Record<string, unknown>>;
/** An Arabic interface text by its translation key. */
function arText(path: string): string {
  const value = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], ar);
  if (typeof value !== 'string') throw new Error(`no Arabic text at ${path}`);
  return value;
}

let server: RunningServer;
let browser: Browser;
let page: Page;
let reference = '';
let caseId = '';

const apiSession = (username: string) => sharedApiSession(server, username);
const signIn = (username: string) => signInPage(page, server, username);

/**
 * The NRM's part, through the API as the case manager: a screened case (so its SOP can
 * start), the person's consent to share with labour inspection, the SOP started, and a
 * referral to the Labour Inspection Directorate sharing the person and the narrative.
 */
async function seedReferral() {
  const manager = await apiSession('casemanager');
  const created = await manager.post('/api/cases', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: {
      nameLatin: 'Maricel Dela Cruz',
      sex: 'female',
      dateOfBirth: '1994-03-12',
      nationality: 'PH',
      languages: ['tl', 'en'],
      workPermitType: 'domestic_worker',
    },
    duplicateCheck: 'new_person_confirmed',
    narrative: 'Employer keeps her passport; salary unpaid for four months.',
  });
  caseId = created.id as string;
  reference = created.reference as string;
  await confirmTraffickingScreening(manager, caseId, ['recruitment', 'transportation']);
  const inspection = await readyForLabourInspection(manager, caseId);
  const check = await manager.get(
    `/api/cases/${caseId}/referrals/consent-check?organisationId=${inspection.id}&purpose=inspection`,
  );
  expect(check.covered).toBe(true);
  await manager.post(`/api/cases/${caseId}/referrals`, {
    organisationId: inspection.id,
    purpose: 'inspection',
    message: 'Please inspect the employer: passport kept, four months of wages unpaid.',
    sharedSections: ['person', 'narrative'],
  });
}

beforeAll(async () => {
  server = await startServer();
  await seedReferral();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('agency journey', () => {
  it('a labour inspection focal point finds the new referral in the inbox', async () => {
    await signIn('focalpoint');
    await page.getByRole('link', { name: 'Inbox', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Referrals inbox' }).waitFor();
    const row = page.getByRole('link', { name: new RegExp(reference) });
    await row.waitFor();
    await screenshot(page, '21-agency-inbox-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await row.click();
    await page.getByText('Please inspect the employer').first().waitFor();
    await screenshot(page, '22-agency-referral-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('accepts it, marks it in progress and completes it with an outcome report', async () => {
    await page.getByRole('button', { name: 'Accept the referral' }).click();
    await page.getByText('Referral accepted.').first().waitFor();
    await page.getByRole('button', { name: 'Mark as in progress' }).click();
    await page.getByText('The referral is now in progress.').first().waitFor();
    await page.getByRole('button', { name: 'Complete with an outcome' }).click();
    const dialog = page.getByRole('dialog');
    // Sending without a report is refused next to the field.
    await dialog.getByRole('button', { name: 'Complete the referral' }).click();
    await dialog.getByText('Write the outcome report').first().waitFor();
    await dialog
      .getByLabel('Outcome report')
      .fill('Inspection done: the employer returned the passport and paid the four months of wages.');
    await screenshot(page, '23-agency-complete-dialog-en');
    await dialog.getByRole('button', { name: 'Complete the referral' }).click();
    await page.getByText('Referral completed.').first().waitFor();
    await page.getByText('the employer returned the passport').first().waitFor();
    await screenshot(page, '24-agency-completed-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('sees on the case page only the sections shared with the organisation', async () => {
    await page.getByRole('link', { name: 'Open the case' }).click();
    await page.getByText('Maricel Dela Cruz').first().waitFor();
    await page.getByText('Employer keeps her passport').first().waitFor();
    await screenshot(page, '25-agency-case-person-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
    for (const section of ['Screening', 'Parties', 'Consents', 'Timeline']) {
      await page.getByRole('link', { name: section, exact: true }).first().click();
      await page.getByText('Not shared with your organisation').first().waitFor();
    }
    await screenshot(page, '26-agency-case-not-shared-en');
  });

  it('reads the inbox and the referral in Arabic', async () => {
    await page.getByLabel('Language').first().selectOption({ label: 'العربية' });
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page
      .getByRole('link', { name: arText('nav.inbox'), exact: true })
      .first()
      .click();
    await page
      .getByRole('link', { name: new RegExp(arText('inbox.boxes.completed')) })
      .first()
      .click();
    const row = page.getByRole('link', { name: new RegExp(reference) });
    await row.waitFor();
    await screenshot(page, '27-agency-inbox-ar');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await row.click();
    await page.getByText(REFERRAL_STATUS_LABELS.completed.ar).first().waitFor();
    await screenshot(page, '28-agency-referral-ar');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('works at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page
      .getByRole('link', { name: arText('inbox.back') })
      .first()
      .click();
    await page.getByRole('link', { name: new RegExp(reference) }).waitFor();
    await screenshot(page, '29-agency-inbox-ar-phone');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
