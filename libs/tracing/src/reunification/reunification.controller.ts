import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { DutyNoticeDto, PaternityTestDto } from './reunification.dto.js';
import { ReunificationService } from './reunification.service.js';
import { DutyNoticeRecorded, PaternityTestRefused } from './reunification.view.js';

@ApiTags('tracing')
@ApiBearerAuth()
@Controller('files/:id/tracing')
export class ReunificationController {
  constructor(private readonly reunification: ReunificationService) {}

  @Post('paternity-tests')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({
    operationId: 'tracing_paternity_tests_refuse',
    summary: 'R10: a private paternity test a family offered, recorded as refused; it never counts for reunification',
  })
  @ApiCreatedResponse({ type: PaternityTestRefused })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND, CaseErrors.FILE_CLOSED)
  paternityTest(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: PaternityTestDto): Promise<PaternityTestRefused> {
    return this.reunification.refusePaternityTest(actor, id, body);
  }

  @Post('duty-notices')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ operationId: 'tracing_duty_notices_record', summary: 'R8: the relatives found were told of their duties of care: who, when, how' })
  @ApiCreatedResponse({ type: DutyNoticeRecorded })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND, CaseErrors.FILE_CLOSED)
  dutyNotice(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: DutyNoticeDto): Promise<DutyNoticeRecorded> {
    return this.reunification.recordDutyNotice(actor, id, body);
  }
}
