/** A lead recorded on the file; matching runs again with it (R8). */
export class LeadRecorded {
  id!: string;
  fileId!: string;
}
