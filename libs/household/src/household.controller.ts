import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { ApplicationDto, ExceptionDto, HouseholdTaskQuery, RegistrationDto, SocialSecurityDto } from './household.dto.js';
import { HouseholdService } from './household.service.js';

@ApiTags('household registration')
@ApiBearerAuth()
@Controller()
export class HouseholdController {
  constructor(private readonly household: HouseholdService) {}

  @Get('household-registrations')
  @Roles('caseworker', 'supervisor', 'police_liaison')
  @ApiOperation({ summary: "R11: open household registration tasks in one's scope (the police unit: those raised to it), oldest due first" })
  tasks(@CurrentActor() actor: Actor, @Query() query: HouseholdTaskQuery) {
    return this.household.tasks(actor, query.status ?? 'due');
  }

  @Get('files/:id/household-registration')
  @Roles('caseworker', 'supervisor', 'institution_staff', 'police_liaison')
  @ApiOperation({ summary: "R11: the file's household registration — the clock, the steps, social security, an exception" })
  view(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string) {
    return this.household.view(actor, id);
  }

  @Post('files/:id/household-registration/application')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'R11 step 1: the application is prepared, with its documents; the police unit is reminded to register' })
  application(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ApplicationDto) {
    return this.household.prepareApplication(actor, id, body);
  }

  @Post('files/:id/household-registration/registration')
  @Roles('police_liaison', 'caseworker', 'supervisor')
  @ApiOperation({ summary: 'R11 step 2: the police registered the household (number encrypted at rest); social security is reminded next' })
  registration(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: RegistrationDto) {
    return this.household.recordRegistration(actor, id, body);
  }

  @Post('files/:id/household-registration/social-security')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'R11 step 3: an enrolment in social security (basic medical insurance, minimum living allowance, other assistance)' })
  socialSecurity(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: SocialSecurityDto) {
    return this.household.enrolSocialSecurity(actor, id, body);
  }

  @Post('files/:id/household-registration/exception')
  @Roles('supervisor')
  @ApiOperation({ summary: 'R11: a supervisor excuses the registration, with the reason, so that local resettlement may go ahead' })
  exception(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ExceptionDto) {
    return this.household.grantException(actor, id, body);
  }
}
