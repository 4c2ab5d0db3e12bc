import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/** One chain's head as a checkpoint states it: the record at `seq` of `chain` has `hash` (hex). */
export interface ChainHead {
  chain: string;
  seq: number;
  hash: string;
}

/** What a checkpoint signs: every chain's head at an instant, and which key signed. */
export interface CheckpointStatement {
  v: 1;
  signedAt: string;
  keyId: string;
  heads: ChainHead[];
}

/** A checkpoint as stored in the table, in AUDIT_CHECKPOINT_FILE and sent to the webhook: the exact signed text and its signature. */
export interface SignedCheckpoint {
  statement: string;
  /** Ed25519 signature of the statement's UTF-8 bytes, base64. */
  signature: string;
}

/** A public key's id: the first 16 hex digits of the SHA-256 of its SPKI DER. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function signCheckpoint(privateKey: KeyObject, signedAt: Date, heads: ChainHead[]): SignedCheckpoint & { parsed: CheckpointStatement } {
  const parsed: CheckpointStatement = { v: 1, signedAt: signedAt.toISOString(), keyId: keyIdOf(privateKey), heads };
  const statement = JSON.stringify(parsed);
  return { statement, signature: sign(null, Buffer.from(statement, 'utf8'), privateKey).toString('base64'), parsed };
}

/** The statement if it is well-formed and signed by one of `keys`; otherwise why not. */
export function openCheckpoint(checkpoint: SignedCheckpoint, keys: KeyObject[]): { statement: CheckpointStatement } | { problem: string } {
  let statement: CheckpointStatement;
  try {
    statement = JSON.parse(checkpoint.statement) as CheckpointStatement;
  } catch {
    return { problem: 'its statement is not JSON' };
  }
  if (statement?.v !== 1 || typeof statement.signedAt !== 'string' || typeof statement.keyId !== 'string' || !Array.isArray(statement.heads)) {
    return { problem: 'its statement is not a checkpoint' };
  }
  const key = keys.find((candidate) => keyIdOf(candidate) === statement.keyId);
  if (!key) return { problem: `it is signed with key ${statement.keyId}, which AUDIT_VERIFY_KEY does not hold` };
  const signature = Buffer.from(String(checkpoint.signature ?? ''), 'base64');
  if (!verify(null, Buffer.from(checkpoint.statement, 'utf8'), key, signature)) return { problem: 'its signature is not valid: the checkpoint was forged or altered' };
  return { statement };
}

/** A new Ed25519 pair for AUDIT_SIGNING_KEY and AUDIT_VERIFY_KEY, as base64 DER (one line each, for .env). */
export function generateCheckpointKeys(): { signingKey: string; verifyKey: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    signingKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    verifyKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    keyId: keyIdOf(publicKey),
  };
}
