import { IsDateString, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsPlausibleDate } from '#app/platform';

/** Payloads of the events, validated like any request body. */
export class NotePayload {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class PlaceInInstitutionPayload {
  /** An assistance institution, minor protection centre or child welfare institution (R5). */
  @IsUUID()
  institutionId!: string;

  @IsDateString({ strict: true })
  @IsPlausibleDate()
  fromDate!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ReunifyPayload {
  /** When the person was handed over to the family; now when absent. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsPlausibleDate({ past: true })
  handedOverAt?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReasonPayload {
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason!: string;
}

export class TransferPayload {
  /** The civil affairs bureau that is to take the file over. */
  @IsUUID()
  toOrganisationId!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason!: string;
}
