/** What a visit found (R17). */
export class VisitRecordView {
  visitedOn!: string;
  livingSituation!: string;
  schoolingEmployment!: string | null;
  problems!: string | null;
  actionsAgreed!: string | null;
}

/** A correction of a visit's record: who, when, why, and what the record said before. */
export class VisitCorrectionView {
  at!: Date;
  by!: string;
  reason!: string;
  previous!: VisitRecordView;
}

/** One visit of the plan: when it is due, who holds it, what it found once recorded, and its reminder. */
export class FollowupVisitView {
  id!: string;
  seq!: number;
  dueOn!: string;
  status!: 'scheduled' | 'done' | 'cancelled';
  /** The worker who is to visit. */
  assignee!: string | null;
  visitedOn!: string | null;
  livingSituation!: string | null;
  schoolingEmployment!: string | null;
  problems!: string | null;
  actionsAgreed!: string | null;
  recordedBy!: string | null;
  recordedAt!: Date | null;
  reminderStatus!: 'scheduled' | 'delivered' | 'acknowledged' | 'cancelled' | null;
  escalationLevel!: number | null;
  /** Corrections of the record, oldest first. */
  corrections!: VisitCorrectionView[];
}

/** R17: the follow-up plan of a file with its visits (a few dozen at most: monthly, quarterly, then yearly). */
export class FollowupPlanView {
  fileId!: string;
  /** The file's version: give it back as `expectedVersion` to correct a visit. */
  version!: number;
  startsOn!: string;
  endsOn!: string;
  status!: 'active' | 'cancelled' | 'completed';
  visits!: FollowupVisitView[];
}

export class RecordedVisit {
  visitId!: string;
  /** When the next visit is due (moved if asked), or null after the last one. */
  nextVisitOn!: string | null;
}

export class CorrectedVisit {
  /** The file's version after the correction. */
  version!: number;
  visit!: FollowupVisitView;
}
