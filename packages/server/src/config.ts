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
  /** How long a starting server waits for PostgreSQL to answer before giving up (0: try once). */
  DATABASE_START_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
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
  /** Master keys that wrap the per-file keys of stored documents: `id:base64key`, the wrapping key first. */
  FILE_MASTER_KEYS: z.string().optional(),
  /** Ed25519 key signing audit checkpoints: PKCS#8 DER in base64 (default: the key file's). */
  AUDIT_SIGNING_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be a PKCS#8 Ed25519 key in base64')
    .optional(),
  /** How often the audit sequencer gives new audit rows their chain position (milliseconds). */
  AUDIT_SEQUENCE_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  /** An audit row still without a chain position after this long is a verification failure. */
  AUDIT_SEQUENCE_MAX_LAG_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
  /** A signed checkpoint after this many new audit rows... */
  AUDIT_CHECKPOINT_EVERY: z.coerce.number().int().min(1).max(10_000_000).default(1000),
  /** ...or this many seconds after the last one, when the chain has grown since. */
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** clamd for scanning uploads: its UNIX socket path or host:port. Unset: files are not scanned. */
  CLAMD_ADDRESS: z.string().min(1).max(300).optional(),
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
  /** Deadlines of a referral its SOP gives none for (business days from sending / from acceptance). */
  REFERRAL_ACKNOWLEDGE_DAYS: z.coerce.number().int().min(1).max(60).default(2),
  REFERRAL_COMPLETE_DAYS: z.coerce.number().int().min(1).max(365).default(20),
  /** Outgoing mail: smtp://user:pass@host:port (or smtps://). Without it, notifications stay in the app. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).default('OpenNRM <no-reply@localhost>'),
  /** Local hour (0-23, installation time) at which daily digests are sent. */
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  /** Where document files are kept: `local` (a folder) or `s3` (an S3-compatible bucket). */
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  FILE_STORAGE_DIR: z.string().min(1).optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_REGION: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a region name such as us-east-1')
    .default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be 3-63 lower-case letters, digits, dots or hyphens')
    .optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: bool.optional(),
  /** Largest document accepted, in bytes (default 2 GiB). */
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(5 * 1024 ** 4)
    .default(2 * 1024 ** 3),
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
  /** How long start-up waits for PostgreSQL (DATABASE_START_TIMEOUT_SECONDS). */
  databaseStartTimeoutMs: number;
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
  keys: {
    encryptionKeys: string | undefined;
    blindIndexKey: string | undefined;
    keyFile: string;
    fileMasterKeys: string | undefined;
    auditSigningKey: string | undefined;
  };
  /** The audit sequencer and its checkpoints (docs/decisions/0009). */
  audit: {
    sequenceIntervalMs: number;
    maxLagMs: number;
    checkpointEvery: number;
    checkpointIntervalMs: number;
  };
  utcOffsetMinutes: number;
  scheduler: { intervalMs: number; escalationGraceMs: number; digestHour: number };
  /** Referral deadlines in business days when the SOP gives none. */
  referralDefaults: { acknowledgeDays: number; completeDays: number };
  mail: { smtpUrl: string | undefined; from: string };
  storage: StorageConfig;
  clamdAddress: string | undefined;
};

/** Where document files are kept (see `lib/storage`). */
export type StorageConfig = {
  driver: 'local' | 's3';
  /** The local driver's folder: `FILE_STORAGE_DIR`, or `DATA_DIR/files`. */
  dir: string;
  maxUploadBytes: number;
  /** Set when the driver is `s3`. */
  s3:
    | {
        endpoint: string | undefined;
        region: string;
        bucket: string;
        forcePathStyle: boolean;
        accessKeyId: string | undefined;
        secretAccessKey: string | undefined;
      }
    | undefined;
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
  const related = relatedProblems(known);
  if (!parsed.success || related.length > 0) {
    throw new ConfigError([
      ...(parsed.error?.issues ?? []).map((i) => {
        const name = String(i.path[0] ?? '');
        // Never echo the value: DATABASE_URL carries a password.
        return `${name}: ${i.message}`;
      }),
      ...related,
    ]);
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
    databaseStartTimeoutMs: e.DATABASE_START_TIMEOUT_SECONDS * 1000,
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
      fileMasterKeys: e.FILE_MASTER_KEYS,
      auditSigningKey: e.AUDIT_SIGNING_KEY,
    },
    audit: {
      sequenceIntervalMs: e.AUDIT_SEQUENCE_INTERVAL_MS,
      maxLagMs: e.AUDIT_SEQUENCE_MAX_LAG_MS,
      checkpointEvery: e.AUDIT_CHECKPOINT_EVERY,
      checkpointIntervalMs: e.AUDIT_CHECKPOINT_SECONDS * 1000,
    },
    utcOffsetMinutes: e.UTC_OFFSET_MINUTES,
    referralDefaults: {
      acknowledgeDays: e.REFERRAL_ACKNOWLEDGE_DAYS,
      completeDays: e.REFERRAL_COMPLETE_DAYS,
    },
    scheduler: {
      intervalMs: e.SCHEDULER_INTERVAL_SECONDS * 1000,
      escalationGraceMs: e.ESCALATION_GRACE_HOURS * 3_600_000,
      digestHour: e.DIGEST_HOUR,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    clamdAddress: e.CLAMD_ADDRESS,
    storage: {
      driver: e.STORAGE_DRIVER,
      dir: path.resolve(e.FILE_STORAGE_DIR ?? path.join(e.DATA_DIR, 'files')),
      maxUploadBytes: e.MAX_UPLOAD_BYTES,
      s3:
        e.STORAGE_DRIVER === 's3' && e.S3_BUCKET
          ? {
              endpoint: e.S3_ENDPOINT,
              region: e.S3_REGION,
              bucket: e.S3_BUCKET,
              forcePathStyle: e.S3_FORCE_PATH_STYLE ?? e.S3_ENDPOINT !== undefined,
              accessKeyId: e.S3_ACCESS_KEY_ID,
              secretAccessKey: e.S3_SECRET_ACCESS_KEY,
            }
          : undefined,
    },
  };
}

/** Problems that involve more than one variable; each line names the variable to set. */
function relatedProblems(known: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (known.STORAGE_DRIVER === 's3' && !known.S3_BUCKET) {
    problems.push('S3_BUCKET: required when STORAGE_DRIVER is s3');
  }
  if (known.S3_ACCESS_KEY_ID && !known.S3_SECRET_ACCESS_KEY) {
    problems.push('S3_SECRET_ACCESS_KEY: required when S3_ACCESS_KEY_ID is set');
  }
  if (known.S3_SECRET_ACCESS_KEY && !known.S3_ACCESS_KEY_ID) {
    problems.push('S3_ACCESS_KEY_ID: required when S3_SECRET_ACCESS_KEY is set');
  }
  return problems;
}
