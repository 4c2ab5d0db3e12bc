import { defineErrors } from '#app/platform';

export const StatisticsErrors = defineErrors({
  YEAR_NOT_BEGUN: { status: 422, message: '该年度尚未开始，无统计数据 / The year has not begun: there are no figures for it yet' },
});
