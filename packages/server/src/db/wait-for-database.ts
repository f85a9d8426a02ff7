import { sql } from 'kysely';
import { ConfigError } from '../config.js';
import { connectionFailureReason } from './connection-errors.js';
import type { Database } from './create-db.js';

/** PostgreSQL did not answer within DATABASE_START_TIMEOUT_SECONDS: one line for the operator. */
export class DatabaseWaitError extends Error {
  override name = 'DatabaseWaitError';
}

/** `host:port` of a DATABASE_URL, never its user or password. */
export function databaseAddress(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** An error message with the URL's password taken out, in case a driver quotes the URL. */
function redacted(message: string, databaseUrl: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(databaseUrl).password);
  } catch {
    // not a URL: nothing to take out
  }
  return password ? message.split(password).join('***') : message;
}

/**
 * Starting while PostgreSQL is down (a host rebooting, a database restarting with the
 * service): try `SELECT 1` with a bounded backoff (0.5 s doubling to 5 s) for up to
 * `timeoutMs`, printing one line per failed attempt, never a stack or the password.
 * A failure that waiting does not cure (a bad password, a missing database) stops at once
 * with a ConfigError naming DATABASE_URL.
 */
export async function waitForDatabase(
  db: Database,
  options: { databaseUrl: string; timeoutMs: number; log: (line: string) => void },
): Promise<void> {
  const where = databaseAddress(options.databaseUrl);
  const started = Date.now();
  let delayMs = 500;
  for (let attempt = 1; ; attempt++) {
    try {
      await sql`SELECT 1`.execute(db);
      if (attempt > 1) options.log(`PostgreSQL at ${where} answers`);
      return;
    } catch (error) {
      const reason = connectionFailureReason(error);
      if (!reason) {
        throw new ConfigError([
          `DATABASE_URL: PostgreSQL at ${where} refused: ${redacted((error as Error).message ?? String(error), options.databaseUrl)}`,
        ]);
      }
      const left = options.timeoutMs - (Date.now() - started);
      if (left <= 0) {
        throw new DatabaseWaitError(
          `PostgreSQL at ${where} did not answer within ${Math.round(options.timeoutMs / 1000)} s (${reason}); check that it runs and that DATABASE_URL points at it, or raise DATABASE_START_TIMEOUT_SECONDS`,
        );
      }
      const wait = Math.min(delayMs, left);
      options.log(
        `waiting for PostgreSQL at ${where}: ${reason} (attempt ${attempt}, next in ${(wait / 1000).toFixed(1)} s)`,
      );
      await new Promise((resolve) => setTimeout(resolve, wait));
      delayMs = Math.min(delayMs * 2, 5000);
    }
  }
}
