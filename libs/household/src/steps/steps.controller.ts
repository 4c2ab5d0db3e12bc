import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { HouseholdErrors } from '../errors.js';
import { rolesFor } from '../lifecycle/lifecycle.js';
import { ApplicationDto, ExceptionDto, RegistrationDto, SocialSecurityDto } from './steps.dto.js';
import { StepsService } from './steps.service.js';
import { ApplicationPrepared, ExceptionGranted, RegistrationRecorded, SocialSecurityEnrolled } from './step.view.js';

/** What every step may answer: the file out of scope (or, for the police, a task not raised to the unit), no task, a step out of order, a closed file. */
const STEP_ERRORS = [CaseErrors.FILE_NOT_FOUND, CaseErrors.FILE_CLOSED, HouseholdErrors.NO_HOUSEHOLD_TASK, HouseholdErrors.STEP_OUT_OF_ORDER];

/** The roles of each step come from the lifecycle table (HOUSEHOLD_STEPS). */
@ApiTags('household registration')
@ApiBearerAuth()
@Controller('files/:id/household-registration')
export class StepsController {
  constructor(private readonly steps: StepsService) {}

  @Post('application')
  @Roles(...rolesFor('application'))
  @ApiOperation({
    operationId: 'household_application_prepare',
    summary: 'R11 step 1: the application is prepared, with its documents; the police unit is reminded to register',
  })
  @ApiCreatedResponse({ type: ApplicationPrepared })
  @ApiErrors(...STEP_ERRORS)
  application(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ApplicationDto): Promise<ApplicationPrepared> {
    return this.steps.prepareApplication(actor, id, body);
  }

  @Post('registration')
  @Roles(...rolesFor('registration'))
  @ApiOperation({
    operationId: 'household_registration_record',
    summary: 'R11 step 2: the police registered the household (number encrypted at rest); social security is reminded next',
  })
  @ApiCreatedResponse({ type: RegistrationRecorded })
  @ApiErrors(...STEP_ERRORS, HouseholdErrors.DNA_DATABASE_CHECK_REQUIRED)
  registration(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: RegistrationDto): Promise<RegistrationRecorded> {
    return this.steps.recordRegistration(actor, id, body);
  }

  @Post('social-security')
  @Roles(...rolesFor('social_security'))
  @ApiOperation({
    operationId: 'household_social_security_enrol',
    summary: 'R11 step 3: an enrolment in social security (basic medical insurance, minimum living allowance, other assistance)',
  })
  @ApiCreatedResponse({ type: SocialSecurityEnrolled })
  @ApiErrors(...STEP_ERRORS, HouseholdErrors.ALREADY_ENROLLED)
  socialSecurity(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: SocialSecurityDto): Promise<SocialSecurityEnrolled> {
    return this.steps.enrolSocialSecurity(actor, id, body);
  }

  @Post('exception')
  @Roles(...rolesFor('exception'))
  @ApiOperation({
    operationId: 'household_exception_grant',
    summary: 'R11: a supervisor excuses the registration, with the reason, so that local resettlement may go ahead',
  })
  @ApiCreatedResponse({ type: ExceptionGranted })
  @ApiErrors(...STEP_ERRORS)
  exception(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ExceptionDto): Promise<ExceptionGranted> {
    return this.steps.grantException(actor, id, body);
  }
}
