import { defineErrors } from '#app/platform';

export const CaseErrors = defineErrors({
  FILE_NOT_FOUND: { status: 404, message: '档案不存在 / No such file' },
  STALE_VERSION: { status: 409, message: '档案已被他人修改，请刷新后重试 / The file changed meanwhile; reload and try again' },
  TRANSITION_NOT_ALLOWED: { status: 409, message: "当前状态下不能执行此操作 / This step is not possible in the file's current state" },
  UNKNOWN_EVENT: { status: 422, message: '未知的操作 / Unknown event' },
  ROLE_MAY_NOT_FIRE: { status: 403, message: '您的角色不能执行此操作 / Your role may not take this step' },
  APPROVAL_PENDING: { status: 409, message: '该操作已在等待审批 / This step already awaits approval' },
  APPROVAL_NOT_FOUND: { status: 404, message: '审批申请不存在 / No such approval request' },
  APPROVAL_DECIDED: { status: 409, message: '该申请已处理 / The request was already decided' },
  APPROVAL_STALE: { status: 409, message: '档案状态已变化，该申请已失效 / The file moved on; the request no longer applies' },
  APPROVAL_DATA_CHANGED: {
    status: 409,
    message: '申请后资料已变更，请重新申请 / The data changed after the request; ask again',
  },
  OWN_REQUEST: { status: 403, message: '不能审批自己的申请 / You cannot approve your own request' },
  NOT_OWN_REQUEST: { status: 403, message: '只能撤回自己提出的申请 / Only whoever asked may withdraw a request' },
  NOT_AN_INSTITUTION: { status: 422, message: '须为救助管理机构、未成年人救助保护机构或儿童福利机构 / Must be an assistance, minor protection or child welfare institution' },
  NOT_A_BUREAU: { status: 422, message: '须为另一辖区的民政部门 / Must be the civil affairs bureau of another jurisdiction' },
  INTERVIEW_EXISTS: { status: 409, message: '一站式询问已记录，请以补充说明更正 / The one-stop interview is recorded; add an addendum to correct it (R2)' },
  INTERVIEW_MISSING: { status: 404, message: '尚未记录一站式询问 / No interview recorded yet' },
  LIKELY_DUPLICATE: { status: 409, message: '可能已有此人的档案，请确认新建或关联 / This person may already have a file: confirm a new person or link to the existing one (R4)' },
  INVALID_ID_NUMBER: { status: 422, message: '身份证号码无效 / Invalid resident ID number' },
  INCONSISTENT_BIRTH: { status: 422, message: '出生日期与身份证号码不符 / The birth date does not match the ID number' },
  TRANSFER_NOT_FOUND: { status: 404, message: '移交不存在 / No such transfer' },
  TRANSFER_DECIDED: { status: 409, message: '移交已处理 / The transfer was already decided' },
  FILE_CLOSED: { status: 409, message: '档案已结案，不能再修改 / The file is closed and can no longer change' },
  IDENTITY_CONFIRMED: { status: 409, message: '身份已确认 / The identity is already confirmed' },
  IDENTITY_ON_ANOTHER_PERSON: {
    status: 409,
    message: "该身份证号已属于另一人的档案，请按重复档案处理 / This ID number belongs to another person's file: resolve it as a duplicate (R4)",
  },
  RECORD_EXISTS: { status: 409, message: '记录已存在，请修改而非新建 / This record exists; change it instead' },
  RETURN_HOME_COMPLETED: { status: 409, message: '已交接返家，返家记录不能再修改 / The person was handed over: the return home can no longer change' },
  GUARDIAN_IS_THE_WARD: { status: 422, message: '监护人不能是被监护人本人 / The guardian cannot be the ward (R23)' },
  GUARDIAN_UNDER_AGE: { status: 422, message: '监护人须为成年人（年满18周岁） / A guardian must be an adult (18 or over, R23)' },
  RECORD_NOT_FOUND: { status: 404, message: '该档案中没有这条记录 / No such record in this file' },
  // The stay in an institution (issue 13).
  NO_OPEN_STAY: { status: 409, message: '此人目前没有在本机构的在院记录 / The person has no open stay in this institution' },
  ARRIVAL_RECORDED: { status: 409, message: '入院已登记 / The arrival is already recorded' },
  ARRIVAL_REQUIRED: { status: 409, message: '须先登记入院 / Record the arrival first' },
  ON_LEAVE: { status: 409, message: '此人外出尚未返回，请先登记返回 / The person is on leave: record the return first' },
  LEAVE_RETURNED: { status: 409, message: '该次外出已登记返回 / The return from this leave is already recorded' },
  // Guard refusals of the state machine (each transition lists its guards in transitions.ts).
  INTERVIEW_REQUIRED: { status: 409, message: '须先完成一站式询问 / The one-stop interview must be recorded first (R2)' },
  GUARDIAN_REQUIRED: { status: 422, message: '未成年人须有监护人记录 / A minor must have a guardian on record (R23)' },
  FOREIGN_NATIONAL: { status: 409, message: '外国籍人员应走遣返程序 / A foreign national follows the repatriation path (R19)' },
  NOT_FOREIGN_NATIONAL: { status: 409, message: '只有外国籍人员走遣返程序 / Only foreign nationals are repatriated (R19)' },
  RETURN_HOME_REQUIRED: { status: 409, message: '须先登记返家安排（接收人、地址） / Record the return home (who receives the person, where) first (R5, R7)' },
  REPATRIATION_HANDOVER_REQUIRED: { status: 409, message: '须先登记遣返交接 / Record the handover of the repatriation first (R19)' },
  TRANSFER_AWAITING: { status: 409, message: '档案移交待接收方确认 / The file awaits acceptance by another bureau' },
  BUYER_HOUSEHOLD: {
    status: 422,
    message:
      '不得交由收买家庭（或其成员、地址）抚养或接收；同名者仅在双方身份证号均经核实且不同时除外 / The person may never go to the buying household, its members or its address (R6); the same name passes only when both people carry verified, different ID numbers',
  },
  BUYER_HOUSEHOLD_HOMOPHONE: {
    status: 422,
    message: "姓名与收买家庭成员同音，须提供此人经核实的身份证号码 / The name sounds like that of a member of the buying household: give this person's verified ID number (R6)",
  },
  POLICE_MATCH_REQUIRED: {
    status: 409,
    message:
      '寻亲团聚须以公安机关报告的DNA比中结果为依据，私自亲子鉴定无效 / Reuniting a traced family needs a DNA match reported by the police; a private paternity test never counts (R10)',
  },
  DUTY_OF_CARE_NOTICE_REQUIRED: { status: 409, message: '须先记录已告知亲属监护、抚养义务 / Record first that the relatives were told of their duties of care (R8)' },
  OPEN_REFERRALS: {
    status: 409,
    message: '仍有未办结的转介：请先办结、撤回（通知合作机构）或转交 / Referrals are still open: complete, withdraw (the partner is told) or hand on each one first (R16, R22)',
  },
  HOUSEHOLD_REGISTRATION_REQUIRED: {
    status: 409,
    message: "身份未查明人员就地安置前须办妥落户，或经主管批准例外 / Someone still unidentified is resettled locally once registered, or with a supervisor's exception (R11)",
  },
});
