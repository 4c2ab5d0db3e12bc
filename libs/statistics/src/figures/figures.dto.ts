import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** The 2021–2030 action plan's first year: nothing is counted before it. */
export const FIRST_YEAR = 2021;
export const STATISTICS_VIEWS = ['exact', 'published'] as const;
export type StatisticsView = (typeof STATISTICS_VIEWS)[number];

export class FiguresQueryDto {
  @ApiProperty({ type: Number, minimum: FIRST_YEAR, maximum: 2100, description: 'The year reported (China time), from 2021, when the action plan began' })
  @Type(() => Number)
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ type: String, pattern: '^[0-9]{6}$', description: "A GB/T 2260 code within one's own jurisdiction; one's own by default" })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'jurisdictionCode must be a six-digit GB/T 2260 code' })
  jurisdictionCode?: string;

  @ApiPropertyOptional({
    enum: STATISTICS_VIEWS,
    default: 'published',
    description:
      'published (default): de-identified as everything that leaves the reporting chain (R22: small counts suppressed, with complementary suppression); exact: the figures as they are, for the chain itself',
  })
  @IsOptional()
  @IsIn(STATISTICS_VIEWS)
  view?: StatisticsView;
}

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What leaves the chain is always the published figures (R22): an export has no `view`. */
export class ExportQueryDto extends PickType(FiguresQueryDto, ['year', 'jurisdictionCode'] as const) {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'xlsx', description: 'xlsx (default): the 统计报表 workbook; csv: one line per figure' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}
