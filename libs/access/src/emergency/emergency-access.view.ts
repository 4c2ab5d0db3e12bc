/** Who opened the file. */
export class EmergencyAccessUserView {
  id!: string;
  username!: string;
  displayName!: string;
  organisationName!: string;
}

/** The review by the level above. */
export class EmergencyAccessReviewView {
  /** The reviewer's username. */
  by!: string;
  at!: Date;
  note!: string;
}

/** "Break the glass": a file opened outside one's scope for a limited time, with the reason, flagged for review. */
export class EmergencyAccessView {
  id!: string;
  fileId!: string;
  fileReference!: string;
  user!: EmergencyAccessUserView;
  reason!: string;
  grantedAt!: Date;
  expiresAt!: Date;
  /** Until it expires (by the clock). */
  active!: boolean;
  /** Seconds left by the server's clock (0 once ended): clients count down from it rather than trust their own clock. */
  secondsLeft!: number;
  review!: EmergencyAccessReviewView | null;
}
