import { Inject, Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { APP_CONFIG, type AppConfig } from '#app/platform';

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | undefined {
  if (password.length < 10) return '至少 10 个字符 / must have at least 10 characters';
  if (password.length > 128) return '最多 128 个字符 / must have at most 128 characters';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  if (classes < 3) return '须包含小写字母、大写字母、数字、符号中的至少三类 / must mix at least three of: lower-case, upper-case, digits, symbols';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '不得包含用户名 / must not contain the username';
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
