import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, PageOf, PageQuery, type Page } from '#app/platform';
import { AccessErrors, CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors, DuplicateCandidate } from '#app/case';
import { DiscoveryDto, PoliceHandoverDto } from './intake.dto.js';
import { HandoversService } from './handovers.service.js';
import { PoliceHandoverListItem } from './handovers.view.js';
import { IntakeService } from './intake.service.js';
import { IntakeResultView } from './intake.view.js';

/** What either intake may answer besides the standard errors. */
const INTAKE_ERRORS = [
  CaseErrors.LIKELY_DUPLICATE,
  CaseErrors.INVALID_ID_NUMBER,
  CaseErrors.INCONSISTENT_BIRTH,
  AccessErrors.UNKNOWN_JURISDICTION,
  AccessErrors.UNKNOWN_ORGANISATION,
];

const DUPLICATES =
  ' A likely duplicate (R4) answers 409 LIKELY_DUPLICATE with `error.details.candidates`: a list of DuplicateCandidate (score, reasons, the files one may see);' +
  ' send again with duplicateDecision `new_person` or `link` (a candidate personId).';

@ApiTags('intake')
@ApiBearerAuth()
@ApiExtraModels(DuplicateCandidate)
@Controller('intake')
export class IntakeController {
  constructor(
    private readonly intake: IntakeService,
    private readonly handovers: HandoversService,
  ) {}

  @Get('police-handovers')
  @Roles('police_liaison')
  @ApiOperation({
    operationId: 'intake_police_handovers_list',
    summary: "R1: the handovers one's police unit made and how far each file has come, the newest first (no person data)",
  })
  @ApiOkResponse({ type: PageOf(PoliceHandoverListItem) })
  handoverList(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<PoliceHandoverListItem>> {
    return this.handovers.list(actor, query);
  }

  @Post('police-handovers')
  @Roles('caseworker', 'supervisor', 'police_liaison')
  @ApiOperation({
    operationId: 'intake_police_handover',
    summary: 'R1: a file from a police handover (unit, case number, materials)',
    description: `The handing unit keeps the partner view of the file.${DUPLICATES}`,
  })
  @ApiCreatedResponse({ type: IntakeResultView })
  @ApiErrors(...INTAKE_ERRORS)
  policeHandover(@CurrentActor() actor: Actor, @Body() body: PoliceHandoverDto): Promise<IntakeResultView> {
    return this.intake.policeHandover(actor, body);
  }

  @Post('discoveries')
  @Roles('caseworker', 'supervisor', 'institution_staff')
  @ApiOperation({
    operationId: 'intake_discovery',
    summary: "R1: a file from an institution's own discovery (e.g. a street child); the person stays at that institution",
    description: `The bureau serving the place where the person was found becomes responsible.${DUPLICATES}`,
  })
  @ApiCreatedResponse({ type: IntakeResultView })
  @ApiErrors(...INTAKE_ERRORS, CaseErrors.NOT_AN_INSTITUTION)
  discovery(@CurrentActor() actor: Actor, @Body() body: DiscoveryDto): Promise<IntakeResultView> {
    return this.intake.discovery(actor, body);
  }
}
