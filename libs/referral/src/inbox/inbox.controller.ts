import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageOf, type Page } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { PARTNERS } from '../shared/roles.js';
import { PartnerReferralListItem } from '../views/referral.view.js';
import { InboxQuery } from './inbox.dto.js';
import { InboxQueryService } from './inbox.query.js';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals/inbox')
export class InboxController {
  constructor(private readonly inboxes: InboxQueryService) {}

  @Get()
  @Roles(...PARTNERS)
  @ApiOperation({
    operationId: 'referrals_inbox',
    summary:
      "The partner's inbox: referrals to its organisation, open first, green-channel legal aid first (R18), then by the deadline to accept; the person only while open (R16)",
  })
  @ApiOkResponse({ type: PageOf(PartnerReferralListItem) })
  inbox(@CurrentActor() actor: Actor, @Query() query: InboxQuery): Promise<Page<PartnerReferralListItem>> {
    return this.inboxes.page(actor, query);
  }
}
