import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig, migrationDatabaseUrl } from './config.js';
import { ENV_SCHEMA } from './env-schema.js';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/huijia', REDIS_URL: 'redis://127.0.0.1:6379' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('ships the documented defaults', () => {
    const config = loadConfig(base);
    expect(config.env).toBe('development');
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000, corsOrigins: [], bodyLimit: '1mb', trustProxy: false, cookieSecure: false });
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).http.trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(loadConfig({ ...base, TRUST_PROXY: '1' }).http.trustProxy).toBe(1);
    expect(config.redis.queuePrefix).toBe('huijia');
    expect(config.log.pretty).toBe(true);
    expect(config.outbox).toEqual({ pollIntervalMs: 1000, batchSize: 200, retentionDays: 7 });
  });

  it('names each bad variable and the reason, one line each', () => {
    expect(problemsOf({ ...base, PORT: '70000', LOG_LEVEL: 'loud', CORS_ORIGINS: 'https://a.cn/path' })).toEqual([
      'PORT must be an integer between 1 and 65535 (got "70000")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'CORS_ORIGINS must list bare origins without path or trailing slash ("https://a.cn/path" should be "https://a.cn") (got "https://a.cn/path")',
    ]);
  });

  it('never echoes a connection string, which may hold a password', () => {
    const [problem] = problemsOf({ ...base, DATABASE_URL: 'mysql://root:hunter2@db/x' });
    expect(problem).toMatch(/^DATABASE_URL must be a URL starting with postgres:\/\//);
    expect(problem).not.toContain('hunter2');
  });

  it('in production, has no defaults for connection strings and refuses to start without them', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^DATABASE_URL is required/),
      expect.stringMatching(/^REDIS_URL is required in production/),
      expect.stringMatching(/^JWT_SECRET is required in production/),
      expect.stringMatching(/^DATA_ENCRYPTION_KEY is required in production/),
      expect.stringMatching(/^BLIND_INDEX_KEY is required in production/),
    ]);
    const secrets = {
      JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
      DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      BLIND_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
    };
    expect(loadConfig({ ...base, NODE_ENV: 'production', ...secrets }).log.pretty).toBe(false);
    // Cookies are Secure in production unless an intranet served over plain HTTP turns it off.
    expect(loadConfig({ ...base, NODE_ENV: 'production', ...secrets }).http.cookieSecure).toBe(true);
    expect(loadConfig({ ...base, NODE_ENV: 'production', ...secrets, COOKIE_SECURE: 'false' }).http.cookieSecure).toBe(false);
    expect(problemsOf({ ...base, NODE_ENV: 'production', ...secrets, JWT_SECRET: 'short', DATA_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toEqual([
      'JWT_SECRET must be at least 32 characters',
      'DATA_ENCRYPTION_KEY must decode to 32 bytes (got 16); make one with: openssl rand -base64 32',
    ]);
  });

  it('R21: the worker needs the audit checkpoint keys in production, and the verify keys must include the signing key', () => {
    const production = {
      ...base,
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
      DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      BLIND_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
    };
    // The api signs nothing: it starts without them.
    expect(loadConfig(production, 'api').audit).toMatchObject({ signingKey: undefined, verifyKeys: [] });
    expect(() => loadConfig(production, 'worker')).toThrow(/AUDIT_SIGNING_KEY is required in production for the worker/);
    const other = generateKeyPairSync('ed25519');
    const mine = generateKeyPairSync('ed25519');
    const der = (key: KeyObject) => key.export({ type: key.type === 'private' ? 'pkcs8' : 'spki', format: 'der' }).toString('base64');
    expect(problemsOf({ ...base, AUDIT_SIGNING_KEY: der(mine.privateKey), AUDIT_VERIFY_KEY: der(other.publicKey) })).toEqual([
      'AUDIT_VERIFY_KEY must include the public key of AUDIT_SIGNING_KEY (npm run cli -- audit:keygen prints both)',
    ]);
    const pem = mine.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().replaceAll('\n', '\\n');
    const worker = loadConfig({ ...production, AUDIT_SIGNING_KEY: pem, AUDIT_VERIFY_KEY: `${der(other.publicKey)},${der(mine.publicKey)}` }, 'worker');
    expect(worker.audit.verifyKeys).toHaveLength(2);
    expect(problemsOf({ ...base, AUDIT_SIGNING_KEY: Buffer.alloc(32, 1).toString('base64') })).toEqual([
      expect.stringMatching(/^AUDIT_SIGNING_KEY must be an Ed25519 private key, PEM or base64 DER \(PKCS8\)/),
    ]);
  });

  it("R21: migrates with the owner's DATABASE_MIGRATION_URL; outside production DATABASE_URL stands in, in production it is required", () => {
    const owner = 'postgres://huijia:owner@127.0.0.1:5432/huijia';
    expect(migrationDatabaseUrl({ ...base, DATABASE_MIGRATION_URL: owner })).toBe(owner);
    expect(migrationDatabaseUrl(base)).toBe(base.DATABASE_URL);
    expect(loadConfig(base).database).toEqual({ url: base.DATABASE_URL, migrationUrl: base.DATABASE_URL, poolSize: 10 });
    expect(migrationDatabaseUrl({})).toBeUndefined();
    expect(migrationDatabaseUrl({ ...base, NODE_ENV: 'production', DATABASE_MIGRATION_URL: owner })).toBe(owner);
    expect(() => migrationDatabaseUrl({ ...base, NODE_ENV: 'production' })).toThrow(/^DATABASE_MIGRATION_URL is required in production to migrate/);
    expect(problemsOf({ ...base, DATABASE_MIGRATION_URL: 'mysql://root:hunter2@db/x' })).toEqual([
      expect.stringMatching(/^DATABASE_MIGRATION_URL must be a URL starting with postgres:\/\//),
    ]);
  });

  it('is documented: every variable in .env.example (with its default) and in the README table', () => {
    const example = readFileSync('.env.example', 'utf8');
    const readme = readFileSync('README.md', 'utf8');
    for (const [name, setting] of Object.entries(ENV_SCHEMA)) {
      const line = example.split('\n').find((text) => text.replace(/^#\s*/, '').startsWith(`${name}=`));
      expect({ name, line }).toEqual({ name, line: expect.any(String) });
      const shownDefault = 'default' in setting ? setting.default : '';
      expect({ name, value: line!.replace(/^#\s*/, '').slice(name.length + 1) }).toEqual({ name, value: shownDefault });
      expect({ name, inReadme: readme.includes(`| \`${name}\``) }).toEqual({ name, inReadme: true });
    }
  });
});
