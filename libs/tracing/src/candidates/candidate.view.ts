/** A candidate decided: set aside with a reason (R8). */
export class CandidateDismissed {
  id!: string;
  status!: 'dismissed';
}
