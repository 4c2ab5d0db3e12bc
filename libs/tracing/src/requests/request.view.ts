import { ApiProperty } from '@nestjs/swagger';
import { REQUEST_ACCESS, type RequestAccess } from './request-scope.js';
/** A tracing request just recorded; matching against the people in care follows by itself (R8). */
export class TracingRequestCreated {
  id!: string;
  /** XR-<year>-<8 hex>, to quote to the family and the police. */
  reference!: string;
}

/** The organisation that holds a request: the one to ask for its release (R8, R22). */
export class RequestHolderView {
  id!: string;
  name!: string;
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
  /** How the caller reaches it; `candidate`: a candidate for a file of theirs held elsewhere — its names are withheld until released (R22). */
  @ApiProperty({ enum: REQUEST_ACCESS })
  access!: RequestAccess;
  holder!: RequestHolderView;
  /** The names the family gave, 、-separated (the full name first); null when withheld. */
  names!: string | null;
  /** Candidates among the people in care not yet decided. */
  openCandidates!: number;
}

export class TracingNameView {
  name!: string;
  kind!: 'name' | 'alias' | 'childhood_name';
}

/**
 * One tracing request (R8). With the family's contact, the marks, the names
 * and the police reference for its holder, the police unit comparing it, and
 * a candidate's bureau once the holder released it or the police reported a
 * match; a candidate's bureau otherwise sees who holds it and nothing of the
 * family (`access: candidate`, those fields null, names empty; R22).
 */
export class TracingRequestView {
  id!: string;
  reference!: string;
  @ApiProperty({ enum: REQUEST_ACCESS })
  access!: RequestAccess;
  holder!: RequestHolderView;
  sex!: 'female' | 'male' | 'unknown';
  /** The birth date, or the range an age when missing gives. */
  birthDateFrom!: string;
  birthDateTo!: string;
  missingOn!: string;
  missingPlaceCode!: string;
  missingPlace!: string;
  marks!: string | null;
  familyContactName!: string | null;
  familyContactRelation!: string | null;
  familyPhone!: string | null;
  policeReportReference!: string | null;
  status!: 'open' | 'found' | 'closed';
  closedReason!: string | null;
  createdAt!: Date;
  names!: TracingNameView[];
}

/** A request's contact and details released to the bureau keeping a candidate's file (R8, R22), on record. */
export class TracingRequestReleased {
  id!: string;
  requestId!: string;
  fileId!: string;
  reason!: string;
  releasedAt!: Date;
}

export class TracingRequestClosed {
  id!: string;
  status!: 'closed';
}
