/** Deterministic job ids: however often a reminder is enqueued, BullMQ holds it once. */
/** With the due time in it: a reminder moved to another time gets a job of its own; the old one finds it not due and stops. */
export const reminderJobId = (reminderId: string, dueAt: Date) => `reminder-${reminderId}-${dueAt.getTime()}`;
export const escalationJobId = (reminderId: string, level: number) => `escalation-${reminderId}-${level}`;
export const outgoingJobId = (notificationId: string) => `notify-${notificationId}`;
