import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class RequestEmergencyAccessDto {
  /** Why this file must be opened now, for the review by the next level. */
  @IsString()
  @MinLength(10)
  @MaxLength(1000)
  reason!: string;
}

export class ReviewEmergencyAccessDto {
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  note!: string;
}

export class ListEmergencyAccessQuery {
  @IsOptional()
  @IsIn(['unreviewed', 'all'])
  status?: 'unreviewed' | 'all';
}

export interface EmergencyAccessView {
  id: string;
  fileId: string;
  fileReference: string;
  user: { id: string; username: string; displayName: string; organisationName: string };
  reason: string;
  grantedAt: Date;
  expiresAt: Date;
  active: boolean;
  review: { by: string; at: Date; note: string } | null;
}
