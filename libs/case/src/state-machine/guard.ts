import type { EntityManager } from 'typeorm';
import type { Actor } from '#app/access';
import type { FileState } from './states.js';

/** The file as the state machine reads it, locked for the transition. */
export interface FileFacts {
  id: string;
  reference: string;
  state: FileState;
  version: number;
  personId: string;
  responsibleJurisdictionCode: string;
  responsibleOrganisationId: string;
  currentInstitutionId: string | null;
  person: {
    sex: string;
    birthDateFrom: string | null;
    birthDateTo: string | null;
    nationality: string | null;
    identityStatus: string;
  };
}

export interface TransitionContext<P = Record<string, unknown>> {
  manager: EntityManager;
  file: FileFacts;
  actor: Actor;
  payload: P;
  /** Today in China (Asia/Shanghai), YYYY-MM-DD. */
  today: string;
}

/** A refusal: a code for programs, a message for people (Chinese / English), and the HTTP status. */
export interface GuardRefusal {
  code: string;
  message: string;
  status?: 409 | 422;
  details?: Record<string, unknown>;
}

/** Returns undefined when the transition may go ahead. Never throws for a refusal. */
export interface Guard {
  name: string;
  check(context: TransitionContext): Promise<GuardRefusal | undefined>;
}
