import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '#app/platform';
import { AccessErrors, CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { ReferralErrors } from '../errors.js';
import { ReasonDto } from '../shared/reason.dto.js';
import { REFERRERS } from '../shared/roles.js';
import { CreatedReferralView, ReferrerReferralView } from '../views/referral.view.js';
import { CreateReferralService } from './create-referral.service.js';
import { EditDraftService } from './edit-draft.service.js';
import { CreateReferralDto, EditDraftDto } from './send.dto.js';
import { SendService } from './send.service.js';

/** What a referral's content may be refused for, new or a draft rewritten: the partner and its kind (R12–R15, R19), consent to disclose (R16). */
const REFERRAL_RULE_ERRORS = [
  AccessErrors.UNKNOWN_ORGANISATION,
  ReferralErrors.WRONG_ORGANISATION_KIND,
  ReferralErrors.NOT_DESIGNATED,
  ReferralErrors.TOO_YOUNG,
  ReferralErrors.AGE_CONFIRMATION_REQUIRED,
  ReferralErrors.CONSENT_REQUIRED,
  ReferralErrors.NOT_FOREIGN_NATIONAL,
];

@ApiTags('referrals')
@ApiBearerAuth()
@Controller()
export class SendController {
  constructor(
    private readonly creating: CreateReferralService,
    private readonly editing: EditDraftService,
    private readonly sending: SendService,
  ) {}

  @Post('files/:id/referrals')
  @Roles(...REFERRERS)
  @ApiOperation({
    operationId: 'referrals_create',
    summary: 'Refer the person to a partner of the right kind (R12–R15, R18, R19), as a draft or sent at once; extra disclosure needs a standing consent (R16)',
  })
  @ApiCreatedResponse({ type: CreatedReferralView })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND, CaseErrors.FILE_CLOSED, ...REFERRAL_RULE_ERRORS)
  create(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: CreateReferralDto): Promise<CreatedReferralView> {
    return this.creating.create(actor, id, body);
  }

  @Put('referrals/:id')
  @Roles(...REFERRERS)
  @ApiOperation({
    operationId: 'referrals_edit_draft',
    summary: 'Rewrite a draft before it is sent, at the version seen (409 STALE_VERSION otherwise), under the same rules as a new referral (R12–R16, R19)',
  })
  @ApiOkResponse({ type: CreatedReferralView })
  @ApiErrors(ReferralErrors.REFERRAL_NOT_FOUND, CaseErrors.FILE_CLOSED, ReferralErrors.REFERRAL_NOT_ALLOWED, ReferralErrors.STALE_VERSION, ...REFERRAL_RULE_ERRORS)
  edit(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: EditDraftDto): Promise<CreatedReferralView> {
    return this.editing.edit(actor, id, body);
  }

  @Post('referrals/:id/send')
  @HttpCode(200)
  @Roles(...REFERRERS)
  @ApiOperation({
    operationId: 'referrals_send',
    summary: 'Send a draft: its disclosures still need a standing consent (R16); deadlines become reminders; the partner sees the minimal view while it is open',
  })
  @ApiOkResponse({ type: ReferrerReferralView })
  @ApiErrors(ReferralErrors.REFERRAL_NOT_FOUND, CaseErrors.FILE_CLOSED, ReferralErrors.REFERRAL_NOT_ALLOWED, ReferralErrors.CONSENT_WITHDRAWN)
  send(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ReferrerReferralView> {
    return this.sending.send(actor, id);
  }

  @Post('referrals/:id/withdraw')
  @HttpCode(200)
  @Roles(...REFERRERS)
  @ApiOperation({ operationId: 'referrals_withdraw', summary: 'Withdraw a referral, with the reason; the partner keeps only its own records of it' })
  @ApiOkResponse({ type: ReferrerReferralView })
  @ApiErrors(ReferralErrors.REFERRAL_NOT_FOUND, CaseErrors.FILE_CLOSED, ReferralErrors.REFERRAL_NOT_ALLOWED)
  withdraw(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReasonDto): Promise<ReferrerReferralView> {
    return this.sending.withdraw(actor, id, body.reason);
  }
}
