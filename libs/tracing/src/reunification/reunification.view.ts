/** R10: the family's private test, on record as refused; it never counts for reunification. */
export class PaternityTestRefused {
  id!: string;
  fileId!: string;
  /** Always true: a private test is never a basis for reunification. */
  refused!: true;
}

/** R8: the duty-of-care notice on record; reunification with a traced family may go ahead once the police reported a match. */
export class DutyNoticeRecorded {
  id!: string;
  fileId!: string;
}
