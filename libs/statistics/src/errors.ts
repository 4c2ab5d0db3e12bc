import { defineErrors } from '#app/platform';

export const StatisticsErrors = defineErrors({
  YEAR_NOT_BEGUN: { status: 422, message: '该年度尚未开始，无统计数据 / The year has not begun: there are no figures for it yet' },
  YEAR_NOT_ENDED: { status: 422, message: '年度结束后方可报送 / A year is reported once it has ended' },
  REPORT_NOT_FOUND: { status: 404, message: '报表不存在 / No such report' },
  REPORT_UNDER_REVIEW: { status: 409, message: '本年度报表已报送、正待审核，不能再次报送 / This year’s report awaits review: it cannot be submitted again' },
  CORRECTION_REASON_REQUIRED: { status: 422, message: '更正已报送的报表须说明理由 / Correcting a submitted report needs a reason' },
  REPORT_ALREADY_REVIEWED: { status: 409, message: '该报表已审核 / This report has been reviewed already' },
  REPORT_SUPERSEDED: { status: 409, message: '该报表已有更正版本，请审核最新版本 / A corrected version exists: review the latest one' },
  NOT_THE_RECEIVING_OFFICE: {
    status: 403,
    message: '报表由同级反拐联席会议办公室审核 / A report is reviewed by the joint-meeting office of its own level',
  },
  SUMMARY_SOURCES_PENDING: {
    status: 409,
    message: '尚有报送单位的报表未经本办公室审核通过，暂不能汇总 / Not every report this office summarises has been accepted yet',
  },
  WORKBOOK_INVALID: {
    status: 422,
    message: '历史数据工作簿有误，请按所列问题修改后重新导入 / The workbook has problems: fix those listed and import it again',
  },
  YEAR_REPORTED: {
    status: 409,
    message: '该辖区已在本系统报送该年度报表，不能再导入历史数据 / This jurisdiction reported the year in huijia: its figures cannot be imported',
  },
  YEAR_IMPORTED: {
    status: 409,
    message: '该年度为导入的历史数据，不在本系统报送 / This year was imported from before huijia: it is not reported here',
  },
});
