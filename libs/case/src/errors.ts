import { defineErrors } from '#app/platform';

export const CaseErrors = defineErrors({
  FILE_NOT_FOUND: { status: 404, message: '档案不存在 / No such file' },
});
