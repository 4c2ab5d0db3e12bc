import { Module, type OnModuleInit } from '@nestjs/common';
import { CaseCoreModule } from '#app/case';
import { FollowupCoreModule } from '#app/followup';
import { ClockEvents } from './clock/clock.events.js';
import { ClockService } from './clock/clock.service.js';
import { HOUSEHOLD_STEPS, validateLifecycle } from './lifecycle/lifecycle.js';
import { StepsController } from './steps/steps.controller.js';
import { StepsService } from './steps/steps.service.js';
import { TaskSteps } from './steps/task-steps.js';
import { TasksController } from './tasks/tasks.controller.js';
import { TasksService } from './tasks/tasks.service.js';

/** Household registration's clock (R11), for the api and the worker; the lifecycle table is checked when it boots. */
@Module({
  imports: [CaseCoreModule, FollowupCoreModule],
  providers: [ClockService],
  exports: [ClockService],
})
export class HouseholdCoreModule implements OnModuleInit {
  onModuleInit(): void {
    const problems = validateLifecycle(HOUSEHOLD_STEPS);
    if (problems.length > 0) throw new Error(`the household registration lifecycle is inconsistent:\n- ${problems.join('\n- ')}`);
  }
}

/** Household registration for those who stay unidentified (R11): the steps and the tasks (api). */
@Module({
  imports: [HouseholdCoreModule, CaseCoreModule, FollowupCoreModule],
  controllers: [TasksController, StepsController],
  providers: [TasksService, TaskSteps, StepsService],
})
export class HouseholdModule {}

/** The worker side: the clock follows the file's events. */
@Module({
  imports: [HouseholdCoreModule],
  providers: [ClockEvents],
})
export class HouseholdWorkerModule {}
