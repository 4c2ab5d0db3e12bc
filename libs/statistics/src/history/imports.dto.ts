import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBase64, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '#app/platform';
import { FIRST_YEAR, FiguresQueryDto } from '../figures/figures.dto.js';
import { SubmitReportDto } from '../reports/reports.dto.js';

/** A workbook of the export's shape is some tens of kB; this is room for a province's with every county (within BODY_LIMIT). */
export const MAX_WORKBOOK_BASE64 = 900_000;

/** R20 history: a year from before huijia, as the template filled in. */
export class ImportHistoryDto extends PickType(SubmitReportDto, ['year', 'correctionReason'] as const) {
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

export class ImportsQueryDto extends PageQuery {
  @ApiPropertyOptional({ type: Number, minimum: FIRST_YEAR, maximum: 2100, description: 'Only this year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(2100)
  year?: number;
}
