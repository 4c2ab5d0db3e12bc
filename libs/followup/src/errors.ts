import { defineErrors } from '#app/platform';

export const FollowupErrors = defineErrors({
  NOTIFICATION_NOT_FOUND: { status: 404, message: '通知不存在 / No such notification' },
  REMINDER_NOT_FOUND: { status: 404, message: '提醒不存在或与您无关 / No such reminder of yours' },
  PLAN_NOT_FOUND: { status: 404, message: '该档案尚无跟踪回访计划 / This file has no follow-up plan yet' },
  VISIT_NOT_FOUND: { status: 404, message: '该档案没有这次回访 / No such follow-up visit in this file' },
  STREAM_TICKET_INVALID: {
    status: 401,
    message: '通知推送凭证无效、已使用或已过期，请重新获取 / The notification stream ticket is invalid, used or expired: ask for a new one',
  },
  VISIT_NOT_RECORDED: { status: 409, message: '这次回访尚未记录，请直接记录而非更正 / This visit is not recorded yet: record it instead of correcting it' },
});
