import { ApiProperty } from '@nestjs/swagger';
import { ORGANISATION_KINDS, ROLES, type OrganisationKind, type Role } from '../roles.js';

export class UserOrganisationView {
  id!: string;
  name!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS, enumName: 'OrganisationKind' })
  kind!: OrganisationKind;
  jurisdictionCode!: string;
  /** The roles a user of this kind of organisation may have (the choices of a role change). */
  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true })
  roles!: Role[];
}

/** A user account as administrators and supervisors see it (never its password). */
export class UserView {
  id!: string;
  username!: string;
  displayName!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: Role;
  active!: boolean;
  /** An administrator reset the password and the user has not changed it yet: they can do nothing else until they do. */
  passwordChangeRequired!: boolean;
  /** Give it back as `expectedVersion` to edit the user (409 when someone changed it meanwhile). */
  version!: number;
  organisation!: UserOrganisationView;
  /** Contact for the outgoing channel (stored encrypted); null when not given. */
  email!: string | null;
  mobile!: string | null;
  createdAt!: Date;
}

/** What a user still holds: open files they are responsible for, and open reminders addressed to them. */
export class UserWorkloadView {
  files!: number;
  reminders!: number;
}

/** A handover done: who took the work, and how much moved. */
export class WorkHandedOverView extends UserWorkloadView {
  toUserId!: string;
}
