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

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(username: string) {
  await page.goto(server.url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(server.demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Authentication code').fill(totpNow(server.totpSecret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

describe('administrator journey', () => {
  it('shows an accessible login page', async () => {
    await page.goto(server.url);
    await page.getByLabel('Username').waitFor();
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    await screenshot(page, '01-login-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('signs in with the password and the authenticator code', async () => {
    await signIn('admin');
    await screenshot(page, '02-home-admin-en');
  });

  it('creates an organisation', async () => {
    await page.getByRole('link', { name: 'Organisations' }).first().click();
    await page
      .getByRole('button', { name: 'New organisation' })
      .or(page.getByRole('link', { name: 'New organisation' }))
      .click();
    await page.getByLabel('Name (English)').fill('Migrant Workers Legal Aid Society');
    await page.getByLabel('Name (Arabic)').fill('جمعية المساعدة القانونية للعمال المهاجرين');
    await page.getByLabel('Kind').selectOption('international_organisation');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Organisations' }).first().click();
    await page.getByText('Migrant Workers Legal Aid Society').first().waitFor();
    await screenshot(page, '03-organisations-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('creates a user in that organisation', async () => {
    await page.getByRole('link', { name: 'Users' }).first().click();
    await page
      .getByRole('button', { name: 'New user' })
      .or(page.getByRole('link', { name: 'New user' }))
      .click();
    await page.getByLabel('Username').fill('legal.aid.officer');
    await page.getByLabel('Display name').fill('Rania Haddad');
    await page.getByLabel('Role').selectOption('agency_officer');
    const organisation = page.getByLabel('Organisation');
    const value = await organisation
      .locator('option', { hasText: 'Migrant Workers Legal Aid Society' })
      .getAttribute('value');
    await organisation.selectOption(value!);
    await page.getByLabel('Temporary password').fill('first day at the centre 2026');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Users' }).first().click();
    await page.getByText('legal.aid.officer').first().waitFor();
    await screenshot(page, '04-users-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('switches to Arabic, right to left, and keeps the choice', async () => {
    await page
      .getByLabel('Language')
      .first()
      .selectOption({ label: 'العربية' })
      .catch(async () => {
        await page.getByRole('button', { name: 'Language' }).first().click();
        await page
          .getByRole('menuitem', { name: 'العربية' })
          .or(page.getByRole('option', { name: 'العربية' }))
          .click();
      });
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    await screenshot(page, '05-users-ar');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.reload();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByText('legal.aid.officer').first().waitFor();
    await screenshot(page, '06-users-ar-phone');
  });

  it('lets the auditor find the administrator’s changes in the audit trail', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.context().clearCookies();
    await page.evaluate(() => localStorage.clear());
    await signIn('auditor');
    await page.getByRole('link', { name: 'Audit trail' }).first().click();
    await page.getByText('admin', { exact: true }).first().waitFor();
    await screenshot(page, '07-audit-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
