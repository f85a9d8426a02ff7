import { hash, verify } from '@node-rs/argon2';
import { checkPasswordShape, type ErrorCode } from '@opennrm/domain';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * argon2id at OWASP's first recommended setting (m=19 MiB, t=2, p=1): the cheapest one
 * OWASP accepts, chosen so a login stays well under 100 ms on two cores.
 */
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2_OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** Common passwords shipped with @zxcvbn-ts/language-common (about 49,000 leaked passwords). */
const COMMON = new Set<string>([
  ...(dictionary['passwords-common'] as string[]),
  'opennrm',
  'nationalreferralmechanism',
  'expatprotectioncentre',
  'expatprotectioncenter',
]);

/** Lower-cased, with the digits and symbols people add to a common word removed from both ends. */
function variants(password: string): string[] {
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const collapsed = lower.replace(/[\s._-]+/g, '');
  return [lower, core, collapsed];
}

export function isCommonPassword(password: string): boolean {
  return variants(password).some((v) => v.length > 0 && COMMON.has(v));
}

/** All password rules: length, not the username, not a common password. */
export function checkNewPassword(password: string, username?: string): ErrorCode | undefined {
  return (
    checkPasswordShape(password, username) ?? (isCommonPassword(password) ? 'PASSWORD_TOO_COMMON' : undefined)
  );
}
