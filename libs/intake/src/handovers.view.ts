import { ApiProperty } from '@nestjs/swagger';
import { FILE_STATES, type FileState } from '#app/case';

/**
 * A handover the police unit made (R1), as the unit follows it: its own case
 * number and date, where and to which bureau, and how far the file has come —
 * never the person's details or the file's records (R22).
 */
export class PoliceHandoverListItem {
  fileId!: string;
  fileReference!: string;
  policeCaseNumber!: string;
  handoverDate!: string;
  placeCode!: string;
  /** The place in words (GB/T 2260). */
  place!: string;
  /** The civil affairs bureau that received the person. */
  receivingBureau!: string;
  @ApiProperty({ enum: FILE_STATES })
  fileState!: FileState;
  /** How many items of materials were handed over. */
  materialsCount!: number;
}
