import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageOf, PageQuery, type Page } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { OverdueService } from './overdue.service.js';
import { OverdueSummary, OverdueWorkerView } from './overdue.view.js';

@ApiTags('follow-up and reminders')
@ApiBearerAuth()
@Controller('followup/overdue')
export class OverdueController {
  constructor(private readonly overdue: OverdueService) {}

  @Get()
  @Roles('supervisor')
  @ApiOperation({ operationId: 'followup_overdue', summary: "The supervisor's dashboard: overdue, unacknowledged reminders in one's jurisdiction, in all and per kind" })
  @ApiOkResponse({ type: OverdueSummary })
  summary(@CurrentActor() actor: Actor): Promise<OverdueSummary> {
    return this.overdue.summary(actor);
  }

  @Get('workers')
  @Roles('supervisor')
  @ApiOperation({
    operationId: 'followup_overdue_by_worker',
    summary: "Who holds the overdue reminders in one's jurisdiction, most first (a worker, or an organisation as a whole)",
  })
  @ApiOkResponse({ type: PageOf(OverdueWorkerView) })
  byWorker(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<OverdueWorkerView>> {
    return this.overdue.byWorker(actor, query);
  }
}
