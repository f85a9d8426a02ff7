import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const duration = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Every setting OpenNRM reads, parsed once at start-up. A bad value stops the server
 * with one line per problem, naming the variable, before anything listens.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: bool.default(true),
  TRUST_PROXY: bool.default(false),
  SESSION_IDLE_MINUTES: duration(30),
  SESSION_ABSOLUTE_HOURS: duration(12),
  LOGIN_MAX_FAILURES_PER_USER: duration(5),
  LOGIN_MAX_FAILURES_PER_IP: duration(30),
  LOGIN_WINDOW_MINUTES: duration(15),
  LOGIN_LOCKOUT_MINUTES: duration(15),
  RATE_LIMIT_PER_MINUTE: duration(300),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  WEB_DIST_DIR: z.string().optional(),
  CASE_COUNT_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(20),
  ENCRYPTION_KEYS: z.string().optional(),
  BLIND_INDEX_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64')
    .optional(),
  KEY_FILE: z.string().optional(),
  /** The installation's days are this many minutes ahead of UTC (Bahrain: 180): deadlines, "today". */
  UTC_OFFSET_MINUTES: z.coerce.number().int().min(-720).max(840).default(180),
  /** How often the scheduler looks for overdue work and mail to send (0: never, e.g. tests that drive it). */
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Overdue work is escalated to the owner's supervisor and the case manager this long after its deadline. */
  ESCALATION_GRACE_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 30)
    .default(24),
  /** Outgoing mail: smtp://user:pass@host:port (or smtps://). Without it, notifications stay in the app. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).default('OpenNRM <no-reply@localhost>'),
  /** Local hour (0-23, installation time) at which daily digests are sent. */
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string | undefined;
  /** True when users reach the server over HTTPS: cookies get `Secure` and the `__Host-` prefix, HSTS is sent. */
  secureCookies: boolean;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  seedDemo: boolean;
  trustProxy: boolean;
  session: { idleMs: number; absoluteMs: number };
  login: { maxFailuresPerUser: number; maxFailuresPerIp: number; windowMs: number; lockoutMs: number };
  rateLimitPerMinute: number;
  bodyLimitBytes: number;
  webDistDir: string | undefined;
  /** Case-list totals give up after this long (0: always count); the page is served without a total. */
  caseCountTimeoutMs: number;
  keys: { encryptionKeys: string | undefined; blindIndexKey: string | undefined; keyFile: string };
  utcOffsetMinutes: number;
  scheduler: { intervalMs: number; escalationGraceMs: number; digestHour: number };
  mail: { smtpUrl: string | undefined; from: string };
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(EnvSchema.shape)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const parsed = EnvSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? '');
        // Never echo the value: DATABASE_URL carries a password.
        return `${name}: ${i.message}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    secureCookies: e.PUBLIC_URL?.startsWith('https://') ?? false,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    trustProxy: e.TRUST_PROXY,
    session: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000 },
    login: {
      maxFailuresPerUser: e.LOGIN_MAX_FAILURES_PER_USER,
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      windowMs: e.LOGIN_WINDOW_MINUTES * 60_000,
      lockoutMs: e.LOGIN_LOCKOUT_MINUTES * 60_000,
    },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    webDistDir: e.WEB_DIST_DIR,
    caseCountTimeoutMs: e.CASE_COUNT_TIMEOUT_MS,
    keys: {
      encryptionKeys: e.ENCRYPTION_KEYS,
      blindIndexKey: e.BLIND_INDEX_KEY,
      keyFile: path.resolve(e.KEY_FILE ?? path.join(e.DATA_DIR, 'keys.json')),
    },
    utcOffsetMinutes: e.UTC_OFFSET_MINUTES,
    scheduler: {
      intervalMs: e.SCHEDULER_INTERVAL_SECONDS * 1000,
      escalationGraceMs: e.ESCALATION_GRACE_HOURS * 3_600_000,
      digestHour: e.DIGEST_HOUR,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
  };
}
