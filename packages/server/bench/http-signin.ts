/** Signs a demo user in over HTTP the way the tests do (test/harness.ts): password, then a TOTP code. */
import { totpCode } from '../src/lib/totp.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/seed.js';

export interface HttpSession {
  username: string;
  cookie: string;
  csrfToken: string;
}

async function post(baseUrl: string, path: string, body: object, cookie?: string, csrf?: string) {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(cookie ? { cookie } : {}),
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
    },
    body: JSON.stringify(body),
  });
}

function cookiesOf(res: Response, jar: Map<string, string>) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

export async function signInOverHttp(baseUrl: string, username: string): Promise<HttpSession> {
  const jar = new Map<string, string>();
  const login = await post(baseUrl, '/api/auth/login', { username, password: DEMO_PASSWORD });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  let cookie = cookiesOf(login, jar);
  const loginBody = (await login.json()) as { csrfToken?: string };
  const mfaOnce = () =>
    post(
      baseUrl,
      '/api/auth/mfa',
      { code: totpCode(DEMO_TOTP_SECRET, Date.now()) },
      cookie,
      loginBody.csrfToken,
    );
  let mfa = await mfaOnce();
  // A code is accepted once per user: a run started in the step of the last sign-in waits for the next.
  if (mfa.status === 401) {
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 100));
    mfa = await mfaOnce();
  }
  if (mfa.status !== 200) throw new Error(`mfa ${username}: ${mfa.status} ${await mfa.text()}`);
  cookie = cookiesOf(mfa, jar);
  const body = (await mfa.json()) as { stage?: string; csrfToken?: string };
  if (body.stage !== 'authenticated' || !body.csrfToken)
    throw new Error(`mfa ${username}: ${JSON.stringify(body)}`);
  return { username, cookie, csrfToken: body.csrfToken };
}
