import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { PageQuery } from '#app/platform';
import { FIRST_YEAR, FiguresQueryDto } from '../figures/figures.dto.js';

export class SubmitReportDto {
  @ApiProperty({ type: Number, minimum: FIRST_YEAR, maximum: 2100, description: 'The year reported; it must have ended' })
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(2100)
  year!: number;

  @ApiProperty({ description: "The year's work in words (工作总结), beside the figures", minLength: 10, maxLength: 20_000 })
  @IsString()
  @Length(10, 20_000)
  narrative!: string;

  @ApiPropertyOptional({ description: 'Why a report already submitted is corrected (required for a second version and after)', minLength: 5, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(5, 2000)
  correctionReason?: string;
}

export class ReturnReportDto {
  @ApiProperty({ description: 'What is to be corrected', minLength: 5, maxLength: 2000 })
  @IsString()
  @Length(5, 2000)
  reason!: string;
}

export class ReportsQueryDto extends PageQuery {
  @ApiPropertyOptional({ type: Number, minimum: FIRST_YEAR, maximum: 2100, description: 'Only this year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(2100)
  year?: number;
}

export class ChainQueryDto extends PickType(FiguresQueryDto, ['year', 'jurisdictionCode'] as const) {}
