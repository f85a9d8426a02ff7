import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const PERIOD = 30;

function totpFor(secret: string, label = '', issuer = 'OpenNRM'): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/**
 * Checks a code against the steps around `now` (one step of clock drift either way) and
 * returns the matched time step, or undefined. The caller refuses any step at or below
 * the last one used, so each code works once (RFC 6238 section 5.2).
 */
export function matchTotpStep(secret: string, code: string, now: number): number | undefined {
  const delta = totpFor(secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return undefined;
  return Math.floor(now / 1000 / PERIOD) + delta;
}

export function totpCode(secret: string, now: number): string {
  return totpFor(secret).generate({ timestamp: now });
}

export async function totpEnrolment(secret: string, username: string, issuer: string) {
  const otpauthUri = totpFor(secret, username, issuer).toString();
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUri, qrSvg };
}
