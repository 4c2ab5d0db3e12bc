import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * The one schema of every setting huijia reads from the environment.
 * `.env.example` and the README's configuration table are checked against it
 * by `config.spec.ts`, so a new variable cannot go undocumented.
 */

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Thrown by a parser with the reason in plain words; the loader adds the variable's name. */
export class InvalidSetting extends Error {}

export interface Setting<T> {
  /** What the variable means, for `.env.example` and the README. */
  description: string;
  /** The default everywhere, as the text a user would write. */
  default?: string;
  /**
   * A default outside production only. Secrets and connection strings have one
   * of these and no `default`: in production they must be given (issue 3).
   */
  devDefault?: string;
  /** Never echoed back in an error message or a log line. */
  secret?: boolean;
  parse(raw: string): T;
}

function integer(min: number, max: number) {
  return (raw: string): number => {
    if (!/^-?\d+$/.test(raw.trim())) throw new InvalidSetting(`must be an integer between ${min} and ${max}`);
    const value = Number(raw);
    if (value < min || value > max) throw new InvalidSetting(`must be an integer between ${min} and ${max}`);
    return value;
  };
}

function oneOf<T extends string>(...allowed: T[]) {
  return (raw: string): T => {
    if (!(allowed as string[]).includes(raw)) throw new InvalidSetting(`must be one of ${allowed.join(', ')}`);
    return raw as T;
  };
}

function boolean(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw new InvalidSetting('must be true or false');
}

function url(protocols: string[]) {
  return (raw: string): string => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new InvalidSetting(`must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new InvalidSetting(`must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    }
    return raw;
  };
}

function originList(raw: string): string[] {
  const origins = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new InvalidSetting(`must be a comma-separated list of origins such as https://huijia.example.cn ("${origin}" is not one)`);
    }
    if (parsed.origin !== origin) {
      throw new InvalidSetting(`must list bare origins without path or trailing slash ("${origin}" should be "${parsed.origin}")`);
    }
  }
  return origins;
}

function byteSize(raw: string): string {
  if (!/^\d+(b|kb|mb)$/i.test(raw.trim())) throw new InvalidSetting('must be a size such as 512kb or 1mb');
  return raw.trim().toLowerCase();
}

function base64Key(_name: string, minBytes: number, maxBytes: number) {
  return (raw: string): Buffer => {
    const trimmed = raw.trim();
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) throw new InvalidSetting(`must be base64 (e.g. from: openssl rand -base64 ${minBytes})`);
    const key = Buffer.from(trimmed, 'base64');
    if (key.length < minBytes || key.length > maxBytes) {
      throw new InvalidSetting(
        `must decode to ${minBytes === maxBytes ? minBytes : `${minBytes}–${maxBytes}`} bytes (got ${key.length}); make one with: openssl rand -base64 ${minBytes}`,
      );
    }
    return key;
  };
}

/** An Ed25519 key as PEM, or as base64 of its DER (PKCS8 for a private key, SPKI for a public one). */
function ed25519Key(kind: 'private' | 'public') {
  return (raw: string): KeyObject => {
    const text = raw.trim().replaceAll('\\n', '\n');
    let key: KeyObject;
    try {
      if (text.startsWith('-----BEGIN')) key = kind === 'private' ? createPrivateKey(text) : createPublicKey(text);
      else {
        if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw new Error('not base64');
        const der = Buffer.from(text, 'base64');
        key = kind === 'private' ? createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) : createPublicKey({ key: der, format: 'der', type: 'spki' });
      }
    } catch {
      throw new InvalidSetting(`must be an Ed25519 ${kind} key, PEM or base64 DER (${kind === 'private' ? 'PKCS8' : 'SPKI'}); make a pair with: npm run cli -- audit:keygen`);
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new InvalidSetting(`must be an Ed25519 key (got ${key.asymmetricKeyType}); make a pair with: npm run cli -- audit:keygen`);
    return key;
  };
}

function queuePrefix(raw: string): string {
  if (!/^[a-z][a-z0-9_-]{0,39}$/.test(raw)) {
    throw new InvalidSetting('must be 1–40 lowercase letters, digits, "-" or "_", starting with a letter');
  }
  return raw;
}

