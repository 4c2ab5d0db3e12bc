import type { StoredStatus } from './lifecycle.js';

/** The household registration task as the services read it (alias h). */
export interface TaskRow {
  file_id: string;
  clock_started_on: string;
  due_on: string;
  police_organisation_id: string | null;
  status: StoredStatus;
  application_on: string | null;
  registered_on: string | null;
  exception_at: Date | null;
}

export const TASK_COLUMNS = `h.file_id, to_char(h.clock_started_on, 'YYYY-MM-DD') AS clock_started_on, to_char(h.due_on, 'YYYY-MM-DD') AS due_on,
  h.police_organisation_id, h.status, to_char(h.application_on, 'YYYY-MM-DD') AS application_on, to_char(h.registered_on, 'YYYY-MM-DD') AS registered_on, h.exception_at`;
