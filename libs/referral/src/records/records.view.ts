/** R13: funding or in-kind support from an organisation or an individual, recorded on the file or by the partner of a referral. */
export class SupportContributionView {
  id!: string;
  sourceKind!: 'organisation' | 'individual';
  sourceName!: string;
  amountYuan!: number | null;
  /** Services or goods given instead of money. */
  inKind!: string | null;
  purpose!: string;
  receivedOn!: string;
  /** The referral the partner brought it in for; null when the caseworker recorded it on the file. */
  referralId!: string | null;
  recordedBy!: string;
  recordedByOrganisation!: string;
  recordedAt!: Date;
}

/** R14: the enrolment recorded; the caseworker is reminded of the follow-up visits one, three and six months after it. */
export class EnrolmentRecorded {
  enrolled!: true;
  /** The days of the follow-up visits (跟踪回访). */
  followUpVisits!: string[];
}
