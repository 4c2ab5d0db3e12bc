import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { APP_CONFIG, type AppConfig } from '#app/platform';

/** The password policy's numbers, for messages and the documentation. */
export const PASSWORD_POLICY = { minLength: 12, maxLength: 128 } as const;

let common: ReadonlySet<string> | undefined;

/** The shipped list of the 10,000 most common passwords (see the header of common-passwords.txt), lower-cased; read once. */
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => line.toLowerCase()),
  );
  return common;
}

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '8': 'b', '3': 'e', '1': 'i', '!': 'i', '0': 'o', $: 's', '5': 's', '7': 't', '+': 't' };

const NOT_LETTERS_AT_START = /^[^\p{L}]+/u;
const NOT_LETTERS_AT_END = /[^\p{L}]+$/u;
const unleet = (text: string) => text.replace(/[@48310!$57+]/g, (c) => LEET[c]);

/**
 * A list entry, give or take what people add to one to pass a length rule:
 * the password itself; without the digits and symbols before or after it
 * (`Dragon2026!!`, `123456789012`); with look-alike digits and symbols read as
 * letters (`P@ssw0rd-2026`); with its separators left out (`pass-word`); or one
 * entry said twice or more (`qwertyqwerty`, `iloveyou-iloveyou`).
 * Case does not matter.
 */
export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  const lower = password.toLowerCase();
  const withoutEnd = lower.replace(NOT_LETTERS_AT_END, '');
  const withoutStart = lower.replace(NOT_LETTERS_AT_START, '');
  const core = withoutEnd.replace(NOT_LETTERS_AT_START, '');
  const joined = core.replace(/[^\p{L}\p{N}]+/gu, '');
  for (const candidate of [lower, core, unleet(core), unleet(withoutEnd), unleet(withoutStart), joined]) {
    if (candidate.length === 0) continue;
    if (list.has(candidate)) return true;
    const repeated = /^(.+?)\1+$/u.exec(candidate);
    if (repeated && list.has(repeated[1])) return true;
  }
  // A long entry (six characters or more) with only digits and symbols before or after it.
  const noLetters = (text: string) => !/\p{L}/u.test(text);
  for (let length = lower.length - 1; length >= 6; length--) {
    if (list.has(lower.slice(0, length)) && noLetters(lower.slice(length))) return true;
    if (list.has(lower.slice(lower.length - length)) && noLetters(lower.slice(0, lower.length - length))) return true;
  }
  return false;
}

/**
 * Why a new password is refused, or undefined when it is acceptable: at least
 * 12 characters (of any script), at most 128, not containing the username, not
 * one character repeated, not a common password or a variant of one (see
 * isCommonPassword). No composition rule: length and the list do more
 * (NIST SP 800-63B). "Not the same as the current one" is checked where the
 * current one is known (AuthService.changePassword).
 */
export function passwordProblem(password: string, username?: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_POLICY.minLength) return `至少 ${PASSWORD_POLICY.minLength} 个字符 / must have at least ${PASSWORD_POLICY.minLength} characters`;
  if (length > PASSWORD_POLICY.maxLength) return `最多 ${PASSWORD_POLICY.maxLength} 个字符 / must have at most ${PASSWORD_POLICY.maxLength} characters`;
  if (username && password.toLowerCase().includes(username.trim().toLowerCase())) return '不得包含用户名 / must not contain the username';
  if (new Set(password.toLowerCase()).size < 3) return '不得只由一两个字符重复组成 / must not repeat one or two characters';
  if (isCommonPassword(password)) return '这是最常见的密码之一（或其变体），很容易被猜中 / is one of the most common passwords (or a variant of one) and easily guessed';
  return undefined;
}

/** argon2id hashes (@node-rs/argon2); unknown users are checked against a dummy hash so both failures take as long. */
@Injectable()
export class Passwords {
  private readonly options: { memoryCost: number; timeCost: number; parallelism: number };
  private dummyHash?: Promise<string>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.options = { memoryCost: config.auth.passwordHashMemoryKib, timeCost: 2, parallelism: 1 };
  }

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  /** Verifies against the stored hash, or against a dummy one when there is no user, spending the same time. */
  async verify(storedHash: string | undefined, password: string): Promise<boolean> {
    if (storedHash === undefined) {
      this.dummyHash ??= this.hash('huijia-timing-equaliser-Aa1!');
      await verify(await this.dummyHash, password);
      return false;
    }
    return verify(storedHash, password).catch(() => false);
  }
}
