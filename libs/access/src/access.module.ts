import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { LoginAttemptRetention } from './auth/login-attempt-retention.js';
import { Passwords } from './auth/passwords.js';
import { SignInThrottle } from './auth/sign-in-throttle.js';
import { Tokens } from './auth/tokens.js';
import { EmergencyAccessController } from './emergency/emergency-access.controller.js';
import { EmergencyAccessService } from './emergency/emergency-access.service.js';
import { ACCESS_ENTITIES } from './entities.js';
import { JurisdictionsController } from './jurisdictions/jurisdictions.controller.js';
import { JurisdictionsService } from './jurisdictions/jurisdictions.service.js';
import { OrganisationsController } from './organisations/organisations.controller.js';
import { OrganisationsService } from './organisations/organisations.service.js';
import { DemoSeeder } from './seed/demo.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';
import { UserWorkloads } from './users/user-workload.js';

/** Services without HTTP: for the api, the worker and the CLI. */
@Module({
  imports: [TypeOrmModule.forFeature(ACCESS_ENTITIES)],
  providers: [AuthService, Passwords, SignInThrottle, Tokens, JurisdictionsService, OrganisationsService, UsersService, EmergencyAccessService, DemoSeeder, UserWorkloads],
  exports: [AuthService, Passwords, JurisdictionsService, OrganisationsService, UsersService, EmergencyAccessService, DemoSeeder, UserWorkloads],
})
export class AccessCoreModule {}

/** Who may see what (R22): sign-in, organisations, users, jurisdictions, emergency access, and the global AuthGuard. */
@Module({
  imports: [AccessCoreModule],
  controllers: [AuthController, OrganisationsController, UsersController, JurisdictionsController, EmergencyAccessController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccessCoreModule],
})
export class AccessModule {}

/** The worker side: housekeeping of what sign-in leaves behind. */
@Module({
  providers: [LoginAttemptRetention],
  exports: [LoginAttemptRetention],
})
export class AccessWorkerModule {}
