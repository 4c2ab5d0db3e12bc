import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { GIVEN_PINYIN_SQL, scorePair, type MatchScore, type NameForm, type PersonSide, type RequestSide } from './matcher.js';

/** Candidates at or above this score are kept; the best 20 per file when a file is matched. */
const KEEP_FROM = 0.3;
const KEEP_BEST = 20;
/**
 * What one blocking query may bring back: beyond it the scoring is cut short,
 * with a warning in the log (never silently), and what is cut is the least
 * likely: the rows are ranked before they are limited — the same name in
 * characters first, then the same pinyin, then the same prefecture, the id
 * breaking ties — so common names can never push out an exact one.
 */
const BLOCK_LIMIT = 5000;

export interface PersonRow {
  file_id: string;
  sex: string;
  birth_date_from: string | null;
  birth_date_to: string | null;
  found_on: string;
  place_codes: string[];
  names: NameForm[] | null;
  marks: string | null;
}

export interface RequestRow {
  id: string;
  sex: string;
  birth_date_from: string;
  birth_date_to: string;
  missing_place_code: string;
  missing_on: string;
  marks: string | null;
  names: NameForm[] | null;
}

const PERSON_SELECT = `
  SELECT f.id AS file_id, p.sex, to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to,
         to_char(f.opened_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS found_on,
         array_remove(ARRAY[p.origin_place_code, f.place_code] || ARRAY(SELECT l.place_code FROM tracing_lead l WHERE l.file_id = f.id AND l.place_code IS NOT NULL), NULL) AS place_codes,
         (SELECT jsonb_agg(jsonb_build_object('name', n.name, 'compact', n.pinyin_compact, 'initials', n.initials, 'given', ${GIVEN_PINYIN_SQL})) FROM person_name n WHERE n.person_id = p.id) AS names,
         concat_ws(' ', p.disability, (SELECT string_agg(l.text, ' ') FROM tracing_lead l WHERE l.file_id = f.id AND l.kind = 'mark')) AS marks
    FROM victim_file f JOIN person p ON p.id = f.person_id`;

const REQUEST_SELECT = `
  SELECT t.id, t.sex, to_char(t.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(t.birth_date_to, 'YYYY-MM-DD') AS birth_date_to,
         t.missing_place_code, to_char(t.missing_on, 'YYYY-MM-DD') AS missing_on, t.marks,
         (SELECT jsonb_agg(jsonb_build_object('name', n.name, 'compact', n.pinyin_compact, 'initials', n.initials, 'given', n.given_pinyin)) FROM tracing_request_name n WHERE n.request_id = t.id) AS names
    FROM tracing_request t`;

/** Unidentified and still in the system: whom tracing is for. */
const UNIDENTIFIED = `p.identity_status IN ('unknown', 'claimed') AND f.state NOT IN ('closed', 'reunified', 'repatriated')`;

function personSide(row: PersonRow): PersonSide {
  return {
    sex: row.sex,
    birthFrom: row.birth_date_from,
    birthTo: row.birth_date_to,
    names: row.names ?? [],
    placeCodes: row.place_codes,
    foundOn: row.found_on,
    marks: row.marks ?? '',
  };
}

function requestSide(row: RequestRow): RequestSide {
  return {
    sex: row.sex,
    birthFrom: row.birth_date_from,
    birthTo: row.birth_date_to,
    names: row.names ?? [],
    missingPlaceCode: row.missing_place_code,
    missingOn: row.missing_on,
    marks: row.marks ?? '',
  };
}

interface Scored extends MatchScore {
  fileId: string;
  requestId: string;
}

/**
 * The matcher at work (R8): candidates for one unidentified person among
 * the open requests, or for one request among the unidentified people in
 * care, kept with their score per feature. Called by the queue when either
 * side changes and by a caseworker on demand (through the file kernel: see
 * FileTracingService.matchNow); it reads no one's scope — it is the system's.
 */
@Injectable()
export class MatchingService {
  private readonly logger = new Logger('MatchingService');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Candidates for one unidentified person: requests of a compatible sex and age, sharing a name form or the prefecture. */
  async matchFile(fileId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const blocked = await this.requestsFor(fileId, manager);
    if (!blocked) return 0;
    const { person, requests } = blocked;
    const scored = requests
      .map((request) => ({ request, result: scorePair(personSide(person), requestSide(request)) }))
      .filter((entry) => entry.result && entry.result.score >= KEEP_FROM)
      .sort((a, b) => b.result!.score - a.result!.score || (a.request.id < b.request.id ? -1 : 1))
      .slice(0, KEEP_BEST);
    await this.upsertCandidates(
      manager,
      scored.map(({ request, result }) => ({ fileId, requestId: request.id, ...result! })),
    );
    return scored.length;
  }

