import { Module } from '@nestjs/common';
import { CaseCoreModule } from '#app/case';
import { CandidateFiles } from './candidates/candidate-files.js';
import { CandidatesController } from './candidates/candidates.controller.js';
import { CandidatesService } from './candidates/candidates.service.js';
import { DnaController } from './dna/dna.controller.js';
import { DnaService } from './dna/dna.service.js';
import { FileTracingController } from './file-tracing/file-tracing.controller.js';
import { FileTracingService } from './file-tracing/file-tracing.service.js';
import { LeadsController } from './leads/leads.controller.js';
import { LeadsService } from './leads/leads.service.js';
import { TracingMatchProcessor } from './matching/match.processor.js';
import { MatchingEvents } from './matching/matching.events.js';
import { MatchingService } from './matching/matching.service.js';
import { RequestsController } from './requests/requests.controller.js';
import { RequestsQuery } from './requests/requests.query.js';
import { RequestsService } from './requests/requests.service.js';
import { ReunificationController } from './reunification/reunification.controller.js';
import { ReunificationService } from './reunification/reunification.service.js';

/** The matcher (R8), for the api (matching on demand), the worker (the queue) and bench/matching. */
@Module({
  providers: [MatchingService],
  exports: [MatchingService],
})
export class TracingCoreModule {}

/** Family tracing (R8–R10): requests, leads, candidates, DNA comparisons at the police, and what reunification waits for (api). */
@Module({
  imports: [TracingCoreModule, CaseCoreModule],
  controllers: [RequestsController, LeadsController, FileTracingController, CandidatesController, DnaController, ReunificationController],
  providers: [RequestsService, RequestsQuery, LeadsService, FileTracingService, CandidateFiles, CandidatesService, DnaService, ReunificationService],
})
export class TracingModule {}

/** The worker side: the matching queue and the events that trigger it. */
@Module({
  imports: [TracingCoreModule],
  providers: [TracingMatchProcessor, MatchingEvents],
})
export class TracingWorkerModule {}
