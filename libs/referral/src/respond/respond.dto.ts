import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsPlausibleDate } from '#app/platform';

export class PlacementOutcome {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  employer!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  place!: string;

  @IsDateString({ strict: true })
  @IsPlausibleDate()
  startDate!: string;
}

/** The outcome a partner reports; what is required depends on the kind (kinds.ts). */
export class OutcomeDto {
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  summary?: string;

  /** Job training: the course followed. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  course?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  certificate?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => PlacementOutcome)
  placement?: PlacementOutcome;

  /** Support given for work in another place. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  workElsewhere?: string;

  /** Legal aid: litigation or non-litigation service. */
  @IsOptional()
  @IsIn(['litigation', 'non_litigation'])
  service?: 'litigation' | 'non_litigation';

  @IsOptional()
  @IsString()
  @MaxLength(200)
  court?: string;

  /** Legal aid: the stage reached (立案, 一审, 二审, 执行, 调解…). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  stage?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  result?: string;
}
