import { defineErrors } from '#app/platform';

export const HouseholdErrors = defineErrors({
  NO_HOUSEHOLD_TASK: { status: 404, message: '该档案没有落户任务 / The file has no household registration task' },
  STEP_OUT_OF_ORDER: { status: 409, message: '落户步骤顺序不符 / The household registration step is out of order' },
  DNA_DATABASE_CHECK_REQUIRED: {
    status: 422,
    message:
      '来历不明儿童落户前须经公安机关采血入库比对，请填写其比对编号 / A child of unknown origin is registered only after the police checked the DNA database: give their reference (C-3.7)',
  },
  ALREADY_ENROLLED: { status: 409, message: '该项社会保障已登记 / This social security enrolment is already recorded' },
});
