import { generateKeyPairSync } from 'node:crypto';
import { generateCheckpointKeys, keyIdOf, openCheckpoint, signCheckpoint } from './checkpoint-statement.js';

describe('audit checkpoint statements (R21)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const heads = [{ chain: '53.1', seq: 7, hash: 'ab'.repeat(32) }];

  it('R21: opens a checkpoint signed with a verify key, and names what is wrong with one that is not', () => {
    const signed = signCheckpoint(privateKey, new Date('2026-11-23T02:00:00Z'), heads);
    expect(openCheckpoint(signed, [publicKey])).toEqual({ statement: { v: 1, signedAt: '2026-11-23T02:00:00.000Z', keyId: keyIdOf(publicKey), heads } });
    const altered = signed.statement.replace('"seq":7', '"seq":6');
    expect(openCheckpoint({ ...signed, statement: altered }, [publicKey])).toEqual({ problem: expect.stringMatching(/signature is not valid/) });
    expect(openCheckpoint(signed, [generateKeyPairSync('ed25519').publicKey])).toEqual({ problem: expect.stringMatching(/AUDIT_VERIFY_KEY does not hold/) });
    expect(openCheckpoint({ statement: 'nonsense', signature: '' }, [publicKey])).toEqual({ problem: 'its statement is not JSON' });
  });

  it('keys are named by their public half, whichever half is given', () => {
    expect(keyIdOf(privateKey)).toBe(keyIdOf(publicKey));
    const pair = generateCheckpointKeys();
    expect(pair.keyId).toMatch(/^[0-9a-f]{16}$/);
  });
});
