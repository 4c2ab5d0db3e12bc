import { Module } from '@nestjs/common';
import { CaseCoreModule } from '#app/case';
import { HandoversService } from './handovers.service.js';
import { IntakeController } from './intake.controller.js';
import { IntakeService } from './intake.service.js';

/** Intake (R1): police handovers and institutions' own discoveries open victim files; the police unit follows its handovers. */
@Module({
  imports: [CaseCoreModule],
  controllers: [IntakeController],
  providers: [IntakeService, HandoversService],
})
export class IntakeModule {}