export const ENV_SCHEMA = {
  NODE_ENV: {
    description: 'development, test or production. Production has no defaults for connection strings or secrets.',
    default: 'development',
    parse: oneOf<NodeEnv>('development', 'test', 'production'),
  },
  HOST: {
    description: 'Interface the API listens on.',
    default: '127.0.0.1',
    parse: (raw: string) => {
      if (!raw.trim()) throw new InvalidSetting('must not be empty');
      return raw.trim();
    },
  },
  PORT: {
    description: 'TCP port of the API.',
    default: '3000',
    parse: integer(1, 65535),
  },
  DATABASE_URL: {
    description:
      'PostgreSQL connection string of the api, the worker and the CLI: the least-privilege role huijia_app (not a superuser, not the owner of the schema). Unset with `npm start`: an embedded PostgreSQL is started with its data in DATA_DIR/postgres.',
    secret: true,
    parse: url(['postgres:', 'postgresql:']),
  },
  DATABASE_MIGRATION_URL: {
    description:
      "PostgreSQL connection string of the schema's owner, used only to migrate (`npm run migration:run`, `npm start`); never given to the api or the worker. Required in production to migrate; elsewhere DATABASE_URL stands in when it is empty.",
    default: '',
    secret: true,
    parse: (raw: string) => (raw === '' ? '' : url(['postgres:', 'postgresql:'])(raw)),
  },
  DATABASE_POOL_SIZE: {
    description: "Connections in each process's PostgreSQL pool.",
    default: '10',
    parse: integer(1, 200),
  },
  REDIS_URL: {
    description: 'Redis connection string. Unset with `npm start`: redis-server from the PATH is started with its data in DATA_DIR/redis.',
    devDefault: 'redis://127.0.0.1:6379',
    secret: true,
    parse: url(['redis:', 'rediss:']),
  },
  QUEUE_PREFIX: {
    description: 'Prefix of every BullMQ key in Redis, so several installations can share one Redis.',
    default: 'huijia',
    parse: queuePrefix,
  },
  LOG_LEVEL: {
    description: 'fatal, error, warn, info, debug, trace or silent.',
    default: 'info',
    parse: oneOf<LogLevel>('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
  },
  LOG_PRETTY: {
    description: 'Human-readable logs instead of JSON lines. Defaults to true in development only.',
    devDefault: 'true',
    default: 'false',
    parse: boolean,
  },
  COOKIE_SECURE: {
    description:
      "Mark the cookies the api sets (the browser's refresh-token and device cookies) Secure, so browsers send them over HTTPS only. On by default in production; turn it off only for an intranet served over plain HTTP.",
    devDefault: 'false',
    default: 'true',
    parse: boolean,
  },
  CORS_ORIGINS: {
    description: 'Comma-separated browser origins allowed to call the API; empty turns CORS off.',
    default: '',
    parse: originList,
  },
  TRUST_PROXY: {
    description:
      'Behind a reverse proxy, which hops to trust for the client address (X-Forwarded-For): false, true, a number of hops, or addresses/subnets such as loopback,10.0.0.0/8. Login throttling per IP depends on it.',
    default: 'false',
    parse: (raw: string): boolean | number | string[] => {
      const value = raw.trim();
      if (value === 'false') return false;
      if (value === 'true') return true;
      if (/^\d+$/.test(value)) return Number(value);
      const entries = value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean);
      const valid = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;
      if (entries.length === 0 || !entries.every((entry) => valid.test(entry))) {
        throw new InvalidSetting('must be false, true, a number of hops, or a comma-separated list of addresses, subnets or loopback/linklocal/uniquelocal');
      }
      return entries;
    },
  },
  BODY_LIMIT: {
    description: 'Largest accepted JSON body; larger requests get 413.',
    default: '1mb',
    parse: byteSize,
  },
  WORKER_CONCURRENCY: {
    description: 'Jobs each queue processes at once in one worker process.',
    default: '10',
    parse: integer(1, 500),
  },
  WORKER_LOCK_DURATION_MS: {
    description: 'How long a job is locked to the worker running it; a worker that dies mid-job gives it back after about this long.',
    default: '30000',
    parse: integer(1000, 600_000),
  },
  OUTBOX_POLL_INTERVAL_MS: {
    description: 'How often the outbox relay looks for unpublished rows when no notification woke it.',
    default: '1000',
    parse: integer(10, 60_000),
  },
  OUTBOX_BATCH_SIZE: {
    description: 'Outbox rows the relay publishes per transaction.',
    default: '200',
    parse: integer(1, 5000),
  },
  OUTBOX_RETENTION_DAYS: {
    description: 'Days a published outbox row is kept (for tracing) before the relay deletes it.',
    default: '7',
    parse: integer(1, 3650),
  },
  JWT_SECRET: {
    description: 'Secret (at least 32 characters) that signs access tokens.',
    devDefault: 'huijia-development-only-secret-do-not-use-in-production',
    secret: true,
    parse: (raw: string) => {
      if (raw.length < 32) throw new InvalidSetting('must be at least 32 characters');
      return raw;
    },
  },
  AUDIT_SIGNING_KEY: {
    description:
      'Ed25519 private key (PKCS8 PEM or base64 DER) the worker and the CLI sign audit checkpoints with; never stored in the database, not needed by the api. Required in production for the worker. Make a pair with `npm run cli -- audit:keygen`.',
    default: '',
    devDefault: 'MC4CAQAwBQYDK2VwBCIEID9UxrYfv2iVyLMxM7CBJ2KQ15pvShDVGKlW61uRyU2y',
    secret: true,
    parse: (raw: string) => (raw.trim() === '' ? undefined : ed25519Key('private')(raw)),
  },
  AUDIT_VERIFY_KEY: {
    description:
      'Ed25519 public key(s) (SPKI PEM or base64 DER, comma-separated to keep old keys verifiable) `audit:verify` checks checkpoints with; must include the public key of AUDIT_SIGNING_KEY. Required in production for the worker.',
    default: '',
    devDefault: 'MCowBQYDK2VwAyEADP75z47YHQDQZZRbDQC29RgnbWUI6JtS4rm+fAu4VJE=',
    parse: (raw: string) =>
      raw
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => ed25519Key('public')(part)),
  },
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: {
    description: 'How often the worker signs a checkpoint of every audit chain head.',
    default: '300',
    parse: integer(10, 86_400),
  },
  AUDIT_CHECKPOINT_FILE: {
    description:
      'A file outside PostgreSQL each signed checkpoint is appended to as a JSON line (`npm start`: DATA_DIR/audit-checkpoints.jsonl). Empty: none. Keep it, or a copy, where the database owner cannot write.',
    default: '',
    parse: (raw: string) => raw.trim(),
  },
  DATA_ENCRYPTION_KEY: {
    description: 'AES-256-GCM key for identifiers of people (ID, phone, document numbers): 32 bytes, base64.',
    devDefault: 'ZGV2ZWxvcG1lbnQtb25seS1kYXRhLWtleS0zMmJ5dGU=',
    secret: true,
    parse: base64Key('DATA_ENCRYPTION_KEY', 32, 32),
  },
  BLIND_INDEX_KEY: {
    description: 'HMAC key of the blind indexes that find an identifier without decrypting: at least 32 bytes, base64.',
    devDefault: 'ZGV2ZWxvcG1lbnQtb25seS1ibGluZC1pbmRleC1rZXk=',
    secret: true,
    parse: base64Key('BLIND_INDEX_KEY', 32, 64),
  },
  ACCESS_TOKEN_TTL_SECONDS: {
    description: 'Lifetime of an access token; the client refreshes it with its refresh token.',
    default: '900',
    parse: integer(60, 86_400),
  },
  REFRESH_TOKEN_TTL_DAYS: {
    description: 'How long a login lasts without activity before the user must sign in again.',
    default: '14',
    parse: integer(1, 365),
  },
  LOGIN_MAX_FAILURES_PER_ACCOUNT: {
    description:
      'Failed sign-ins of one account from one client (its device cookie, else its address) before each further attempt from that client must wait (429, growing delays); also how many failures of the account put a notice in its inbox.',
    default: '5',
    parse: integer(1, 1000),
  },
  LOGIN_MAX_DELAY_SECONDS: {
    description: 'The longest wait between failed sign-ins of one account from one client: the delays double from 1 second up to this.',
    default: '900',
    parse: integer(1, 86_400),
  },
  LOGIN_DEVICE_DAYS: {
    description: 'How long a device cookie (set at a successful sign-in) marks the browser as a known client of the accounts signed in with it, from its last use.',
    default: '180',
    parse: integer(1, 3650),
  },
  LOGIN_MAX_FAILURES_PER_IP: {
    description: 'Failed logins from one IP address within the throttle window before further attempts from it without a known device cookie get 429.',
    default: '30',
    parse: integer(1, 100_000),
  },
  LOGIN_THROTTLE_WINDOW_MINUTES: {
    description: 'The window in which failed logins are counted.',
    default: '15',
    parse: integer(1, 1440),
  },
  PASSWORD_HASH_MEMORY_KIB: {
    description: 'Memory of one argon2id password hash, in KiB (OWASP: 19456).',
    default: '19456',
    parse: integer(1024, 1_048_576),
  },
  EMERGENCY_ACCESS_HOURS: {
    description: 'How long a supervisor\'s emergency ("break the glass") access to a file outside their scope lasts.',
    default: '4',
    parse: integer(1, 72),
  },
  REMINDER_WINDOW_MINUTES: {
    description: 'Reminders due within this window are moved from PostgreSQL into Redis as delayed jobs; later ones cost Redis nothing.',
    default: '15',
    parse: integer(1, 1440),
  },
  REMINDER_RELAY_INTERVAL_MS: {
    description: 'How often the worker moves reminders entering the window into Redis.',
    default: '10000',
    parse: integer(50, 600_000),
  },
  RECONCILE_INTERVAL_MS: {
    description: 'How often the worker re-enqueues reminders that are due and not delivered (Redis flushed, a worker killed).',
    default: '60000',
    parse: integer(100, 3_600_000),
  },
  ESCALATION_SCAN_INTERVAL_MS: {
    description: 'How often the worker looks for reminders overdue for escalation.',
    default: '60000',
    parse: integer(100, 3_600_000),
  },
  ESCALATION_GRACE_HOURS: {
    description: 'Time after the due time (and after each escalation) before an unacknowledged reminder goes one step up the ladder.',
    default: '72',
    parse: (raw: string) => {
      const value = Number(raw);
      if (!Number.isFinite(value) || value <= 0 || value > 24 * 90) throw new InvalidSetting('must be a number of hours between 0 and 2160');
      return value;
    },
  },
  ESCALATION_LADDER: {
    description: 'Who is told, step by step, while a reminder stays unacknowledged: assignee, supervisor, parent_bureau (the civil affairs bureau of the level above).',
    default: 'assignee,supervisor,parent_bureau',
    parse: (raw: string) => {
      const steps = raw.split(',').map((step) => step.trim());
      const allowed = ['assignee', 'supervisor', 'parent_bureau'];
      if (steps[0] !== 'assignee' || steps.some((step) => !allowed.includes(step)) || new Set(steps).size !== steps.length) {
        throw new InvalidSetting(`must start with assignee and list distinct steps among ${allowed.join(', ')}`);
      }
      return steps as ('assignee' | 'supervisor' | 'parent_bureau')[];
    },
  },
  FOLLOWUP_TEMPLATE: {
    description:
      'Follow-up visits after reunification or resettlement (R17): monthly:<until month>,quarterly:<until month>,yearly. Default: monthly for 6 months, quarterly until 2 years, then yearly.',
    default: 'monthly:6,quarterly:24,yearly',
    parse: (raw: string) => {
      const match = /^monthly:(\d+),quarterly:(\d+),yearly$/.exec(raw.replace(/\s/g, ''));
      if (!match || Number(match[1]) > Number(match[2])) throw new InvalidSetting('must look like monthly:6,quarterly:24,yearly (months, the second not before the first)');
      return { monthlyUntilMonth: Number(match[1]), quarterlyUntilMonth: Number(match[2]) };
    },
  },
  FOLLOWUP_MIN_YEARS: {
    description: 'Years a follow-up plan lasts at least; for a minor it lasts at least until 18.',
    default: '5',
    parse: integer(1, 30),
  },
  LEGAL_AID_ACCEPT_WORKING_DAYS: {
    description: 'Working days (Chinese calendar with 调休) a legal aid centre has to accept a green-channel referral (R18).',
    default: '3',
    parse: integer(1, 30),
  },
  REFERRAL_ACCEPT_DAYS: {
    description: 'Calendar days other partners have to accept a referral, unless the caseworker sets another date.',
    default: '7',
    parse: integer(1, 90),
  },
  COMPULSORY_EDUCATION_AGES: {
    description: 'Ages of compulsory education (R14): children of these ages in care and not enrolled are listed for their caseworker.',
    default: '6-15',
    parse: (raw: string) => {
      const match = /^(\d{1,2})-(\d{1,2})$/.exec(raw.trim());
      if (!match || Number(match[1]) > Number(match[2])) throw new InvalidSetting('must be a range of ages such as 6-15');
      return { from: Number(match[1]), to: Number(match[2]) };
    },
  },
  STATS_MIN_CELL: {
    description:
      'k for the figures that leave the reporting chain (R20, R22): counts from 1 to k−1, and medians and shares of fewer than k people, are suppressed, with complementary suppression (IOM/CTDC: 11).',
    default: '11',
    parse: integer(3, 1000),
  },
  STATS_DEADLINES: {
    description:
      'R20: the day of the following year by which each level reports its year to the office above (a bureau to the office of its level by the same day), as county=MM-DD,city=MM-DD,province=MM-DD.',
    default: 'county=01-15,city=01-31,province=02-28',
    parse: (raw: string) => {
      const levels = { province: 1, city: 2, county: 3 } as const;
      const deadlines: Record<number, string> = {};
      for (const part of raw.split(',').map((entry) => entry.trim())) {
        const match = /^(county|city|province)=(\d\d)-(\d\d)$/.exec(part);
        // A day every year has: February stops at 28.
        const valid = match !== null && Number(match[3]) >= 1 && Number(match[3]) <= ([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Number(match[2]) - 1] ?? 0);
        if (!match || !valid) throw new InvalidSetting(`"${part}" must look like county=01-15 (a day every year has)`);
        deadlines[levels[match[1] as keyof typeof levels]] = `${match[2]}-${match[3]}`;
      }
      if (Object.keys(deadlines).length !== 3) throw new InvalidSetting('must give county, city and province');
      if (!(deadlines[3] <= deadlines[2] && deadlines[2] <= deadlines[1])) throw new InvalidSetting('a level reports no later than the one above it');
      return deadlines as { 1: string; 2: string; 3: string };
    },
  },
  HOUSEHOLD_REGISTRATION_DAYS: {
    description: 'Days in an institution with identity still unknown after which household registration is raised (R11).',
    default: '90',
    parse: integer(1, 3650),
  },
  HOUSEHOLD_STEP_DAYS: {
    description: 'Days each later step of household registration (registration by the police, then social security) may take before it is reminded and escalated.',
    default: '30',
    parse: integer(1, 365),
  },
  NOTIFY_CHANNEL: {
    description: 'An outgoing channel besides the in-app inbox: none, webhook (NOTIFY_WEBHOOK_URL) or smtp (SMTP_URL, to users with an email address).',
    default: 'none',
    parse: oneOf<'none' | 'webhook' | 'smtp'>('none', 'webhook', 'smtp'),
  },
  NOTIFY_WEBHOOK_URL: {
    description: 'With NOTIFY_CHANNEL=webhook: where each notification is POSTed as JSON.',
    default: '',
    secret: true,
    parse: (raw: string) => (raw === '' ? '' : url(['http:', 'https:'])(raw)),
  },
  SMTP_URL: {
    description: 'With NOTIFY_CHANNEL=smtp: smtp:// or smtps:// URL of the mail server, with credentials.',
    default: '',
    secret: true,
    parse: (raw: string) => (raw === '' ? '' : url(['smtp:', 'smtps:'])(raw)),
  },
  NOTIFY_EMAIL_FROM: {
    description: 'With NOTIFY_CHANNEL=smtp: the sender address.',
    default: 'huijia@localhost',
    parse: (raw: string) => {
      if (!/^[^\s@]+@[^\s@]+$/.test(raw)) throw new InvalidSetting('must be an email address');
      return raw;
    },
  },
  CLOCK_AT: {
    description:
      'Development and tests only: the instant (ISO 8601, e.g. 2027-03-01T09:00:00+08:00) the clock of this process starts at; time runs on from there. Empty: the real time. Refused in production.',
    default: '',
    parse: (raw: string) => {
      if (!raw.trim()) return undefined;
      const instant = new Date(raw.trim());
      if (!/^\d{4}-\d{2}-\d{2}T/.test(raw.trim()) || Number.isNaN(instant.getTime())) throw new InvalidSetting('must be an ISO 8601 instant such as 2027-03-01T09:00:00+08:00');
      return instant;
    },
  },
  DATA_DIR: {
    description: 'Where `npm start` keeps the embedded PostgreSQL and Redis data.',
    default: '.data',
    parse: (raw: string) => {
      if (!raw.trim()) throw new InvalidSetting('must not be empty');
      return raw.trim();
    },
  },
} satisfies Record<string, Setting<unknown>>;

export type EnvSchema = typeof ENV_SCHEMA;
export type SettingName = keyof EnvSchema;
