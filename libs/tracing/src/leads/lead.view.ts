import { ApiProperty } from '@nestjs/swagger';
import { LEAD_OUTCOMES } from './lead.dto.js';

/** A lead recorded on the file; matching runs again with it (R8). */
export class LeadRecorded {
  id!: string;
  fileId!: string;
}

/** R8: the lead's outcome on record. */
export class LeadChecked {
  id!: string;
  fileId!: string;
  @ApiProperty({ enum: LEAD_OUTCOMES })
  status!: (typeof LEAD_OUTCOMES)[number];
  checkedOn!: string;
}
