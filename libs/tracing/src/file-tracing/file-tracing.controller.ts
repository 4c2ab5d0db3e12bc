import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, PageOf, uuidParam, type Page } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { CandidatesQuery } from './file-tracing.dto.js';
import { FileTracingService } from './file-tracing.service.js';
import { CandidateView, FileTracingView } from './file-tracing.view.js';

@ApiTags('tracing')
@ApiBearerAuth()
@Controller('files/:id/tracing')
export class FileTracingController {
  constructor(private readonly tracing: FileTracingService) {}

  @Get()
  @Roles('caseworker', 'supervisor', 'institution_staff')
  @ApiOperation({
    operationId: 'tracing_files_get',
    summary: "The file's tracing: leads, candidates with their score per feature (the first page), DNA comparisons, refused paternity tests, duty notices",
  })
  @ApiOkResponse({ type: FileTracingView })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND)
  view(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<FileTracingView> {
    return this.tracing.view(actor, id);
  }

  @Get('candidates')
  @Roles('caseworker', 'supervisor', 'institution_staff')
  @ApiOperation({ operationId: 'tracing_candidates_list', summary: "R8: the file's candidates, open ones first, the best score first, with their score per feature" })
  @ApiOkResponse({ type: PageOf(CandidateView) })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND)
  candidates(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() query: CandidatesQuery): Promise<Page<CandidateView>> {
    return this.tracing.candidates(actor, id, query);
  }

  @Post('match')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ operationId: 'tracing_match_now', summary: "Match the person against the open requests now, and answer with the file's tracing" })
  @ApiOkResponse({ type: FileTracingView })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND, CaseErrors.FILE_CLOSED)
  matchNow(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<FileTracingView> {
    return this.tracing.matchNow(actor, id);
  }
}
