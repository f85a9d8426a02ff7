import type { ErrorCode } from './errors.js';

/** NIST SP 800-63B and ASVS 2.1: length, not composition rules; at least 12, allow long passphrases. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Length is counted in Unicode code points, so Arabic passphrases count as typed. */
export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length;
}

/**
 * The checks that need no list: the shipped common-password list is consulted by the
 * server, which owns the file. Returns the first failing rule or undefined.
 */
export function checkPasswordShape(password: string, username?: string): ErrorCode | undefined {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return 'PASSWORD_TOO_SHORT';
  if (length > PASSWORD_MAX_LENGTH) return 'PASSWORD_TOO_LONG';
  if (username && username.length >= 4 && password.toLowerCase().includes(username.toLowerCase())) {
    return 'PASSWORD_CONTAINS_USERNAME';
  }
  return undefined;
}
