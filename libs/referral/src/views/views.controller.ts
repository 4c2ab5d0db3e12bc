import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiErrors, PageOf, PageQuery, uuidParam, type Page } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { ReferralErrors } from '../errors.js';
import { FILE_KEEPERS, PARTNERS } from '../shared/roles.js';
import { PartnerReferralView, ReferrerReferralView } from './referral.view.js';
import { ReferralViewsService } from './views.service.js';

@ApiTags('referrals')
@ApiBearerAuth()
@ApiExtraModels(ReferrerReferralView, PartnerReferralView)
@Controller()
export class ReferralViewsController {
  constructor(private readonly views: ReferralViewsService) {}

  @Get('files/:id/referrals')
  @Roles(...FILE_KEEPERS)
  @ApiOperation({ operationId: 'referrals_list_for_file', summary: "The referrals of a file, oldest first, with their status, the partners' notes and records" })
  @ApiOkResponse({ type: PageOf(ReferrerReferralView) })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND)
  forFile(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() query: PageQuery): Promise<Page<ReferrerReferralView>> {
    return this.views.forFile(actor, id, query);
  }

  @Get('referrals/:id')
  @Roles(...FILE_KEEPERS, ...PARTNERS)
  @ApiOperation({
    operationId: 'referrals_read',
    summary: "One referral: the partner's minimal view to the organisation it was sent to (R16), the referring side's full one to those who keep the file",
  })
  @ApiOkResponse({
    schema: {
      oneOf: [{ $ref: getSchemaPath(ReferrerReferralView) }, { $ref: getSchemaPath(PartnerReferralView) }],
      discriminator: { propertyName: 'audience', mapping: { referrer: getSchemaPath(ReferrerReferralView), partner: getSchemaPath(PartnerReferralView) } },
    },
  })
  @ApiErrors(ReferralErrors.REFERRAL_NOT_FOUND)
  read(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ReferrerReferralView | PartnerReferralView> {
    return this.views.read(actor, id);
  }
}
