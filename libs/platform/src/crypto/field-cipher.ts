import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Identifiers of people (resident ID numbers, phone numbers, travel document
 * and household registration numbers) are stored encrypted with AES-256-GCM,
 * beside an HMAC-SHA256 "blind index" of their normalised form for exact
 * lookup; a database dump shows neither in plain text. The purpose is mixed
 * into the index so equal values of different kinds do not index alike.
 */
@Injectable()
export class FieldCipher {
  private readonly encryptionKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.encryptionKey = config.crypto.dataEncryptionKey;
    this.indexKey = config.crypto.blindIndexKey;
  }

  /** version (1 byte) ‖ iv (12) ‖ tag (16) ‖ ciphertext */
  encrypt(plain: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  decrypt(sealed: Buffer): string {
    if (sealed[0] !== VERSION) throw new Error(`unknown ciphertext version ${sealed[0]}`);
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** The blind index of a value: equal normalised values of one purpose give equal indexes. */
  blindIndex(purpose: string, value: string): Buffer {
    return createHmac('sha256', this.indexKey)
      .update(`${purpose}\u0000${normaliseIdentifier(value)}`)
      .digest();
  }

  /** Encrypts and indexes; undefined and empty stay null. */
  seal(purpose: string, value: string | null | undefined): { cipher: Buffer | null; index: Buffer | null } {
    if (value === undefined || value === null || value.trim() === '') return { cipher: null, index: null };
    return { cipher: this.encrypt(value.trim()), index: this.blindIndex(purpose, value) };
  }

  open(sealed: Buffer | null | undefined): string | null {
    return sealed ? this.decrypt(sealed) : null;
  }
}

/** Full-width to half-width, no spaces or dashes, upper case: how identifiers are compared. */
export function normaliseIdentifier(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\s\-–—_.()（）]/g, '')
    .toUpperCase();
}
