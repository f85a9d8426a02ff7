/**
 * Errors that mean "the database cannot be reached right now" (issue 16): a refused or reset
 * connection, a server shutting down or starting up, a connection cut mid-query. Requests
 * that meet one are answered 503 with Retry-After; at start the server waits and retries.
 * Anything else (a bad password, a missing database, a SQL error) is not retried.
 */
const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
};

/** SQLSTATEs of a server going away or not yet accepting connections; class 08 is added below. */
const SQLSTATES: Record<string, string> = {
  '57P01': 'the server is shutting down',
  '57P02': 'the server crashed',
  '57P03': 'the server is starting up or shutting down',
  '53300': 'too many connections',
};

const MESSAGES: [RegExp, string][] = [
  [/^Connection terminated/, 'connection closed'],
  [/not queryable/, 'connection closed'],
  [/timeout exceeded when trying to connect/, 'connection timed out'],
];

/** A short, password-free reason when `error` is a connection failure; undefined otherwise. */
export function connectionFailureReason(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const { code, message, errors, cause } = e as {
      code?: unknown;
      message?: unknown;
      errors?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string') {
      const reason = NETWORK_CODES[code] ?? SQLSTATES[code];
      if (reason) return reason;
      if (/^08[0-9A-Z]{3}$/.test(code)) return 'connection failure';
    }
    if (typeof message === 'string') {
      const hit = MESSAGES.find(([pattern]) => pattern.test(message));
      if (hit) return hit[1];
    }
    // Node reports a failed connection to every address of a host as an AggregateError.
    e = Array.isArray(errors) && errors.length > 0 ? errors[0] : cause;
  }
  return undefined;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return connectionFailureReason(error) !== undefined;
}