  /**
   * Blocking: the open requests worth scoring for one person, out of all of
   * them — a compatible sex and age, and a name form or the prefecture in
   * common. Public for bench/matching, which measures the scoring against it.
   */
  async requestsFor(fileId: string, manager: EntityManager = this.dataSource.manager): Promise<{ person: PersonRow; requests: RequestRow[] } | undefined> {
    const [person]: PersonRow[] = await manager.query(`${PERSON_SELECT} WHERE f.id = $1 AND ${UNIDENTIFIED}`, [fileId]);
    if (!person) return undefined;
    const names = person.names ?? [];
    const prefectures = [...new Set(person.place_codes.map((code) => code.slice(0, 4)))];
    // Two index-driven blocks, united: a name form in common (characters, pinyin, initials, the given name
    // in characters or in pinyin), or the same prefecture at a closely matching age.
    const requests: RequestRow[] = await manager.query(
      `WITH blocked AS (
         SELECT n.request_id FROM tracing_request_name n
          WHERE n.name = ANY($5::text[]) OR n.pinyin_compact = ANY($6::text[]) OR n.initials = ANY($7::text[]) OR right(n.name, 2) = ANY($8::text[])
             OR n.given_pinyin = ANY($10::text[])
         UNION
         SELECT t.id FROM tracing_request t
          WHERE t.status = 'open' AND left(t.missing_place_code, 4) = ANY($9::text[]) AND ($1 = 'unknown' OR t.sex IN ($1, 'unknown'))
            AND ($2::date IS NULL OR (t.birth_date_from <= $3::date + interval '1 year' AND t.birth_date_to >= $2::date - interval '1 year'))
       )
       ${REQUEST_SELECT} JOIN blocked b ON b.request_id = t.id
        WHERE t.status = 'open'
          AND ($1 = 'unknown' OR t.sex IN ($1, 'unknown'))
          AND ($2::date IS NULL OR (t.birth_date_from <= $3::date + interval '3 years' AND t.birth_date_to >= $2::date - interval '3 years'))
          AND t.missing_on <= $4::date
        ORDER BY EXISTS (SELECT 1 FROM tracing_request_name n WHERE n.request_id = t.id AND n.name = ANY($5::text[])) DESC,
                 EXISTS (SELECT 1 FROM tracing_request_name n WHERE n.request_id = t.id AND n.pinyin_compact = ANY($6::text[])) DESC,
                 (left(t.missing_place_code, 4) = ANY($9::text[])) IS TRUE DESC, t.id
        LIMIT ${BLOCK_LIMIT}`,
      [
        person.sex,
        person.birth_date_from,
        person.birth_date_to,
        person.found_on,
        names.map((n) => n.name),
        names.map((n) => n.compact).filter(Boolean),
        names.map((n) => n.initials).filter((i) => i.length >= 2),
        names.map((n) => n.name.slice(-2)).filter((g) => g.length === 2),
        prefectures,
        names.map((n) => n.given).filter(Boolean),
      ],
    );
    if (requests.length === BLOCK_LIMIT) this.logger.warn({ fileId, limit: BLOCK_LIMIT }, 'the blocking brought back as many requests as it may: some were not scored');
    return { person, requests };
  }

  /** Candidates for one request among the unidentified people in care. */
  async matchRequest(requestId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [request]: RequestRow[] = await manager.query(`${REQUEST_SELECT} WHERE t.id = $1 AND t.status = 'open'`, [requestId]);
    if (!request) return 0;
    const names = request.names ?? [];
    const people: PersonRow[] = await manager.query(
      `${PERSON_SELECT}
        WHERE ${UNIDENTIFIED}
          AND ($1 = 'unknown' OR p.sex IN ($1, 'unknown'))
          AND (p.birth_date_from IS NULL OR (p.birth_date_from <= $3::date + interval '3 years' AND p.birth_date_to >= $2::date - interval '3 years'))
          AND (EXISTS (SELECT 1 FROM person_name n WHERE n.person_id = p.id
                        AND (n.name = ANY($4::text[]) OR n.pinyin_compact = ANY($5::text[]) OR n.initials = ANY($6::text[]) OR right(n.name, 2) = ANY($7::text[])
                             OR ${GIVEN_PINYIN_SQL} = ANY($9::text[])))
               OR left(f.place_code, 4) = $8 OR left(p.origin_place_code, 4) = $8
               OR EXISTS (SELECT 1 FROM tracing_lead l WHERE l.file_id = f.id AND left(l.place_code, 4) = $8))
        ORDER BY EXISTS (SELECT 1 FROM person_name n WHERE n.person_id = p.id AND n.name = ANY($4::text[])) DESC,
                 EXISTS (SELECT 1 FROM person_name n WHERE n.person_id = p.id AND n.pinyin_compact = ANY($5::text[])) DESC,
                 (left(f.place_code, 4) = $8 OR left(p.origin_place_code, 4) = $8) IS TRUE DESC, f.id
        LIMIT ${BLOCK_LIMIT}`,
      [
        request.sex,
        request.birth_date_from,
        request.birth_date_to,
        names.map((n) => n.name),
        names.map((n) => n.compact).filter(Boolean),
        names.map((n) => n.initials).filter((i) => i.length >= 2),
        names.map((n) => n.name.slice(-2)).filter((g) => g.length === 2),
        request.missing_place_code.slice(0, 4),
        names.map((n) => n.given).filter(Boolean),
      ],
    );
    if (people.length === BLOCK_LIMIT) this.logger.warn({ requestId, limit: BLOCK_LIMIT }, 'the blocking brought back as many people as it may: some were not scored');
    const kept = people
      .map((person) => ({ fileId: person.file_id, requestId: request.id, result: scorePair(personSide(person), requestSide(request)) }))
      .filter((entry) => entry.result && entry.result.score >= KEEP_FROM)
      .map(({ fileId, requestId, result }) => ({ fileId, requestId, ...result! }));
    await this.upsertCandidates(manager, kept);
    return kept.length;
  }

  /** In one statement. New scores refresh open candidates; a decision already taken (dismissed, referred…) stays. */
  private async upsertCandidates(manager: EntityManager, candidates: Scored[]): Promise<void> {
    if (candidates.length === 0) return;
    await manager.query(
      `INSERT INTO match_candidate (file_id, request_id, score, features)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::jsonb[])
       ON CONFLICT (file_id, request_id) DO UPDATE SET score = EXCLUDED.score, features = EXCLUDED.features, updated_at = now()
        WHERE match_candidate.status = 'open'`,
      [candidates.map((c) => c.fileId), candidates.map((c) => c.requestId), candidates.map((c) => c.score), candidates.map((c) => JSON.stringify(c.features))],
    );
  }
}
