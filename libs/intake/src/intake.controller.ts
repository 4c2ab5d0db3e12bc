import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { DiscoveryDto, PoliceHandoverDto } from './intake.dto.js';
import { IntakeService, type IntakeResult } from './intake.service.js';

@ApiTags('intake')
@ApiBearerAuth()
@Controller('intake')
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  @Post('police-handovers')
  @Roles('caseworker', 'supervisor', 'police_liaison')
  @ApiOperation({ summary: 'R1: a file from a police handover (unit, case number, materials). 409 LIKELY_DUPLICATE until a duplicate is confirmed or linked (R4).' })
  policeHandover(@CurrentActor() actor: Actor, @Body() body: PoliceHandoverDto): Promise<IntakeResult> {
    return this.intake.policeHandover(actor, body);
  }

  @Post('discoveries')
  @Roles('caseworker', 'supervisor', 'institution_staff')
  @ApiOperation({ summary: "R1: a file from an institution's own discovery (e.g. a street child); the person stays at that institution." })
  discovery(@CurrentActor() actor: Actor, @Body() body: DiscoveryDto): Promise<IntakeResult> {
    return this.intake.discovery(actor, body);
  }
}
