import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { TracingErrors } from '../errors.js';
import { DismissCandidateDto } from './candidate.dto.js';
import { CandidateDismissed } from './candidate.view.js';
import { CandidatesService } from './candidates.service.js';

@ApiTags('tracing')
@ApiBearerAuth()
@Controller('tracing/candidates')
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  @Post(':id/dismiss')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ operationId: 'tracing_candidates_dismiss', summary: 'R8: set a candidate aside, with the reason' })
  @ApiOkResponse({ type: CandidateDismissed })
  @ApiErrors(TracingErrors.CANDIDATE_NOT_FOUND, TracingErrors.CANDIDATE_DECIDED, CaseErrors.FILE_CLOSED)
  dismiss(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: DismissCandidateDto): Promise<CandidateDismissed> {
    return this.candidates.dismiss(actor, id, body);
  }
}
