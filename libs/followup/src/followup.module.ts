import { Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { Clock, ReadinessChecks } from '#app/platform';
import { WorkingCalendar } from './calendar/calendar.service.js';
import { CaseCoreModule } from '#app/case';
import { AccessCoreModule } from '#app/access';
import { CalendarController } from './calendar/calendar.controller.js';
import { EventNotifications } from './inbox/event-notifications.js';
import { InboxWriter } from './inbox/inbox-writer.js';
import { NotificationStreamController } from './inbox/notification-stream.controller.js';
import { NotificationStream } from './inbox/notification-stream.service.js';
import { NotificationsController } from './inbox/notifications.controller.js';
import { NotificationsService } from './inbox/notifications.service.js';
import { MyFilesController } from './my-files/my-files.controller.js';
import { MyFilesService } from './my-files/my-files.service.js';
import { OverdueController } from './overdue/overdue.controller.js';
import { OverdueService } from './overdue/overdue.service.js';
import { FollowupController } from './plans/followup.controller.js';
import { VisitsService } from './plans/visits.service.js';
import { ReminderAcknowledgement } from './reminders/acknowledgement.service.js';
import { RemindersController } from './reminders/reminders.controller.js';
import { FollowupEvents } from './plans/followup.events.js';
import { FollowupService } from './plans/followup.service.js';
import { OutgoingNotificationSender } from './reminders/outgoing.js';
import { ReminderDelivery, ReminderEscalation } from './reminders/reminder.processors.js';
import { ReminderScheduler } from './reminders/reminder-scheduler.js';
import { RemindersService } from './reminders/reminders.service.js';
import { ReminderHandover } from './reminders/reminder-handover.js';

/**
 * /health/ready and the working calendar: `degraded` only when the current
 * year (in China, by the clock) has no official schedule — deadlines in
 * working days would count weekends only; a missing next year is a warning
 * in the details, to be loaded once the State Council publishes it.
 */
@Injectable()
class CalendarReadiness implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessChecks,
    @Inject(WorkingCalendar) private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.readiness.register({
      name: 'calendar',
      check: async () => {
        const today = this.clock.today();
        const year = Number(today.slice(0, 4));
        const loaded = this.calendar.loadedYears();
        const missing = this.calendar.missingYears(today);
        const details = {
          loadedUntil: loaded.at(-1) ?? null,
          ...(missing.length > 0
            ? {
                warning: `没有 ${missing.join('、')} 年的官方工作日历，只按周末计算 / no official working calendar for ${missing.join(', ')}: weekends only; load it (npm run calendar:load)`,
              }
            : {}),
        };
        return { status: missing.includes(year) ? 'degraded' : 'up', details };
      },
    });
  }
}

/** Reminders, follow-up plans and the working calendar: services for every process and other capabilities. */
@Module({
  imports: [AccessCoreModule],
  providers: [RemindersService, WorkingCalendar, FollowupService, CalendarReadiness, InboxWriter, ReminderHandover],
  exports: [RemindersService, WorkingCalendar, FollowupService, InboxWriter],
})
export class FollowupCoreModule {}

/** The inbox, reminders, follow-up plans and visits (on the file kernel), one's files with what is due next, the supervisors' overdue dashboard, the calendar (api). */
@Module({
  imports: [FollowupCoreModule, CaseCoreModule, AccessCoreModule],
  controllers: [NotificationsController, NotificationStreamController, RemindersController, OverdueController, MyFilesController, FollowupController, CalendarController],
  providers: [NotificationsService, NotificationStream, ReminderAcknowledgement, OverdueService, MyFilesService, VisitsService],
  exports: [FollowupCoreModule],
})
export class FollowupModule {}

/** The worker side: delivery, escalation, the outgoing channel, the reminder clock and the plans following the files. */
@Module({
  imports: [FollowupCoreModule],
  providers: [ReminderDelivery, ReminderEscalation, OutgoingNotificationSender, ReminderScheduler, FollowupEvents, EventNotifications],
  exports: [ReminderScheduler],
})
export class FollowupWorkerModule {}
