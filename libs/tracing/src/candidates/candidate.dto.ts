import { IsString, MaxLength, MinLength } from 'class-validator';

/** Why a candidate is set aside: a name, an age or a dialect that does not fit… */
export class DismissCandidateDto {
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason!: string;
}
