import { Module } from '@nestjs/common';
import { CaseCoreModule } from '#app/case';
import { IntakeController } from './intake.controller.js';
import { IntakeService } from './intake.service.js';

/** Intake (R1): police handovers and institutions' own discoveries open victim files. */
@Module({
  imports: [CaseCoreModule],
  controllers: [IntakeController],
  providers: [IntakeService],
})
export class IntakeModule {}
