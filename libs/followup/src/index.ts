export { WorkingCalendar, type CalendarYearInput } from './calendar/calendar.service.js';
export { FollowupErrors } from './errors.js';
export { FollowupCoreModule, FollowupModule, FollowupWorkerModule } from './followup.module.js';
export { planEnd, visitDates } from './plans/followup-template.js';
export { FollowupService } from './plans/followup.service.js';
export { channelFor, type NotificationChannel, type OutgoingMessage } from './reminders/outgoing.js';
export { escalationJobId, reminderJobId } from './reminders/reminder-jobs.js';
export { ReminderScheduler } from './reminders/reminder-scheduler.js';
export { REMINDER_KINDS, RemindersService, type NewReminder, type ReminderKind } from './reminders/reminders.service.js';
