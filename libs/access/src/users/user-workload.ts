import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../actor.js';

/** A user as a handover sees them: whose work moves, and where it goes. */
export interface WorkHolder {
  id: string;
  organisationId: string;
}

/**
 * What a capability keeps in a person's hands (the files they are responsible
 * for, the open reminders addressed to them): counted before they are
 * deactivated, and handed to a colleague in one transaction. Reminders must
 * never escalate to nobody, so a user holding work cannot be deactivated.
 */
export interface WorkKind {
  /** How the refusal and the handover name it, e.g. `files`, `reminders`. */
  name: string;
  held(manager: EntityManager, userId: string): Promise<number>;
  /** Moves everything held to `to` inside the caller's transaction; answers how many moved. */
  handOver(manager: EntityManager, actor: Actor, from: WorkHolder, to: WorkHolder, reason: string): Promise<number>;
}

@Injectable()
export class UserWorkloads {
  private readonly kinds: WorkKind[] = [];

  register(kind: WorkKind): void {
    this.kinds.push(kind);
  }

  /** What the user still holds, by kind; kinds with nothing left out. */
  async held(manager: EntityManager, userId: string): Promise<Record<string, number>> {
    const held: Record<string, number> = {};
    for (const kind of this.kinds) {
      const count = await kind.held(manager, userId);
      if (count > 0) held[kind.name] = count;
    }
    return held;
  }

  async handOver(manager: EntityManager, actor: Actor, from: WorkHolder, to: WorkHolder, reason: string): Promise<Record<string, number>> {
    const moved: Record<string, number> = {};
    for (const kind of this.kinds) moved[kind.name] = await kind.handOver(manager, actor, from, to, reason);
    return moved;
  }
}
