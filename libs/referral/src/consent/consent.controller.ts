import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, PageOf, PageQuery, uuidParam, type Page } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { ReferralErrors } from '../errors.js';
import { ReasonDto } from '../shared/reason.dto.js';
import { FILE_KEEPERS, REFERRERS } from '../shared/roles.js';
import { ConsentDto, WithdrawCategoryDto } from './consent.dto.js';
import { ConsentService } from './consent.service.js';
import { ConsentStandingView, ConsentView, ConsentWithdrawalView } from './consent.view.js';

@ApiTags('consents')
@ApiBearerAuth()
@Controller()
export class ConsentController {
  constructor(private readonly consents: ConsentService) {}

  @Post('files/:id/consents')
  @Roles(...REFERRERS)
  @ApiOperation({ operationId: 'consents_record', summary: 'Record a consent of the person or guardian: to share a category with partners (R16) or to job training (R15)' })
  @ApiCreatedResponse({ type: ConsentView })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND, CaseErrors.FILE_CLOSED)
  record(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ConsentDto): Promise<ConsentView> {
    return this.consents.record(actor, id, body);
  }

  @Get('files/:id/consents')
  @Roles(...FILE_KEEPERS)
  @ApiOperation({ operationId: 'consents_list', summary: "The file's consents, oldest first, withdrawn ones with who took them back and why (R15, R16)" })
  @ApiOkResponse({ type: PageOf(ConsentView) })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND)
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() query: PageQuery): Promise<Page<ConsentView>> {
    return this.consents.list(actor, id, query);
  }

  @Get('files/:id/consents/standing')
  @Roles(...FILE_KEEPERS)
  @ApiOperation({
    operationId: 'consents_standing',
    summary: 'Per category, whether a consent stands (recorded, or given at the interview and not withdrawn since) — what a referral may disclose (R15, R16)',
  })
  @ApiOkResponse({ type: ConsentStandingView })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND)
  standing(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ConsentStandingView> {
    return this.consents.standing(actor, id);
  }

  @Post('files/:id/consents/withdraw')
  @HttpCode(200)
  @Roles(...REFERRERS)
  @ApiOperation({
    operationId: 'consents_withdraw_category',
    summary:
      'R16: the person or guardian takes a category back, with the reason (audited): every consent of it that stands, the one given at the interview too; partners of open referrals stop seeing it',
  })
  @ApiOkResponse({ type: ConsentWithdrawalView })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND, CaseErrors.FILE_CLOSED, ReferralErrors.NO_STANDING_CONSENT)
  withdrawCategory(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: WithdrawCategoryDto): Promise<ConsentWithdrawalView> {
    return this.consents.withdrawCategory(actor, id, body);
  }

  @Post('consents/:id/withdraw')
  @HttpCode(200)
  @Roles(...REFERRERS)
  @ApiOperation({
    operationId: 'consents_withdraw',
    summary:
      'R16: the person or guardian takes a consent back, with the reason (audited); unless another consent of the category stands, new referrals may not disclose it and partners of open ones no longer see it',
  })
  @ApiOkResponse({ type: ConsentView })
  @ApiErrors(ReferralErrors.CONSENT_NOT_FOUND, CaseErrors.FILE_CLOSED, ReferralErrors.CONSENT_ALREADY_WITHDRAWN)
  withdraw(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReasonDto): Promise<ConsentView> {
    return this.consents.withdraw(actor, id, body.reason);
  }
}
