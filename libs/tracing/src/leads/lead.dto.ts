import { IsIn, IsString, Matches, MaxLength, MinLength, IsOptional } from 'class-validator';

export const LEAD_KINDS = ['dialect', 'place_name', 'person', 'event', 'mark', 'other'] as const;
export const LEAD_SOURCES = ['person', 'interview', 'institution_staff', 'police', 'family', 'other'] as const;

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
