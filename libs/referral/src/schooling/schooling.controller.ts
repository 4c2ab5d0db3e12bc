import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageOf, PageQuery, type Page } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { REFERRERS } from '../shared/roles.js';
import { UnenrolledChildView } from './schooling.view.js';
import { UnenrolledQuery } from './unenrolled.query.js';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('schooling')
export class SchoolingController {
  constructor(private readonly unenrolled: UnenrolledQuery) {}

  @Get('unenrolled')
  @Roles(...REFERRERS)
  @ApiOperation({ operationId: 'schooling_unenrolled', summary: "R14: children of compulsory-education age in care and not enrolled, in one's scope, newest file first" })
  @ApiOkResponse({ type: PageOf(UnenrolledChildView) })
  list(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<UnenrolledChildView>> {
    return this.unenrolled.page(actor, query);
  }
}
