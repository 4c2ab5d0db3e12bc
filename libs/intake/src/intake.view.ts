import { DuplicateCandidate } from '#app/case';

/** The file intake opened (R1), in its first state. */
export class IntakeFileView {
  id!: string;
  reference!: string;
  state!: 'received';
  version!: number;
}

/** What an intake made: the file, whose person (new or linked, R4), and the less likely duplicates for information. */
export class IntakeResultView {
  file!: IntakeFileView;
  personId!: string;
  linkedToExistingPerson!: boolean;
  /** Candidates below the threshold (R4): shown, not blocking. */
  possibleDuplicates!: DuplicateCandidate[];
}
