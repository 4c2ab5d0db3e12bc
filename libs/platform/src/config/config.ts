import { createPublicKey, type KeyObject } from 'node:crypto';
import { ENV_SCHEMA, InvalidSetting, type EnvSchema, type LogLevel, type NodeEnv, type Setting, type SettingName } from './env-schema.js';

type Parsed<K extends SettingName> = EnvSchema[K] extends Setting<infer T> ? T : never;
type Settings = { [K in SettingName]: Parsed<K> };

/** The validated configuration every process works from; built once at boot. */
export interface AppConfig {
  readonly env: NodeEnv;
  readonly isProduction: boolean;
  readonly http: { host: string; port: number; corsOrigins: string[]; bodyLimit: string; trustProxy: boolean | number | string[]; cookieSecure: boolean };
  /** `url`: the application's least-privilege role; `migrationUrl`: the owner's, for migrations only (see migrationDatabaseUrl). */
  readonly database: { url: string; migrationUrl: string | undefined; poolSize: number };
  readonly redis: { url: string; queuePrefix: string };
  readonly log: { level: LogLevel; pretty: boolean };
  readonly worker: { concurrency: number; lockDurationMs: number };
  readonly outbox: { pollIntervalMs: number; batchSize: number; retentionDays: number };
  readonly auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlDays: number;
    maxFailuresPerAccount: number;
    maxDelaySeconds: number;
    deviceDays: number;
    maxFailuresPerIp: number;
    throttleWindowMinutes: number;
    passwordHashMemoryKib: number;
  };
  readonly crypto: { dataEncryptionKey: Buffer; blindIndexKey: Buffer };
  /** Audit checkpoints (issue 12 §2): the signing key (worker, CLI), the keys that verify, the schedule, the file outside PostgreSQL. */
  readonly audit: { signingKey: KeyObject | undefined; verifyKeys: KeyObject[]; checkpointIntervalSeconds: number; checkpointFile: string };
  readonly emergencyAccessHours: number;
  readonly reminders: {
    windowMinutes: number;
    relayIntervalMs: number;
    reconcileIntervalMs: number;
    escalationScanIntervalMs: number;
    escalationGraceHours: number;
    escalationLadder: ('assignee' | 'supervisor' | 'parent_bureau')[];
  };
  readonly followup: { monthlyUntilMonth: number; quarterlyUntilMonth: number; minYears: number };
  readonly household: { registrationDays: number; stepDays: number };
  readonly referrals: { legalAidAcceptWorkingDays: number; acceptDays: number; compulsoryEducationAges: { from: number; to: number } };
  /** R20, R22: k of small-count suppression. */
  readonly statistics: { minCell: number; deadlines: { 1: string; 2: string; 3: string } };
  readonly notify: { channel: 'none' | 'webhook' | 'smtp'; webhookUrl: string; smtpUrl: string; emailFrom: string };
  readonly dataDir: string;
  /** Development and tests: where the clock starts (time runs on from there); undefined: the real time. */
  readonly clockAt: Date | undefined;
}

/** Every problem with the environment, one line per variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function readSettings(env: Env, only?: readonly SettingName[]): Partial<Settings> {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  const rawEnv = env.NODE_ENV?.trim();
  const production = rawEnv === 'production';
  for (const [name, setting] of Object.entries(ENV_SCHEMA) as [SettingName, Setting<unknown>][]) {
    if (only && !only.includes(name)) continue;
    const given = env[name];
    const raw = given !== undefined && given !== '' ? given : production ? setting.default : (setting.devDefault ?? setting.default);
    if (raw === undefined) {
      problems.push(
        production && setting.devDefault !== undefined
          ? `${name} is required in production (there is no default for it there): ${setting.description}`
          : `${name} is required: ${setting.description}`,
      );
      continue;
    }
    try {
      values[name] = setting.parse(raw);
    } catch (error) {
      if (!(error instanceof InvalidSetting)) throw error;
      const shown = setting.secret ? '' : ` (got "${raw}")`;
      problems.push(`${name} ${error.message}${shown}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values as Partial<Settings>;
}

/**
 * Reads and validates the whole environment. Throws a ConfigError listing each
 * bad or missing variable; callers at boot print it and exit (see exitOnConfigError).
 */
