import { IsString, MaxLength, MinLength } from 'class-validator';

/** Why: a decline, a withdrawal, a consent taken back. */
export class ReasonDto {
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason!: string;
}
