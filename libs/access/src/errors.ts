import { defineErrors } from '#app/platform';

export const AccessErrors = defineErrors({
  INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误 / Wrong username or password' },
  TOKEN_INVALID: { status: 401, message: '登录已失效，请重新登录 / Your session is not valid; sign in again' },
  REFRESH_TOKEN_REUSED: {
    status: 401,
    message: '刷新令牌被重复使用，该登录已被注销 / A refresh token was used twice; this login has been revoked',
  },
  LOGIN_THROTTLED: { status: 429, message: '登录失败次数过多，请稍后再试 / Too many failed logins; try again later' },
  PASSWORD_THROTTLED: { status: 429, message: '密码错误次数过多，请稍后再试 / Too many wrong passwords; try again later' },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    message: '管理员已重置您的密码，请先修改密码 / An administrator reset your password: change it (POST /auth/password) before anything else',
  },
  ROLE_NOT_ALLOWED: { status: 403, message: '您的角色无权执行此操作 / Your role may not do this' },
  WRONG_PASSWORD: { status: 422, message: '当前密码不正确 / The current password is wrong' },
  WEAK_PASSWORD: { status: 422, message: '密码不符合要求 / The password does not meet the rules' },
  UNKNOWN_JURISDICTION: { status: 422, message: '行政区划代码不存在 / Unknown administrative division code' },
  ROLE_ORGANISATION_MISMATCH: { status: 422, message: '该角色不属于此类机构 / This role does not belong to this kind of organisation' },
  USERNAME_TAKEN: { status: 422, message: '用户名已被使用 / The username is taken' },
  ORGANISATION_NAME_TAKEN: { status: 422, message: '该辖区已有同名机构 / An organisation of this name exists in this jurisdiction' },
  UNKNOWN_ORGANISATION: { status: 422, message: '机构不存在 / Unknown organisation' },
  UNKNOWN_USER: { status: 422, message: '用户不存在或不在岗 / Unknown or inactive user' },
  DESIGNATED_ONLY_FOR_HOSPITALS: { status: 422, message: '只有医院可以是定点医院 / Only hospitals can be designated' },
  OUTSIDE_JURISDICTION: { status: 403, message: '超出您的辖区 / Outside your jurisdiction' },
  ALREADY_IN_SCOPE: { status: 409, message: '该档案已在您的权限范围内，无需紧急访问 / The file is already within your scope; no emergency access is needed' },
  NOT_FOUND: { status: 404, message: '记录不存在 / Not found' },
  ALREADY_REVIEWED: { status: 409, message: '已经审查过 / Already reviewed' },
  USER_HOLDS_WORK: {
    status: 409,
    message: '该用户仍负责未结档案或待办提醒，请先移交给同事再停用 / The user still holds open files or reminders: hand them over to a colleague before deactivating',
  },
  OWN_ACCOUNT: {
    status: 422,
    message: '不能停用本人账号或更改本人角色，请由另一位管理员操作 / Ask another administrator to deactivate your account or change your role',
  },
  HANDOVER_TO_SELF: { status: 422, message: '不能移交给本人 / Hand the work to someone else' },
  STALE_VERSION: { status: 409, message: '记录已被他人修改，请刷新后重试 / The record changed meanwhile; reload and try again' },
});
