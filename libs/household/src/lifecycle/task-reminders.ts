import type { EntityManager } from 'typeorm';
import type { ReminderSlot } from './lifecycle.js';

/** The reminders' dedupe keys: the raise goes to the bureau and to the police, per stay (a new stay raises anew). */
export const raiseKeys = (fileId: string, clockStartedOn: string): [bureau: string, police: string] => [
  `household:${fileId}:${clockStartedOn}:raise:bureau`,
  `household:${fileId}:${clockStartedOn}:raise:police`,
];
export const registrationKey = (fileId: string) => `household:${fileId}:registration`;
export const socialSecurityKey = (fileId: string) => `household:${fileId}:social_security`;

/** The keys of the reminders in some slots of a task. */
export function slotKeys(slots: readonly ReminderSlot[], fileId: string, clockStartedOn: string): string[] {
  return slots.flatMap((slot) => (slot === 'raise' ? raiseKeys(fileId, clockStartedOn) : slot === 'registration' ? [registrationKey(fileId)] : [socialSecurityKey(fileId)]));
}

export async function reminderIds(manager: EntityManager, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows: { id: string }[] = await manager.query('SELECT id FROM reminder WHERE dedupe_key = ANY($1::text[])', [keys]);
  return rows.map((row) => row.id);
}
