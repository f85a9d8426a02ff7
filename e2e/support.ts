import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { ILO_INDICATORS } from '@opennrm/domain';
import { TOTP } from 'otpauth';
import { type Browser, chromium, type Page } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
export const ARTIFACTS = path.join(root, 'test-artifacts');

export interface RunningServer {
  url: string;
  demoPassword: string;
  totpSecret: string;
  stop(): Promise<void>;
}

/**
 * Starts the real server as `npm start` does (built web app, embedded database in a fresh
 * folder, demo seed) on a free port, and reads the URL and demo logins it prints.
 */
export async function startServer(): Promise<RunningServer> {
  if (!fs.existsSync(path.join(root, 'packages/web/dist/index.html'))) {
    throw new Error('Build the web app first: npm run build');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opennrm-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(root, 'packages/server'),
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const started = Date.now();
  while (!/Demo logins[\s\S]*auditor/.test(output)) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    // The demo seed walks 120 cases through their SOP: about 40 s on a quiet 2-core machine.
    if (Date.now() - started > 180_000) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = /running at (http:\/\/\S+)/.exec(output)![1]!.replace('localhost', '127.0.0.1');
  return {
    url,
    demoPassword: /password for every demo user: (\S+)/.exec(output)![1]!,
    totpSecret: /authenticator secret[^:]*: (\S+)/.exec(output)![1]!,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** The current code of the demo authenticator (each journey signs each user in once, so no replay). */
export function totpNow(secret: string): string {
  return new TOTP({ secret, digits: 6, period: 30 }).generate();
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** axe-core's serious and critical findings on the current page (WCAG 2.x A and AA rules). */
export async function seriousA11yViolations(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export type Json = Record<string, unknown>;

/**
 * A demo user signed in through the API (second factor included when the account has one),
 * for journeys that prepare their data the way the NRM would. Every call throws on an error
 * status, with the answer, so a broken preparation says what broke.
 */
export async function apiSession(server: RunningServer, username: string) {
  let cookie = '';
  let csrf = '';
  const call = async (
    method: string,
    route: string,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${server.url}${route}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        cookie,
        ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
  };
  await call('POST', '/api/auth/login', { username, password: server.demoPassword });
  let me = (await call('GET', '/api/me')).body;
  csrf = (me.csrfToken as string) ?? '';
  if (me.stage === 'mfa_required' || me.code === 'AUTH_STEP_REQUIRED') {
    me = (await call('POST', '/api/auth/mfa', { code: totpNow(server.totpSecret) })).body;
    csrf = (me.csrfToken as string) ?? ((await call('GET', '/api/me')).body.csrfToken as string);
  }
  const checked = async (method: string, route: string, body?: unknown) => {
    const result = await call(method, route, body);
    if (result.status >= 400) {
      throw new Error(`${method} ${route} → ${result.status} ${JSON.stringify(result.body)}`);
    }
    return result.body;
  };
  return {
    get: (route: string) => checked('GET', route),
    post: (route: string, body: unknown = {}) => checked('POST', route, body),
    put: (route: string, body: unknown) => checked('PUT', route, body),
    cookie: () => cookie,
    csrf: () => csrf,
  };
}

/** Signs a demo user in through the sign-in page, with the second factor when asked. */
export async function signInPage(page: Page, server: RunningServer, username: string) {
  await page.goto(server.url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(server.demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const signOut = page.getByRole('button', { name: 'Sign out' });
  const code = page.getByLabel('Authentication code');
  await signOut.or(code).first().waitFor();
  if (await code.isVisible()) {
    await code.fill(totpNow(server.totpSecret));
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await signOut.waitFor();
}

type ApiSession = Awaited<ReturnType<typeof apiSession>>;

/**
 * Screens a case as the NRM would for a person recruited by deception into forced labour,
 * passport kept, and confirms the suggestion: the case's SOP can then start.
 */
export async function confirmTraffickingScreening(api: ApiSession, caseId: string, acts: string[]) {
  const answers: Json = {
    act_elements: acts,
    means_elements: ['fraud'],
    purpose_elements: ['forced_labour_or_services'],
    still_in_situation: 'no',
  };
  for (const indicator of ILO_INDICATORS) answers[`ilo_${indicator}`] = 'no';
  answers.ilo_deception = 'yes';
  answers.ilo_retention_of_identity_documents = 'yes';
  const suggestion = await api.put(`/api/cases/${caseId}/screening`, { answers });
  await api.post(`/api/cases/${caseId}/screening/confirm`, {
    category: suggestion.category,
    subtype: suggestion.subtype,
    risk: suggestion.risk,
  });
}

/**
 * The person's consent to share with the labour inspection recorded, the SOP started, and the
 * labour inspection organisation of the demo data (to refer the case to).
 */
export async function readyForLabourInspection(api: ApiSession, caseId: string): Promise<Json> {
  await api.post(`/api/cases/${caseId}/consents`, {
    purpose: 'share_with_organisation_kind',
    organisationKind: 'labour_inspection',
    status: 'given',
    method: 'verbal_with_interpreter',
  });
  await api.post(`/api/cases/${caseId}/workflow/start`);
  const organisations = (await api.get('/api/organisations?limit=100')).items as Json[];
  const inspection = organisations.find((o) => o.kind === 'labour_inspection');
  if (!inspection) throw new Error('no labour inspection organisation in the demo data');
  return inspection;
}
