import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsBase64, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { FIRST_YEAR, FiguresQueryDto } from '../figures/figures.dto.js';
import { ReportsQueryDto } from '../reports/reports.dto.js';

/** A workbook of the export's shape is some tens of kB; this is room for a province's with every county (within BODY_LIMIT). */
export const MAX_WORKBOOK_BASE64 = 900_000;

/** R20 history: a year from before huijia, as the template filled in. */
export class ImportHistoryDto {
  @ApiProperty({ type: Number, minimum: FIRST_YEAR, maximum: 2100, description: 'The year the workbook gives; it must have ended' })
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ description: 'Why a year imported before is imported again (required for a second version and after)', minLength: 5, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(5, 2000)
  correctionReason?: string;

  @ApiPropertyOptional({ type: String, pattern: '^[0-9]{6}$', description: "The jurisdiction whose year it is (the workbook's 填报单位), within one's own; one's own by default" })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'jurisdictionCode must be a six-digit GB/T 2260 code' })
  jurisdictionCode?: string;

  @ApiProperty({ description: "The workbook's file name, kept on the record", minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  fileName!: string;

  @ApiProperty({ description: 'The .xlsx workbook, base64-encoded: the template of GET /statistics/imports/template filled in with exact figures', maxLength: MAX_WORKBOOK_BASE64 })
  @IsString()
  @MaxLength(MAX_WORKBOOK_BASE64)
  @IsBase64(undefined, { message: 'workbook must be the .xlsx file in base64' })
  workbook!: string;
}

/** The blank form of a year from before huijia: the jurisdiction's rows (合计, 本级, those below), every figure empty. */
export class HistoryTemplateQueryDto extends PickType(FiguresQueryDto, ['year', 'jurisdictionCode'] as const) {}

/** The imports listed: every version, of one year or all. */
export class ImportsQueryDto extends ReportsQueryDto {}
