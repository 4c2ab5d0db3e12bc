import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, FieldCipher } from '#app/platform';
import { fileScope, type Actor } from '#app/access';
import { nameForms } from '../person/names.js';
import type { DuplicateCandidate } from './duplicate.view.js';
import { ID_NUMBER, TRAVEL_DOCUMENT } from '../person/person.service.js';

/** What is compared: a person about to be taken in, or one on record. */
export interface DuplicateProbe {
  name: string | null;
  aliases: string[];
  sex: string;
  birthFrom: string | null;
  birthTo: string | null;
  idNumber: string | null;
  travelDocumentNumber: string | null;
  placeCode: string | null;
  excludePersonId?: string;
}

/** Candidates at or above this score must be confirmed as a new person or linked (R4). */
export const LIKELY_DUPLICATE = 0.6;
/** At most this many candidates are shown; the best first. */
const MAX_CANDIDATES = 20;
/**
 * At most this many people are scored: the same ID or travel document first,
 * then the same name in characters, then an overlapping birth range, the id
 * breaking ties — ranked before the limit, so common names never cut off an
 * exact identifier (R4).
 */
const MAX_SCORED = 500;

interface Row {
  person_id: string;
  id_match: boolean;
  document_match: boolean;
  sex: string;
  birth_date_from: string | null;
  birth_date_to: string | null;
  origin_place_code: string | null;
  names: { name: string; compact: string; initials: string }[];
}

function placeCloseness(a: string | null, b: string | null): { score: number; reason?: string } {
  if (!a || !b) return { score: 0 };
  if (a === b) return { score: 0.15, reason: 'same_county' };
  if (a.slice(0, 4) === b.slice(0, 4)) return { score: 0.1, reason: 'same_prefecture' };
  if (a.slice(0, 2) === b.slice(0, 2)) return { score: 0.05, reason: 'same_province' };
  return { score: 0 };
}

/**
 * R4: people who may already have a file — the same ID or travel document
 * (blind index), or a similar name (characters, pinyin — homophones —,
 * initials) with an overlapping birth range and a nearby place. Each with a
 * score and the reasons, so a caseworker can judge.
 */
@Injectable()
export class DuplicatesService {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async find(manager: EntityManager, actor: Actor, probe: DuplicateProbe): Promise<DuplicateCandidate[]> {
    const idIndex = probe.idNumber ? this.cipher.blindIndex(ID_NUMBER, probe.idNumber) : null;
    const documentIndex = probe.travelDocumentNumber ? this.cipher.blindIndex(TRAVEL_DOCUMENT, probe.travelDocumentNumber) : null;
    const names = [probe.name, ...probe.aliases].filter((name): name is string => !!name);
    const forms = names.map((name) => ({ name, ...nameForms(name) }));
    const rows: Row[] = await manager.query(
      `WITH matches AS (
         SELECT id AS person_id FROM person WHERE $1::bytea IS NOT NULL AND id_number_index = $1
         UNION SELECT id FROM person WHERE $2::bytea IS NOT NULL AND travel_document_index = $2
         UNION SELECT person_id FROM person_name WHERE name = ANY($3::text[]) OR pinyin_compact = ANY($4::text[])
         UNION SELECT n.person_id FROM person_name n JOIN person p ON p.id = n.person_id
                WHERE n.initials = ANY($5::text[]) AND ($6::date IS NULL OR (p.birth_date_from <= $7::date AND p.birth_date_to >= $6::date))
       )
       SELECT p.id AS person_id,
              ($1::bytea IS NOT NULL AND p.id_number_index IS NOT DISTINCT FROM $1) AS id_match,
              ($2::bytea IS NOT NULL AND p.travel_document_index IS NOT DISTINCT FROM $2) AS document_match,
              p.sex, to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to,
              COALESCE(p.origin_place_code, (SELECT place_code FROM victim_file WHERE person_id = p.id ORDER BY opened_at LIMIT 1)) AS origin_place_code,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('name', n.name, 'compact', n.pinyin_compact, 'initials', n.initials)) FROM person_name n WHERE n.person_id = p.id), '[]') AS names
         FROM matches m JOIN person p ON p.id = m.person_id
        WHERE $8::uuid IS NULL OR p.id <> $8::uuid
        ORDER BY id_match DESC, document_match DESC,
                 EXISTS (SELECT 1 FROM person_name n WHERE n.person_id = p.id AND n.name = ANY($3::text[])) DESC,
                 (p.birth_date_from <= $7::date AND p.birth_date_to >= $6::date) IS TRUE DESC, p.id
        LIMIT ${MAX_SCORED}`,
      [
        idIndex,
        documentIndex,
        forms.map((f) => f.name),
        forms.map((f) => f.compact).filter(Boolean),
        forms.map((f) => f.initials).filter((initials) => initials.length >= 2),
        probe.birthFrom,
        probe.birthTo,
        probe.excludePersonId ?? null,
      ],
    );
    const scored = rows
      .map((row) => ({ row, ...this.score(row, probe, forms) }))
      .filter((candidate) => candidate.score > 0.2)
      .sort((a, b) => b.score - a.score || (a.row.person_id < b.row.person_id ? -1 : 1))
      .slice(0, MAX_CANDIDATES);
    // The candidates' files in one query, each marked in or out of the caller's scope.
    const params: unknown[] = [scored.map((candidate) => candidate.row.person_id)];
    const scope = fileScope(actor, 'f', params, this.clock.now());
    const files: { person_id: string; id: string; reference: string; in_scope: boolean; code: string; jurisdiction_name: string }[] =
      scored.length === 0
        ? []
        : await manager.query(
            `SELECT f.person_id, f.id, f.reference, COALESCE(${scope.where}, false) AS in_scope, f.responsible_jurisdiction_code AS code, j.name AS jurisdiction_name
               FROM victim_file f JOIN jurisdiction j ON j.code = f.responsible_jurisdiction_code WHERE f.person_id = ANY($1::uuid[]) ORDER BY f.opened_at`,
            params,
          );
    return scored.map((candidate) => {
      const own = files.filter((file) => file.person_id === candidate.row.person_id);
      const visible = own.some((file) => file.in_scope) && scope.audience === 'full';
      return {
        personId: candidate.row.person_id,
        score: Math.round(candidate.score * 100) / 100,
        likely: candidate.score >= LIKELY_DUPLICATE,
        reasons: candidate.reasons,
        name: visible ? (candidate.row.names[0]?.name ?? null) : null,
        sex: visible ? (candidate.row.sex as DuplicateCandidate['sex']) : null,
        files: own.map((file) => ({
          id: file.in_scope ? file.id : null,
          reference: file.in_scope ? file.reference : null,
          inScope: file.in_scope,
          responsibleJurisdiction: { code: file.code, name: file.jurisdiction_name },
        })),
      };
    });
  }

