import { ApiProperty } from '@nestjs/swagger';
import { ORGANISATION_KINDS, ROLES, type OrganisationKind, type Role } from '../roles.js';

/** A signed-in session's tokens. */
export class TokenPairView {
  /** A short-lived JWT: send it as `Authorization: Bearer <token>`. */
  accessToken!: string;

  @ApiProperty({
    required: false,
    description: 'Single use: each refresh returns a new one; using an old one again ends the login. Absent when it went into the refresh cookie (session: cookie).',
  })
  refreshToken?: string;

  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires.' })
  expiresIn!: number;
}

export class MeOrganisationView {
  id!: string;
  name!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS, enumName: 'OrganisationKind' })
  kind!: OrganisationKind;
  jurisdictionCode!: string;
  jurisdictionName!: string;
}

/** The signed-in user, their role and organisation: what the web app builds its navigation from. */
export class MeView {
  userId!: string;
  username!: string;
  displayName!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: Role;
  organisation!: MeOrganisationView;
  /**
   * An administrator reset the password: until the user changes it (POST /auth/password) every other
   * operation but this one and sign-out answers 403 PASSWORD_CHANGE_REQUIRED; the web app shows the change page.
   */
  passwordChangeRequired!: boolean;
}
