import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { ReferralErrors } from '../errors.js';
import { ReasonDto } from '../shared/reason.dto.js';
import { PARTNERS } from '../shared/roles.js';
import { PartnerReferralView } from '../views/referral.view.js';
import { OutcomeDto } from './respond.dto.js';
import { RespondService } from './respond.service.js';

const MOVE = [ReferralErrors.REFERRAL_NOT_FOUND, CaseErrors.FILE_CLOSED, ReferralErrors.REFERRAL_NOT_ALLOWED];

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals/:id')
export class RespondController {
  constructor(private readonly responding: RespondService) {}

  @Post('accept')
  @HttpCode(200)
  @Roles(...PARTNERS)
  @ApiOperation({ operationId: 'referrals_accept', summary: "Accept a referral sent to one's organisation (R18: green-channel legal aid within working days)" })
  @ApiOkResponse({ type: PartnerReferralView })
  @ApiErrors(...MOVE)
  accept(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<PartnerReferralView> {
    return this.responding.accept(actor, id);
  }

  @Post('decline')
  @HttpCode(200)
  @Roles(...PARTNERS)
  @ApiOperation({ operationId: 'referrals_decline', summary: 'Decline a referral, with the reason; the grant on the file ends' })
  @ApiOkResponse({ type: PartnerReferralView })
  @ApiErrors(...MOVE)
  decline(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReasonDto): Promise<PartnerReferralView> {
    return this.responding.decline(actor, id, body.reason);
  }

  @Post('start')
  @HttpCode(200)
  @Roles(...PARTNERS)
  @ApiOperation({ operationId: 'referrals_start', summary: 'Start working an accepted referral' })
  @ApiOkResponse({ type: PartnerReferralView })
  @ApiErrors(...MOVE)
  start(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<PartnerReferralView> {
    return this.responding.start(actor, id);
  }

  @Post('complete')
  @HttpCode(200)
  @Roles(...PARTNERS)
  @ApiOperation({ operationId: 'referrals_complete', summary: 'Complete with the outcome the kind requires (course, placement, legal service…); the grant on the file ends' })
  @ApiOkResponse({ type: PartnerReferralView })
  @ApiErrors(...MOVE, ReferralErrors.OUTCOME_INCOMPLETE, ReferralErrors.ASSESSMENT_REQUIRED)
  complete(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: OutcomeDto): Promise<PartnerReferralView> {
    return this.responding.complete(actor, id, body);
  }
}
