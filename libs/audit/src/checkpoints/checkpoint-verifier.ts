import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#app/platform';
import { openCheckpoint, type ChainHead, type SignedCheckpoint } from './checkpoint-statement.js';

/** The first checkpoint the record contradicts, or one that is itself not genuine. */
export interface CheckpointProblem {
  /** Where the checkpoint was found: 'table', or the file's path and line. */
  source: string;
  checkpointId: string | null;
  /** As the checkpoint says (its statement may be unreadable: then null). */
  signedAt: string | null;
  chain?: string;
  seq?: number;
  reason: string;
}

export interface CheckpointVerification {
  /** Checkpoints whose signature and every head were checked. */
  checked: number;
  /** Lines of the checkpoint files found in the table as they are (a checkpoint in both counts once in `checked`). */
  confirmedByFiles: number;
  latestSignedAt: string | null;
  firstProblem?: CheckpointProblem;
}

const BATCH = 500;

/** What a statement says of its instant, even if it is not genuine (for the report). */
function signedAtOf(statement: string): string | null {
  try {
    const value = (JSON.parse(statement) as { signedAt?: unknown }).signedAt;
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

interface Found extends SignedCheckpoint {
  source: string;
  id: string | null;
}

/**
 * Checks every checkpoint in audit_checkpoint and in the checkpoint files: its
 * Ed25519 signature (AUDIT_VERIFY_KEY), then that each chain's record at the
 * signed position still exists with the signed hash; a checkpoint in a file
 * but not in the table was deleted from it. Streams the table and the files;
 * a head already checked for a chain is not checked again.
 */
@Injectable()
export class CheckpointVerifier {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async verify(extraFiles: string[] = []): Promise<CheckpointVerification> {
    const result: CheckpointVerification = { checked: 0, confirmedByFiles: 0, latestSignedAt: null };
    const checkedHeads = new Map<string, string>();
    let after = '0';
    for (;;) {
      const rows: { id: string; statement: string; signature: string }[] = await this.dataSource.query(
        `SELECT id, statement, signature FROM audit_checkpoint WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
        [after],
      );
      for (const row of rows) {
        const problem = await this.check({ source: 'table', id: String(row.id), statement: row.statement, signature: row.signature }, checkedHeads, result);
        if (problem) return { ...result, firstProblem: problem };
      }
      if (rows.length < BATCH) break;
      after = String(rows[rows.length - 1].id);
    }
    const files = [...new Set([this.config.audit.checkpointFile, ...extraFiles].filter(Boolean).map((file) => path.resolve(file)))];
    for (const file of files) {
      if (!existsSync(file)) {
        if (extraFiles.some((extra) => path.resolve(extra) === file))
          return { ...result, firstProblem: { source: file, checkpointId: null, signedAt: null, reason: 'the file does not exist' } };
        continue;
      }
      const problem = await this.checkFile(file, checkedHeads, result);
      if (problem) return { ...result, firstProblem: problem };
    }
    return result;
  }

  private async checkFile(file: string, checkedHeads: Map<string, string>, result: CheckpointVerification): Promise<CheckpointProblem | undefined> {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let number = 0;
    try {
      for await (const line of lines) {
        number += 1;
        if (!line.trim()) continue;
        const source = `${file}:${number}`;
        let entry: Partial<Found>;
        try {
          entry = JSON.parse(line) as Partial<Found>;
        } catch {
          return { source, checkpointId: null, signedAt: null, reason: 'the line is not JSON' };
        }
        const found: Found = { source, id: entry.id ? String(entry.id) : null, statement: String(entry.statement ?? ''), signature: String(entry.signature ?? '') };
        const inTable: { statement: string }[] = await this.dataSource.query('SELECT statement FROM audit_checkpoint WHERE signature = $1', [found.signature]);
        if (inTable.length === 1 && inTable[0].statement === found.statement) {
          result.confirmedByFiles += 1; // checked with the table
          continue;
        }
        const problem = await this.check(found, checkedHeads, result);
        if (problem) return problem;
        if (inTable.length === 0) {
          return {
            source,
            checkpointId: found.id,
            signedAt: signedAtOf(found.statement),
            reason: 'this genuine checkpoint is missing from the table audit_checkpoint: it was deleted from the database',
          };
        }
      }
    } finally {
      lines.close();
    }
    return undefined;
  }

  private async check(found: Found, checkedHeads: Map<string, string>, result: CheckpointVerification): Promise<CheckpointProblem | undefined> {
    const opened = openCheckpoint(found, this.config.audit.verifyKeys);
    if ('problem' in opened) {
      const signedAt = signedAtOf(found.statement);
      return { source: found.source, checkpointId: found.id, signedAt, reason: `checkpoint${found.id ? ` ${found.id}` : ''}: ${opened.problem}` };
    }
    const { statement } = opened;
    const heads = statement.heads.filter((head: ChainHead) => head.seq > 0 && checkedHeads.get(head.chain) !== `${head.seq}:${head.hash}`);
    if (heads.length > 0) {
      const mismatches: { chain: string; seq: string; present: boolean }[] = await this.dataSource.query(
        `SELECT h.chain, h.seq, r.id IS NOT NULL AS present
           FROM jsonb_to_recordset($1::jsonb) AS h(chain text, seq bigint, hash text)
           LEFT JOIN audit_record r ON r.chain = h.chain AND r.seq = h.seq
          WHERE r.hash IS DISTINCT FROM decode(h.hash, 'hex')
          ORDER BY h.chain, h.seq LIMIT 1`,
        [JSON.stringify(heads)],
      );
      if (mismatches.length > 0) {
        const [mismatch] = mismatches;
        const what = mismatch.present ? 'no longer has the signed hash' : 'is missing';
        return {
          source: found.source,
          checkpointId: found.id,
          signedAt: statement.signedAt,
          chain: mismatch.chain,
          seq: Number(mismatch.seq),
          reason: `record ${mismatch.seq} of chain ${mismatch.chain} ${what}: rewritten after checkpoint${found.id ? ` ${found.id}` : ''} signed at ${statement.signedAt} (key ${statement.keyId})`,
        };
      }
      for (const head of heads) checkedHeads.set(head.chain, `${head.seq}:${head.hash}`);
    }
    result.checked += 1;
    if (!result.latestSignedAt || statement.signedAt > result.latestSignedAt) result.latestSignedAt = statement.signedAt;
    return undefined;
  }
}
