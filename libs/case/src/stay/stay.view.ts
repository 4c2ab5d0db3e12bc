import { ApiProperty } from '@nestjs/swagger';
import { DEPARTURE_REASONS, type DepartureReason } from './stay.dto.js';

export class StayPersonRef {
  id!: string;
  displayName!: string;
}

/** A daily care note; a correction names the note it corrects (`correctsNoteId`) and the corrected one names it (`correctedByNoteIds`). */
export class CareNoteView {
  id!: string;
  notedAt!: Date;
  text!: string;
  author!: StayPersonRef;
  recordedAt!: Date;
  correctsNoteId?: string;
  correctedByNoteIds!: string[];
}

/** A leave and its return; `overdue` when the person is not back by the expected time (by the server's clock). */
export class LeaveView {
  id!: string;
  leftAt!: Date;
  expectedBackAt!: Date;
  reason!: string;
  returnedAt?: Date;
  overdue!: boolean;
}

export class ArrivalView {
  arrivedAt!: Date;
  room?: string;
  unit?: string;
}

/** The transition of the file that ended the placement: its history entry. */
export class DepartureTransitionView {
  event!: string;
  historyId?: string;
}

export class DepartureView {
  departedAt!: Date;
  @ApiProperty({ enum: DEPARTURE_REASONS })
  reason!: DepartureReason;
  note?: string;
  transition?: DepartureTransitionView;
}

export class StayInstitutionView {
  id!: string;
  name!: string;
}

/** One stay in an institution: from the placement to the departure. */
export class StayView {
  id!: string;
  placementId!: string;
  institution!: StayInstitutionView;
  /** The placement's first day. */
  beginsOn!: string;
  arrival?: ArrivalView;
  departure?: DepartureView;
  /** On leave now (a leave without a return). */
  onLeave!: boolean;
  /** On leave past the expected time of return. */
  overdueLeave!: boolean;
  notes!: CareNoteView[];
  leaves!: LeaveView[];
}

/** The file's stays: the open one, if any, and those that ended (newest first). */
export class StaysView {
  fileId!: string;
  current?: StayView;
  earlier!: StayView[];
}

/** A stay record written: which stay, and the record's id. */
export class StayRecorded {
  stayId!: string;
  id!: string;
}
