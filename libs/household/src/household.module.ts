import { Module } from '@nestjs/common';
import { CaseCoreModule } from '#app/case';
import { FollowupCoreModule } from '#app/followup';
import { HouseholdController } from './household.controller.js';
import { HouseholdEvents } from './household.events.js';
import { HouseholdService } from './household.service.js';

/** Household registration services (R11), for the api and the worker. */
@Module({
  imports: [CaseCoreModule, FollowupCoreModule],
  providers: [HouseholdService],
  exports: [HouseholdService],
})
export class HouseholdCoreModule {}

/** Household registration for those who stay unidentified (R11): the steps and the tasks (api). */
@Module({
  imports: [HouseholdCoreModule],
  controllers: [HouseholdController],
})
export class HouseholdModule {}

/** The worker side: the clock follows the file's events. */
@Module({
  imports: [HouseholdCoreModule],
  providers: [HouseholdEvents],
})
export class HouseholdWorkerModule {}
