import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageOf, PageQuery, type Page } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { MyFilesService } from './my-files.service.js';
import { MyFileView } from './my-files.view.js';

@ApiTags('follow-up and reminders')
@ApiBearerAuth()
@Controller('me/files')
export class MyFilesController {
  constructor(private readonly myFiles: MyFilesService) {}

  @Get()
  @Roles('caseworker', 'supervisor')
  @ApiOperation({
    operationId: 'me_files',
    summary:
      "The open files one is the responsible caseworker of, each with the next thing due on it — a follow-up visit (R17), a referral's deadline (R18), the household registration's day (R11), an age milestone — the nearest first (overdue ones first), then those with nothing due",
  })
  @ApiOkResponse({ type: PageOf(MyFileView) })
  list(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<MyFileView>> {
    return this.myFiles.list(actor, query);
  }
}
