import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '#app/platform';
import type { Actor } from '../actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { CreateUserDto, ListUsersQuery, ResetPasswordDto, UpdateUserDto, type UserView } from './users.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('administrator')
  @ApiOperation({ summary: "Create a user in an organisation within the administrator's jurisdiction" })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, body);
  }

  @Get()
  @Roles('administrator', 'supervisor')
  @ApiOperation({ summary: "Users of the organisations within one's jurisdiction" })
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery): Promise<UserView[]> {
    return this.users.list(actor, query);
  }

  @Get(':id')
  @Roles('administrator', 'supervisor')
  @ApiOperation({ summary: "One user within one's jurisdiction" })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<UserView> {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @Roles('administrator')
  @ApiOperation({ summary: 'Rename or (de)activate a user; deactivation ends every login at once' })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.users.update(actor, id, body);
  }

  @Post(':id/password')
  @HttpCode(204)
  @Roles('administrator')
  @ApiOperation({ summary: 'Set a new password for a user who forgot theirs; every login of the user ends' })
  async resetPassword(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ResetPasswordDto): Promise<void> {
    await this.users.resetPassword(actor, id, body.newPassword);
  }
}
