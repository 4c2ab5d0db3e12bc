import { CodeName } from '#app/platform';

/** A file of a possible duplicate: named only when it is in the caller's scope. */
export class DuplicateFileView {
  id!: string | null;
  reference!: string | null;
  inScope!: boolean;
  responsibleJurisdiction!: CodeName;
}

/** R4: someone who may already have a file, with a score and the reasons (same_id_number, same_pinyin, birth_overlaps, same_county…). */
export class DuplicateCandidate {
  personId!: string;
  score!: number;
  /** At or above the threshold: intake stops until it is confirmed as a new person or linked. */
  likely!: boolean;
  reasons!: string[];
  /** Only when at least one of the person's files is in the caller's scope; otherwise the person is not shown. */
  name!: string | null;
  sex!: 'female' | 'male' | 'unknown' | null;
  files!: DuplicateFileView[];
}

/** The candidates of a file's person: a shortlist ranked by score, the best 20 (a score, not a list to page through). */
export class DuplicateCandidates {
  candidates!: DuplicateCandidate[];
}
