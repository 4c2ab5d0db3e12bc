import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DuplicatesService } from './duplicates/duplicates.service.js';
import { FilesController } from './files/files.controller.js';
import { FilesService } from './files/files.service.js';
import { CASE_ENTITIES } from './files/victim-file.entity.js';
import { PersonService } from './person/person.service.js';
import { RecordsController } from './records/records.controller.js';
import { CareService } from './records/care.service.js';
import { IdentityService } from './records/identity.service.js';
import { InterviewService } from './records/interview.service.js';
import { BuyerHouseholdService } from './records/buyer-household.service.js';
import { ProtectionService } from './records/protection.service.js';
import { ApprovalsService } from './workflow/approvals.service.js';
import { AssignmentService } from './workflow/assignment.service.js';
import { TransfersService } from './workflow/transfers.service.js';
import { FileHandover } from './workflow/file-handover.js';
import { AccessCoreModule } from '#app/access';
import { WorkflowController } from './workflow/workflow.controller.js';
import { CaseStateMachine } from './state-machine/case-state-machine.js';
import { FileGateway } from './kernel/file-gateway.js';
import { StayController } from './stay/stay.controller.js';
import { StayService } from './stay/stay.service.js';

/** The victim file's services, for the api, the worker and other capabilities (intake, tracing…). */
@Module({
  imports: [TypeOrmModule.forFeature(CASE_ENTITIES), AccessCoreModule],
  providers: [FileGateway, CaseStateMachine, PersonService, DuplicatesService, FilesService, FileHandover],
  exports: [FileGateway, CaseStateMachine, PersonService, DuplicatesService, FilesService],
})
export class CaseCoreModule {}

/** The victim file (R1–R7, R19, R23): reads, records, the state machine, approvals and transfers, the stay in an institution. */
@Module({
  imports: [CaseCoreModule],
  controllers: [FilesController, RecordsController, WorkflowController, StayController],
  providers: [InterviewService, ProtectionService, BuyerHouseholdService, CareService, IdentityService, ApprovalsService, TransfersService, AssignmentService, StayService],
  exports: [CaseCoreModule],
})
export class CaseModule {}