export function loadConfig(env: Env = process.env, processName?: string): AppConfig {
  const s = readSettings(env) as Settings;
  const problems: string[] = [];
  if (s.AUDIT_SIGNING_KEY) {
    const own = createPublicKey(s.AUDIT_SIGNING_KEY);
    if (!s.AUDIT_VERIFY_KEY.some((key) => key.equals(own)))
      problems.push('AUDIT_VERIFY_KEY must include the public key of AUDIT_SIGNING_KEY (npm run cli -- audit:keygen prints both)');
  }
  if (processName === 'worker' && s.NODE_ENV === 'production') {
    if (!s.AUDIT_SIGNING_KEY) problems.push('AUDIT_SIGNING_KEY is required in production for the worker: it signs the audit checkpoints');
    if (s.AUDIT_VERIFY_KEY.length === 0) problems.push('AUDIT_VERIFY_KEY is required in production for the worker');
  }
  if (s.NOTIFY_CHANNEL === 'webhook' && !s.NOTIFY_WEBHOOK_URL) problems.push('NOTIFY_WEBHOOK_URL is required when NOTIFY_CHANNEL=webhook');
  if (s.NOTIFY_CHANNEL === 'smtp' && !s.SMTP_URL) problems.push('SMTP_URL is required when NOTIFY_CHANNEL=smtp');
  if (s.CLOCK_AT && s.NODE_ENV === 'production') problems.push('CLOCK_AT must be empty in production: the clock is the real time there');
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    env: s.NODE_ENV,
    isProduction: s.NODE_ENV === 'production',
    http: { host: s.HOST, port: s.PORT, corsOrigins: s.CORS_ORIGINS, bodyLimit: s.BODY_LIMIT, trustProxy: s.TRUST_PROXY, cookieSecure: s.COOKIE_SECURE },
    database: { url: s.DATABASE_URL, migrationUrl: migrationUrlOf(s.NODE_ENV, s.DATABASE_MIGRATION_URL, s.DATABASE_URL), poolSize: s.DATABASE_POOL_SIZE },
    redis: { url: s.REDIS_URL, queuePrefix: s.QUEUE_PREFIX },
    log: { level: s.LOG_LEVEL, pretty: s.LOG_PRETTY },
    worker: { concurrency: s.WORKER_CONCURRENCY, lockDurationMs: s.WORKER_LOCK_DURATION_MS },
    outbox: {
      pollIntervalMs: s.OUTBOX_POLL_INTERVAL_MS,
      batchSize: s.OUTBOX_BATCH_SIZE,
      retentionDays: s.OUTBOX_RETENTION_DAYS,
    },
    auth: {
      jwtSecret: s.JWT_SECRET,
      accessTokenTtlSeconds: s.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: s.REFRESH_TOKEN_TTL_DAYS,
      maxFailuresPerAccount: s.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxDelaySeconds: s.LOGIN_MAX_DELAY_SECONDS,
      deviceDays: s.LOGIN_DEVICE_DAYS,
      maxFailuresPerIp: s.LOGIN_MAX_FAILURES_PER_IP,
      throttleWindowMinutes: s.LOGIN_THROTTLE_WINDOW_MINUTES,
      passwordHashMemoryKib: s.PASSWORD_HASH_MEMORY_KIB,
    },
    crypto: { dataEncryptionKey: s.DATA_ENCRYPTION_KEY, blindIndexKey: s.BLIND_INDEX_KEY },
    audit: {
      signingKey: s.AUDIT_SIGNING_KEY,
      verifyKeys: s.AUDIT_VERIFY_KEY,
      checkpointIntervalSeconds: s.AUDIT_CHECKPOINT_INTERVAL_SECONDS,
      checkpointFile: s.AUDIT_CHECKPOINT_FILE,
    },
    emergencyAccessHours: s.EMERGENCY_ACCESS_HOURS,
    reminders: {
      windowMinutes: s.REMINDER_WINDOW_MINUTES,
      relayIntervalMs: s.REMINDER_RELAY_INTERVAL_MS,
      reconcileIntervalMs: s.RECONCILE_INTERVAL_MS,
      escalationScanIntervalMs: s.ESCALATION_SCAN_INTERVAL_MS,
      escalationGraceHours: s.ESCALATION_GRACE_HOURS,
      escalationLadder: s.ESCALATION_LADDER,
    },
    followup: { ...s.FOLLOWUP_TEMPLATE, minYears: s.FOLLOWUP_MIN_YEARS },
    household: { registrationDays: s.HOUSEHOLD_REGISTRATION_DAYS, stepDays: s.HOUSEHOLD_STEP_DAYS },
    referrals: { legalAidAcceptWorkingDays: s.LEGAL_AID_ACCEPT_WORKING_DAYS, acceptDays: s.REFERRAL_ACCEPT_DAYS, compulsoryEducationAges: s.COMPULSORY_EDUCATION_AGES },
    statistics: { minCell: s.STATS_MIN_CELL, deadlines: s.STATS_DEADLINES },
    notify: { channel: s.NOTIFY_CHANNEL, webhookUrl: s.NOTIFY_WEBHOOK_URL, smtpUrl: s.SMTP_URL, emailFrom: s.NOTIFY_EMAIL_FROM },
    dataDir: s.DATA_DIR,
    clockAt: s.CLOCK_AT,
  });
}

function migrationUrlOf(env: NodeEnv, migrationUrl: string, url: string | undefined): string | undefined {
  if (migrationUrl) return migrationUrl;
  return env === 'production' ? undefined : url || undefined;
}

/**
 * The owner's connection string, to migrate with: DATABASE_MIGRATION_URL; outside
 * production DATABASE_URL stands in when it is empty (a database with one role).
 * Undefined when neither is set (the CLI then works on the `npm start` cluster).
 * In production a missing DATABASE_MIGRATION_URL is a ConfigError: the api's
 * least-privilege role cannot migrate.
 */
export function migrationDatabaseUrl(env: Env = process.env): string | undefined {
  const s = readSettings(env, ['NODE_ENV', 'DATABASE_MIGRATION_URL']) as Pick<Settings, 'NODE_ENV' | 'DATABASE_MIGRATION_URL'>;
  const found = migrationUrlOf(s.NODE_ENV, s.DATABASE_MIGRATION_URL, env.DATABASE_URL);
  if (!found && s.NODE_ENV === 'production') {
    throw new ConfigError([`DATABASE_MIGRATION_URL is required in production to migrate: ${ENV_SCHEMA.DATABASE_MIGRATION_URL.description}`]);
  }
  return found;
}

/** Validates a subset, for the launcher which fills in the connection strings itself. */
export function loadSettings<K extends SettingName>(names: readonly K[], env: Env = process.env): Pick<Settings, K> {
  return readSettings(env, names) as Pick<Settings, K>;
}

/** Boot helper: a bad environment ends the process with one line per problem and exit code 78 (EX_CONFIG). */
export function loadConfigOrExit(processName: string, env: Env = process.env): AppConfig {
  try {
    return loadConfig(env, processName);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`huijia ${processName}: configuration error: ${problem}\n`);
    process.exit(78);
  }
}

/** Redacts the password of a connection string for messages. */
export function redactUrl(value: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<invalid url>';
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');
