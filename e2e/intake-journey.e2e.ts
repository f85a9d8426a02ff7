import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  type RunningServer,
  screenshot,
  seriousA11yViolations,
  startServer,
  totpNow,
} from './support.js';

const require = createRequire(import.meta.url);
const ar = require('../packages/web/src/i18n/ar.json') as Record<string, Record<string, unknown>>;
/** An Arabic interface text by its translation key, so the journey reads the screen as an Arabic speaker does. */
function arText(path: string): string {
  const value = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], ar);
  if (typeof value !== 'string') throw new Error(`no Arabic text at ${path}`);
  return value;
}

let server: RunningServer;
let browser: Browser;
let page: Page;
let reference = '';
let existingPersonCase = '';

/** Signs a demo user in through the API (for set-up done by another person than the one in the browser). */
async function apiSession(username: string) {
  let cookie = '';
  const call = async (method: string, path: string, body?: unknown, csrf?: string) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return res.json() as Promise<Record<string, unknown>>;
  };
  await call('POST', '/api/auth/login', { username, password: server.demoPassword });
  const me = await call('GET', '/api/me');
  const mfa = await call(
    'POST',
    '/api/auth/mfa',
    { code: totpNow(server.totpSecret) },
    me.csrfToken as string,
  );
  return (path: string, body: unknown) => call('POST', path, body, mfa.csrfToken as string);
}

async function signIn(username: string) {
  await page.goto(server.url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(server.demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Authentication code').fill(totpNow(server.totpSecret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

beforeAll(async () => {
  server = await startServer();
  // The same man came to the centre before, and was registered in Latin script.
  const asSupervisor = await apiSession('supervisor');
  const earlier = await asSupervisor('/api/cases', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: { nameLatin: 'Mohammed Abdulla', nationality: 'EG', sex: 'male', dateOfBirth: '1990-05-01' },
  });
  existingPersonCase = earlier.reference as string;
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('intake journey', () => {
  it('a hotline operator logs a call in under a minute', async () => {
    await signIn('hotline');
    await page.getByRole('link', { name: 'New intake' }).first().click();
    await page
      .getByRole('link', { name: 'Log a call' })
      .or(page.getByRole('button', { name: 'Log a call' }))
      .first()
      .click();
    await page.getByLabel('Name (Arabic script)').fill('محمد عبدالله');
    await page.getByLabel('Phone').fill('+973 3311 4455');
    await page.getByLabel('Nationality').selectOption('EG');
    await page
      .getByLabel('What happened')
      .fill('Caller says his employer has kept his passport and not paid him for three months.');
    await screenshot(page, '11-hotline-form-en');
    await page.getByRole('button', { name: 'Log call' }).click();
    await page
      .getByText(/NRM-\d{4}-\d{6}/)
      .first()
      .waitFor();
    reference = /NRM-\d{4}-\d{6}/.exec(
      (await page
        .getByText(/NRM-\d{4}-\d{6}/)
        .first()
        .textContent()) ?? '',
    )![0];
    await screenshot(page, '12-hotline-logged-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('a case manager opens it in Arabic and links the person first entered in Latin script', async () => {
    await signIn('casemanager');
    await page.getByLabel('Language').first().selectOption({ label: 'العربية' });
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page
      .getByRole('link', { name: arText('nav.cases'), exact: true })
      .first()
      .click();
    await page.getByLabel(arText('cases.search'), { exact: true }).fill(reference);
    await page.getByRole('button', { name: arText('common.applyFilters') }).click();
    await page.getByRole('link', { name: reference }).click();
    await page.getByText('Mohammed Abdulla').first().waitFor();
    await screenshot(page, '13-case-duplicate-ar');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The record entered earlier, wherever the ranking puts it among the demo data's people.
    await page
      .locator('article.candidate', { hasText: existingPersonCase })
      .getByRole('button', { name: arText('duplicates.useThis') })
      .first()
      .click();
    await page.getByText(existingPersonCase).first().waitFor();
  });

  it('screens the case and confirms the suggested category', async () => {
    await page
      .getByRole('link', { name: arText('casePage.sections.screening'), exact: true })
      .first()
      .click();
    const choose = (question: string, value: string) =>
      page.locator(`input[name="q-${question}"][value="${value}"]`).check();
    await choose('act_elements', 'recruitment');
    await choose('act_elements', 'transportation');
    await choose('means_elements', 'fraud');
    await choose('purpose_elements', 'forced_labour_or_services');
    for (const indicator of [
      'abuse_of_vulnerability',
      'restriction_of_movement',
      'isolation',
      'physical_sexual_violence',
      'intimidation_threats',
      'debt_bondage',
      'abusive_working_living_conditions',
      'excessive_overtime',
    ]) {
      await choose(`ilo_${indicator}`, 'no');
    }
    await choose('ilo_deception', 'yes');
    await choose('ilo_retention_of_identity_documents', 'yes');
    await choose('ilo_withholding_of_wages', 'yes');
    const lastSave = page.waitForResponse(
      (r) => r.url().endsWith('/screening') && r.request().method() === 'PUT' && r.ok(),
    );
    await choose('still_in_situation', 'no');
    await lastSave;
    await page.getByText(arText('screening.saved')).first().waitFor({ state: 'attached' });
    await screenshot(page, '14-screening-ar');
    await page
      .getByRole('button', { name: arText('screening.confirmCategory') })
      .first()
      .click();
    await page.getByRole('button', { name: arText('screening.confirm.submit') }).click();
    // The confirmed category starts the SOP; the case stays in screening until the SOP's screening tasks are done.
    await page.getByText(arText('screening.confirmedAsSuggested')).first().waitFor();
    await screenshot(page, '15-screened-ar');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('records the passport the employer kept, then that it was handed back', async () => {
    await page
      .getByRole('link', { name: arText('casePage.sections.person'), exact: true })
      .first()
      .click();
    await page
      .getByRole('button', { name: arText('person.addDocument') })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(arText('person.documentType')).selectOption('passport');
    await dialog.getByLabel(arText('person.documentNumber')).fill('A12345678');
    await dialog.getByLabel(arText('person.documentCountry')).selectOption('EG');
    await dialog.getByLabel(arText('person.documentHolder')).selectOption('employer');
    await dialog.getByRole('button', { name: arText('personDocuments.addConfirm') }).click();
    await page.getByText(arText('personDocuments.added')).first().waitFor();
    await page.getByLabel(arText('person.documentHolder')).first().selectOption('person');
    await page
      .getByRole('button', { name: arText('personDocuments.saveHolder') })
      .first()
      .click();
    await page.getByText(arText('personDocuments.holderSaved')).first().waitFor();
    await screenshot(page, '16-documents-ar');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
