import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, PageOf, uuidParam, type Page } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { HouseholdErrors } from '../errors.js';
import { HouseholdTaskQuery } from './tasks.dto.js';
import { TasksService } from './tasks.service.js';
import { HouseholdTaskListItem, HouseholdTaskView } from './task.view.js';

@ApiTags('household registration')
@ApiBearerAuth()
@Controller()
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('household-registrations')
  @Roles('caseworker', 'supervisor', 'police_liaison')
  @ApiOperation({
    operationId: 'household_tasks_list',
    summary: "R11: open household registration tasks in one's scope (the police unit: those raised to it), the oldest due first",
  })
  @ApiOkResponse({ type: PageOf(HouseholdTaskListItem) })
  list(@CurrentActor() actor: Actor, @Query() query: HouseholdTaskQuery): Promise<Page<HouseholdTaskListItem>> {
    return this.tasks.list(actor, query);
  }

  @Get('files/:id/household-registration')
  @Roles('caseworker', 'supervisor', 'institution_staff', 'police_liaison')
  @ApiOperation({ operationId: 'household_tasks_get', summary: "R11: the file's household registration — the clock, the steps, social security, an exception" })
  @ApiOkResponse({ type: HouseholdTaskView })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND, HouseholdErrors.NO_HOUSEHOLD_TASK)
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<HouseholdTaskView> {
    return this.tasks.view(actor, id);
  }
}
