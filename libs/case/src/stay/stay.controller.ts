import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '../errors.js';
import { ArrivalDto, CareNoteDto, DepartureDto, LeaveDto, ReturnDto } from './stay.dto.js';
import { StayService } from './stay.service.js';
import { StayRecorded, StaysView } from './stay.view.js';

/** Those who keep the stay: the staff of the institution the person stays in (scoped in SQL by the file kernel). */
const STAFF = 'institution_staff';
const WRITE = [CaseErrors.FILE_NOT_FOUND, CaseErrors.FILE_CLOSED, CaseErrors.NO_OPEN_STAY];

@ApiTags('institution stay')
@ApiBearerAuth()
@Controller('files/:id/stay')
export class StayController {
  constructor(private readonly stays: StayService) {}

  @Get()
  @Roles('caseworker', 'supervisor', STAFF)
  @ApiOperation({
    operationId: 'stay_read',
    summary: "The person's stays in institutions: arrival, care notes, leaves (an overdue return flagged) and departure; institution staff see the stays with them only",
  })
  @ApiOkResponse({ type: StaysView })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND)
  read(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<StaysView> {
    return this.stays.read(actor, id);
  }

  @Post('arrival')
  @Roles(STAFF)
  @ApiOperation({ operationId: 'stay_arrival', summary: 'Record the arrival at the institution (when, room, unit), once per stay' })
  @ApiCreatedResponse({ type: StayRecorded })
  @ApiErrors(...WRITE, CaseErrors.ARRIVAL_RECORDED)
  arrival(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ArrivalDto): Promise<StayRecorded> {
    return this.stays.recordArrival(actor, id, body);
  }

  @Post('notes')
  @Roles(STAFF)
  @ApiOperation({ operationId: 'stay_add_note', summary: 'Add a daily care note; a correction is a new note naming the one it corrects (notes are never edited)' })
  @ApiCreatedResponse({ type: StayRecorded })
  @ApiErrors(...WRITE, CaseErrors.ARRIVAL_REQUIRED, CaseErrors.RECORD_NOT_FOUND)
  note(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: CareNoteDto): Promise<StayRecorded> {
    return this.stays.addNote(actor, id, body);
  }

  @Post('leaves')
  @Roles(STAFF)
  @ApiOperation({ operationId: 'stay_leave', summary: 'Record a leave: when the person left, when they are expected back, why' })
  @ApiCreatedResponse({ type: StayRecorded })
  @ApiErrors(...WRITE, CaseErrors.ARRIVAL_REQUIRED, CaseErrors.ON_LEAVE)
  leave(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: LeaveDto): Promise<StayRecorded> {
    return this.stays.startLeave(actor, id, body);
  }

  @Post('leaves/:leaveId/return')
  @Roles(STAFF)
  @ApiOperation({ operationId: 'stay_return', summary: 'Record the return from a leave' })
  @ApiCreatedResponse({ type: StayRecorded })
  @ApiErrors(...WRITE, CaseErrors.RECORD_NOT_FOUND, CaseErrors.LEAVE_RETURNED)
  returned(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('leaveId', uuidParam('leaveId')) leaveId: string,
    @Body() body: ReturnDto,
  ): Promise<StayRecorded> {
    return this.stays.recordReturn(actor, id, leaveId, body);
  }

  @Post('departure')
  @Roles(STAFF)
  @ApiOperation({
    operationId: 'stay_departure',
    summary: "Record the departure (when, why); the file's transition that ends the placement links to it, or records it when the institution has not",
  })
  @ApiCreatedResponse({ type: StayRecorded })
  @ApiErrors(...WRITE)
  departure(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: DepartureDto): Promise<StayRecorded> {
    return this.stays.recordDeparture(actor, id, body);
  }
}
