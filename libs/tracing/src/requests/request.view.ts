/** A tracing request just recorded; matching against the people in care follows by itself (R8). */
export class TracingRequestCreated {
  id!: string;
  /** XR-<year>-<8 hex>, to quote to the family and the police. */
  reference!: string;
}

/** A tracing request in a list, newest first. */
export class TracingRequestListItem {
  id!: string;
  reference!: string;
  sex!: 'female' | 'male' | 'unknown';
  missingOn!: string;
  missingPlaceCode!: string;
  missingPlace!: string;
  status!: 'open' | 'found' | 'closed';
  createdAt!: Date;
  /** The names the family gave, 、-separated (the full name first). */
  names!: string | null;
  /** Candidates among the people in care not yet decided. */
  openCandidates!: number;
}

export class TracingNameView {
  name!: string;
  kind!: 'name' | 'alias' | 'childhood_name';
}

/** One tracing request, with the family's contact (R8). */
export class TracingRequestView {
  id!: string;
  reference!: string;
  sex!: 'female' | 'male' | 'unknown';
  /** The birth date, or the range an age when missing gives. */
  birthDateFrom!: string;
  birthDateTo!: string;
  missingOn!: string;
  missingPlaceCode!: string;
  missingPlace!: string;
  marks!: string | null;
  familyContactName!: string;
  familyContactRelation!: string | null;
  familyPhone!: string | null;
  policeReportReference!: string | null;
  status!: 'open' | 'found' | 'closed';
  closedReason!: string | null;
  createdAt!: Date;
  names!: TracingNameView[];
}

export class TracingRequestClosed {
  id!: string;
  status!: 'closed';
}
