import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CheckpointVerifier, type CheckpointVerification } from './checkpoints/checkpoint-verifier.js';

export interface BrokenLink {
  chain: string;
  seq: number;
  recordId: string;
  reason: string;
}

export interface VerificationResult {
  intact: boolean;
  records: number;
  chains: number;
  firstBroken?: BrokenLink;
  /** The signed checkpoints (table and files), checked once every chain is intact; a problem there makes the record not intact. */
  checkpoints?: CheckpointVerification;
}

interface Row {
  id: string;
  chain: string;
  seq: string;
  prev_hash: Buffer;
  hash: Buffer;
  canonical: string;
}

const GENESIS: Buffer = Buffer.alloc(32);
const BATCH = 5000;

/**
 * Walks every chain in order and recomputes each hash from the previous one
 * and the record's canonical content, then checks the chain's head. Reports
 * the first broken link: an edited record fails its own hash, a removed or
 * re-ordered one breaks the link or the sequence, a cut tail disagrees with
 * the head.
 *
 * Someone holding the database owner's credentials can re-hash a chain after
 * deleting a record and move its head, which the walk cannot see; the signed
 * checkpoints (CheckpointVerifier) then disagree with the rewritten chain.
 */
@Injectable()
export class AuditVerifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checkpoints: CheckpointVerifier,
  ) {}

  /** The chains, then every checkpoint in the table, in AUDIT_CHECKPOINT_FILE and in `checkpointFiles`. */
  async verify(onProgress?: (records: number) => void, checkpointFiles: string[] = []): Promise<VerificationResult> {
    const walked = await this.walk(onProgress);
    if (!walked.intact) return walked;
    const checkpoints = await this.checkpoints.verify(checkpointFiles);
    return { ...walked, intact: !checkpoints.firstProblem, checkpoints };
  }

  private async walk(onProgress?: (records: number) => void): Promise<VerificationResult> {
    const chains: { chain: string }[] = await this.dataSource.query('SELECT chain FROM audit_chain ORDER BY chain');
    let records = 0;
    for (const { chain } of chains) {
      // The head as it stands when this chain's walk begins, and the walk up to it: the system keeps recording while it
      // is verified, and a record appended meanwhile (its head moved in the same commit) is past this head, checked next time.
      const [head]: { last_seq: string; last_hash: Buffer }[] = await this.dataSource.query('SELECT last_seq, last_hash FROM audit_chain WHERE chain = $1', [chain]);
      const headSeq = Number(head.last_seq);
      let previous: Buffer = GENESIS;
      let expectedSeq = 1;
      let lastSeq = 0;
      const broken = (seq: number, recordId: string, reason: string): VerificationResult => ({
        intact: false,
        records,
        chains: chains.length,
        firstBroken: { chain, seq, recordId, reason },
      });
      for (;;) {
        const rows: Row[] = await this.dataSource.query(
          `SELECT id, chain, seq, prev_hash, hash, audit_canonical(a) AS canonical
             FROM audit_record a WHERE chain = $1 AND seq >= $2 AND seq <= $3 ORDER BY seq LIMIT ${BATCH}`,
          [chain, expectedSeq, headSeq],
        );
        for (const row of rows) {
          const seq = Number(row.seq);
          if (seq !== expectedSeq) return broken(seq, String(row.id), `sequence jumps from ${expectedSeq - 1} to ${seq}: records are missing`);
          if (!row.prev_hash.equals(previous)) return broken(seq, String(row.id), 'does not link to the record before it');
          const recomputed = createHash('sha256').update(previous).update(row.canonical, 'utf8').digest();
          if (!recomputed.equals(row.hash)) return broken(seq, String(row.id), 'content does not match its hash: the record was altered');
          previous = row.hash;
          lastSeq = seq;
          expectedSeq += 1;
          records += 1;
        }
        onProgress?.(records);
        if (rows.length < BATCH) break;
      }
      if (lastSeq !== headSeq || !previous.equals(head.last_hash)) {
        return broken(lastSeq + 1, '(missing)', `the chain's head says ${headSeq} records but ${lastSeq} are there: records were cut from the end`);
      }
      // Head and records read by one statement (one snapshot): a record past the head was not appended by audit_append.
      const [beyond]: { id: string; seq: string }[] = await this.dataSource.query(
        `SELECT id, seq FROM audit_record WHERE chain = $1 AND seq > (SELECT last_seq FROM audit_chain WHERE chain = $1) ORDER BY seq LIMIT 1`,
        [chain],
      );
      if (beyond) return broken(Number(beyond.seq), String(beyond.id), "lies past the chain's head: the head was moved back");
    }
    const stray: { chain: string; seq: string; id: string }[] = await this.dataSource.query(
      'SELECT chain, seq, id FROM audit_record WHERE chain NOT IN (SELECT chain FROM audit_chain) ORDER BY id LIMIT 1',
    );
    if (stray.length > 0) {
      return {
        intact: false,
        records,
        chains: chains.length,
        firstBroken: { chain: stray[0].chain, seq: Number(stray[0].seq), recordId: String(stray[0].id), reason: 'belongs to no known chain' },
      };
    }
    return { intact: true, records, chains: chains.length };
  }
}
