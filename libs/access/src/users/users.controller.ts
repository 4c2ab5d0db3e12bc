import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, PageOf, uuidParam, type Page } from '#app/platform';
import type { Actor } from '../actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { AccessErrors } from '../errors.js';
import { CreateUserDto, HandOverWorkDto, ListUsersQuery, ResetPasswordDto, UpdateUserDto } from './users.dto.js';
import { UsersService } from './users.service.js';
import { UserView, UserWorkloadView, WorkHandedOverView } from './users.view.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('administrator')
  @ApiOperation({ operationId: 'users_create', summary: "Create a user in an organisation within the administrator's jurisdiction (the role must fit the organisation's kind)" })
  @ApiCreatedResponse({ type: UserView })
  @ApiErrors(AccessErrors.WEAK_PASSWORD, AccessErrors.UNKNOWN_ORGANISATION, AccessErrors.ROLE_ORGANISATION_MISMATCH, AccessErrors.USERNAME_TAKEN)
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, body);
  }

  @Get()
  @Roles('administrator', 'supervisor')
  @ApiOperation({
    operationId: 'users_list',
    summary: "Users of the organisations within one's jurisdiction, by organisation and username; q finds (part of) a username or a name",
  })
  @ApiOkResponse({ type: PageOf(UserView) })
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(actor, query);
  }

  @Get(':id')
  @Roles('administrator', 'supervisor')
  @ApiOperation({ operationId: 'users_get', summary: "One user within one's jurisdiction; anyone else is 404" })
  @ApiOkResponse({ type: UserView })
  @ApiErrors(AccessErrors.NOT_FOUND)
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<UserView> {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @Roles('administrator')
  @ApiOperation({
    operationId: 'users_update',
    summary:
      "Rename, (de)activate or change the role of a user. The role must fit the organisation's kind (422 ROLE_ORGANISATION_MISMATCH naming role). Deactivation, and a role other than caseworker or supervisor, are refused (409 USER_HOLDS_WORK, details.held) while the user holds open files or reminders: hand them over first. Both end every login of the user. An administrator cannot deactivate themselves or change their own role (422 OWN_ACCOUNT): another administrator does. expectedVersion (optional): 409 when someone changed the user meanwhile",
  })
  @ApiOkResponse({ type: UserView })
  @ApiErrors(AccessErrors.NOT_FOUND, AccessErrors.STALE_VERSION, AccessErrors.USER_HOLDS_WORK, AccessErrors.ROLE_ORGANISATION_MISMATCH, AccessErrors.OWN_ACCOUNT)
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.users.update(actor, id, body);
  }

  @Post(':id/password')
  @HttpCode(204)
  @Roles('administrator')
  @ApiOperation({ operationId: 'users_reset_password', summary: 'Set a new password for a user who forgot theirs; every login of the user ends' })
  @ApiNoContentResponse()
  @ApiErrors(AccessErrors.NOT_FOUND, AccessErrors.WEAK_PASSWORD)
  resetPassword(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ResetPasswordDto): Promise<void> {
    return this.users.resetPassword(actor, id, body.newPassword);
  }

  @Get(':id/workload')
  @Roles('administrator')
  @ApiOperation({ operationId: 'users_workload', summary: 'What the user still holds: open files they are responsible for and open reminders addressed to them' })
  @ApiOkResponse({ type: UserWorkloadView })
  @ApiErrors(AccessErrors.NOT_FOUND)
  workload(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<UserWorkloadView> {
    return this.users.workload(actor, id);
  }

  @Post(':id/handover')
  @HttpCode(200)
  @Roles('administrator')
  @ApiOperation({
    operationId: 'users_handover',
    summary:
      "Hand the user's open files (with their visits) and open reminders to an active caseworker or supervisor of the same organisation, before deactivating them; audited, and in each file's history",
  })
  @ApiOkResponse({ type: WorkHandedOverView })
  @ApiErrors(AccessErrors.NOT_FOUND, AccessErrors.UNKNOWN_USER, AccessErrors.HANDOVER_TO_SELF)
  handOver(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: HandOverWorkDto): Promise<WorkHandedOverView> {
    return this.users.handOver(actor, id, body);
  }
}
