/** Deterministic job ids: however often a reminder is enqueued, BullMQ holds it once. */
import { createHash } from 'node:crypto';

/** With the due time in it: a reminder moved to another time gets a job of its own; the old one finds it not due and stops. */
export const reminderJobId = (reminderId: string, dueAt: Date) => `reminder-${reminderId}-${dueAt.getTime()}`;

/** A batch of reminders due in the same quarter second: the same set gets the same id. */
export const reminderBatchJobId = (dueAt: Date, reminderIds: string[]) =>
  `reminders-${dueAt.getTime()}-${createHash('sha256')
    .update([...reminderIds].sort().join(','))
    .digest('hex')
    .slice(0, 16)}`;

/** Reminders due within one bucket are delivered by one job, when the last of them is due. */
export const BATCH_BUCKET_MS = 250;
export const BATCH_SIZE = 100;
export const escalationJobId = (reminderId: string, level: number) => `escalation-${reminderId}-${level}`;
export const outgoingJobId = (notificationId: string) => `notify-${notificationId}`;