  /** R4 on demand: the candidates for a person already on file (the caller has read the file through the kernel). */
  async ofPerson(manager: EntityManager, actor: Actor, personId: string): Promise<DuplicateCandidate[]> {
    const [person]: { name: string | null; sex: string; birth_date_from: string | null; birth_date_to: string | null; place_code: string | null; aliases: string[] }[] =
      await manager.query(
        `SELECT p.name, p.sex, to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to,
                COALESCE(p.origin_place_code, (SELECT place_code FROM victim_file WHERE person_id = p.id ORDER BY opened_at LIMIT 1)) AS place_code,
                ARRAY(SELECT name FROM person_name WHERE person_id = p.id AND kind <> 'name') AS aliases
           FROM person p WHERE p.id = $1`,
        [personId],
      );
    return this.find(manager, actor, {
      name: person.name,
      aliases: person.aliases,
      sex: person.sex,
      birthFrom: person.birth_date_from,
      birthTo: person.birth_date_to,
      idNumber: null,
      travelDocumentNumber: null,
      placeCode: person.place_code,
      excludePersonId: personId,
    });
  }

  private score(row: Row, probe: DuplicateProbe, forms: { name: string; compact: string; initials: string }[]): { score: number; reasons: string[] } {
    const reasons: string[] = [];
    let score = 0;
    if (row.id_match) {
      score += 1;
      reasons.push('same_id_number');
    }
    if (row.document_match) {
      score += 1;
      reasons.push('same_travel_document');
    }
    if (!row.id_match && !row.document_match && probe.sex !== 'unknown' && row.sex !== 'unknown' && probe.sex !== row.sex) return { score: 0, reasons: ['different_sex'] };
    if (forms.some((form) => row.names.some((name) => name.name === form.name))) {
      score += 0.45;
      reasons.push('same_name');
    } else if (forms.some((form) => form.compact && row.names.some((name) => name.compact === form.compact))) {
      score += 0.35;
      reasons.push('same_pinyin');
    } else if (forms.some((form) => form.initials.length >= 2 && row.names.some((name) => name.initials === form.initials))) {
      score += 0.15;
      reasons.push('same_initials');
    }
    if (probe.birthFrom && probe.birthTo && row.birth_date_from && row.birth_date_to) {
      if (row.birth_date_from <= probe.birthTo && row.birth_date_to >= probe.birthFrom) {
        score += 0.2;
        reasons.push('birth_overlaps');
      } else if (!row.id_match && !row.document_match) {
        score -= 0.3;
        reasons.push('birth_differs');
      }
    }
    const place = placeCloseness(probe.placeCode, row.origin_place_code);
    if (place.reason) {
      score += place.score;
      reasons.push(place.reason);
    }
    return { score: Math.min(1, Math.max(0, score)), reasons };
  }
}
