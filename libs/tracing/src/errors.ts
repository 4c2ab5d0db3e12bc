import { defineErrors } from '#app/platform';

export const TracingErrors = defineErrors({
  REQUEST_NOT_FOUND: { status: 404, message: '寻亲登记不存在 / No such tracing request' },
  REQUEST_NOT_OPEN: { status: 409, message: '寻亲登记已结束 / The tracing request is no longer open' },
  NOT_A_CANDIDATE: { status: 422, message: '该档案不是此寻亲登记的比对候选 / This file is no candidate of the tracing request' },
  CANDIDATE_NOT_FOUND: { status: 404, message: '比对候选不存在 / No such candidate' },
  CANDIDATE_DECIDED: { status: 409, message: '该候选已处理 / The candidate was already decided' },
  COMPARISON_NOT_FOUND: { status: 404, message: 'DNA比对申请不存在 / No such DNA comparison' },
  OUTCOME_REPORTED: { status: 409, message: '比对结果已报告 / The outcome was already reported' },
  LEAD_NOT_FOUND: { status: 404, message: '寻亲线索不存在 / No such lead' },
  LEAD_CHECKED: { status: 409, message: '该线索已有核实结果 / The lead was already checked' },
});
