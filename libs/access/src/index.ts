export { AccessCoreModule, AccessModule, AccessWorkerModule } from './access.module.js';
export type { Actor } from './actor.js';
export { AuthService, type TokenPair } from './auth/auth.service.js';
export { LoginAttemptRetention } from './auth/login-attempt-retention.js';
export { CurrentActor, Roles } from './auth/decorators.js';
export { passwordProblem, Passwords } from './auth/passwords.js';
export { ACCESS_ENTITIES, JurisdictionEntity, OrganisationEntity, UserAccountEntity } from './entities.js';
export { AccessErrors } from './errors.js';
export { isWithin, JurisdictionsService, prefixOf } from './jurisdictions/jurisdictions.service.js';
export { OrganisationsService } from './organisations/organisations.service.js';
export {
  INSTITUTION_KINDS,
  ORGANISATION_KINDS,
  ROLE_FILE_REACH,
  ROLE_LABELS,
  ROLE_ORGANISATION_KINDS,
  ROLES,
  type FileReach,
  type OrganisationKind,
  type Role,
} from './roles.js';
export { fileScope, fileWriteScope, type FileAudience, type FileScope } from './scope/file-scope.js';
export { DemoSeeder, generatePassword, type DemoLogin } from './seed/demo.js';
export { UsersService } from './users/users.service.js';
