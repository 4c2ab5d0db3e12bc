import { IsDateString, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsPlausibleDate } from '#app/platform';

export const LEAD_KINDS = ['dialect', 'place_name', 'person', 'event', 'mark', 'other'] as const;
export const LEAD_SOURCES = ['person', 'interview', 'institution_staff', 'police', 'family', 'other'] as const;
/** What following a lead up found: it held (the place, the person, the event are real), or it was ruled out. */
export const LEAD_OUTCOMES = ['confirmed', 'ruled_out'] as const;
export const LEAD_STATUSES = ['open', ...LEAD_OUTCOMES] as const;

/** R8: what the person remembers — a dialect, place names, people, events, marks. */
export class LeadDto {
  @IsIn(LEAD_KINDS)
  kind!: (typeof LEAD_KINDS)[number];

  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  text!: string;

  @IsIn(LEAD_SOURCES)
  source!: (typeof LEAD_SOURCES)[number];

  /** When the lead points to a place (GB/T 2260 code). */
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: '须为6位行政区划代码 / placeCode must be a 6-digit GB/T 2260 code' })
  placeCode?: string;
}

/** R8: a lead followed up — what was found, when, and how (whom the caseworker asked, where they looked). */
export class LeadOutcomeDto {
  @IsIn(LEAD_OUTCOMES)
  outcome!: (typeof LEAD_OUTCOMES)[number];

  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  checkedOn!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  note!: string;
}
