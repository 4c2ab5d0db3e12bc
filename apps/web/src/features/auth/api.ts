import { authChangePassword } from '../../generated/sdk.gen';
import type { ChangePasswordDto } from '../../generated/types.gen';
import { call } from '../../shared/api/client';

export const changePassword = (body: ChangePasswordDto) => call(authChangePassword({ body }));
