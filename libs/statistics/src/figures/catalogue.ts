import { KIND_RULES, REFERRAL_KINDS } from '#app/referral';

/**
 * R20: the indicators of the year's report, each defined once — what it
 * counts, in which unit, for which rule — for the API, the web pages and the
 * export alike. The SQL that computes each lives in figures.query.ts under the
 * same id.
 *
 * A count indicator is a number of files (people), referrals, visits … in a
 * jurisdiction; its breakdowns each split that total into categories that add
 * up to it. A median or a share is computed on the people of another
 * indicator (its `base`), and is published only when they are k or more
 * (R22).
 */

export interface Text {
  zh: string;
  en: string;
}

export interface Category {
  id: string;
  title: Text;
}

export interface Dimension {
  id: string;
  title: Text;
  categories: Category[];
}

export type IndicatorKind = 'count' | 'median' | 'share';

export interface Indicator {
  id: IndicatorId;
  kind: IndicatorKind;
  title: Text;
  unit: Text;
  /** The rules the figure gives account of. */
  rules: string[];
  definition: Text;
  /** Counts: the ways the total is split. */
  dimensions: Dimension[];
  /** Medians and shares: the count indicator whose people they are computed on. */
  base?: IndicatorId;
  /** A count that is, by definition, one category of another: protection must know they are the same figure. */
  sameAs?: { indicator: IndicatorId; dimension: string; category: string };
}

const text = (zh: string, en: string): Text => ({ zh, en });
const category = (id: string, zh: string, en: string): Category => ({ id, title: text(zh, en) });

const SEX: Dimension = {
  id: 'sex',
  title: text('性别', 'sex'),
  categories: [category('female', '女', 'female'), category('male', '男', 'male'), category('unknown', '不详', 'unknown')],
};
/** R23: an age that may be under 18 counts as a minor's (the youngest possible age at intake decides). */
const MINOR: Dimension = {
  id: 'minor',
  title: text('未成年人/成年人', 'minor or adult'),
  categories: [category('minor', '未成年人', 'minor'), category('adult', '成年人', 'adult')],
};
export const AGE_BANDS = [
  { id: '0-5', from: 0, to: 5 },
  { id: '6-15', from: 6, to: 15 },
  { id: '16-17', from: 16, to: 17 },
  { id: '18-59', from: 18, to: 59 },
  { id: '60+', from: 60, to: 200 },
] as const;
const AGE_BAND: Dimension = {
  id: 'ageBand',
  title: text('接收时年龄段', 'age band at intake'),
  categories: [
    ...AGE_BANDS.map((band) => category(band.id, band.id === '60+' ? '60岁以上' : `${band.id}岁`, band.id === '60+' ? '60 and over' : `${band.id} years`)),
    category('unknown', '年龄不详', 'age unknown'),
  ],
};
const ORIGIN: Dimension = {
  id: 'origin',
  title: text('国籍', 'nationality'),
  categories: [category('domestic', '中国公民', 'Chinese citizen'), category('foreign', '外国人', 'foreign national')],
};
const INTAKE_KIND: Dimension = {
  id: 'intakeKind',
  title: text('接收来源', 'how they came into care'),
  categories: [category('police_handover', '公安机关移交', 'police handover'), category('institution_discovery', '救助机构发现', "an institution's discovery")],
};
const NEW_OR_CONTINUING: Dimension = {
  id: 'status',
  title: text('新接收/续接', 'new or continuing'),
  categories: [category('new', '本年新接收', 'new this year'), category('continuing', '往年接收', 'continuing from earlier years')],
};
const OUTCOME: Dimension = {
  id: 'outcome',
  title: text('安置结果', 'outcome'),
  categories: [category('reunified', '返回家庭', 'reunified'), category('locally_resettled', '就地安置', 'resettled locally'), category('repatriated', '遣返', 'repatriated')],
};
/** The kinds of referral, with their names as libs/referral gives them ("中文 / English (R-n)"). */
const REFERRAL_KIND: Dimension = {
  id: 'kind',
  title: text('转介类别', 'kind of referral'),
  categories: REFERRAL_KINDS.map((kind) => {
    const [zh, en] = KIND_RULES[kind].label.split(' / ');
    return category(kind, zh, en.replace(/ \(R\d+\)$/, ''));
  }),
};

const referrals = (id: IndicatorId, zh: string, en: string, definitionZh: string, definitionEn: string): Indicator => ({
  id,
  kind: 'count',
  title: text(zh, en),
  unit: text('件', 'referrals'),
  rules: ['R12', 'R13', 'R14', 'R15', 'R18', 'R19'],
  definition: text(definitionZh, definitionEn),
  dimensions: [REFERRAL_KIND],
});

export const INDICATOR_IDS = [
  'assisted',
  'outcomes',
  'daysToOutcome',
  'inCareAtYearEnd',
  'tracingRequests',
  'dnaMatches',
  'householdRegistrations',
  'daysFromDay90ToRegistration',
  'referralsSent',
  'referralsAccepted',
  'referralsDeclined',
  'referralsCompleted',
  'referralsOverdue',
  'greenChannelCases',
  'greenChannelAcceptedInTime',
  'schoolAgeChildren',
  'schoolAgeEnrolled',
  'trainingParticipants',
  'employed',
  'visitsDue',
  'visitsDone',
  'visitsOverdue',
  'escalations',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export const INDICATORS: readonly Indicator[] = [
  {
    id: 'assisted',
    kind: 'count',
    title: text('救助人数', 'people assisted'),
    unit: text('人', 'people'),
    rules: ['R1', 'R20'],
    definition: text(
      '年内任何时间有在办档案的被解救人员（每人一份档案）：年内接收的为新接收，往年接收、年内尚未结案的为续接。',
      'People with a file open at any time in the year (one file each): new if received in the year, continuing if received earlier and not closed before it.',
    ),
    dimensions: [NEW_OR_CONTINUING, SEX, MINOR, AGE_BAND, ORIGIN, INTAKE_KIND],
  },
  {
    id: 'outcomes',
    kind: 'count',
    title: text('年内安置结果', 'outcomes in the year'),
    unit: text('人次', 'outcomes'),
    rules: ['R7', 'R11', 'R19'],
    definition: text('年内档案进入返回家庭、就地安置或遣返状态的次数。', 'Files that reached reunification, local resettlement or repatriation in the year.'),
    dimensions: [OUTCOME],
  },
  {
    id: 'daysToOutcome',
    kind: 'median',
    base: 'outcomes',
    title: text('接收至安置天数（中位数）', 'days from intake to outcome (median)'),
    unit: text('天', 'days'),
    rules: ['R7', 'R20'],
    definition: text('年内各安置结果距该档案接收之日的天数的中位数。', 'The median of the days from the file’s intake to each outcome reached in the year.'),
    dimensions: [],
  },
  {
    id: 'inCareAtYearEnd',
    kind: 'count',
    title: text('年末仍在救助', 'still in care at year end'),
    unit: text('人', 'people'),
    rules: ['R2', 'R20'],
    definition: text(
      '年末（当年为统计时点）档案处于接收、在院照料、返家途中、寻亲或遣返办理状态的人数。',
      'Files received, in care, returning home, in tracing or in repatriation at the year’s end (for the current year: now).',
    ),
    dimensions: [MINOR],
  },
  {
    id: 'tracingRequests',
    kind: 'count',
    title: text('受理寻亲申请', 'tracing requests received'),
    unit: text('件', 'requests'),
    rules: ['R8'],
    definition: text('年内登记的寻亲申请，按登记机构所在辖区。', 'Tracing requests recorded in the year, by the jurisdiction of the recording organisation.'),
    dimensions: [],
  },
  {
    id: 'dnaMatches',
    kind: 'count',
    title: text('公安机关确认比中', 'matches confirmed by the police'),
    unit: text('人', 'people'),
    rules: ['R9', 'R10'],
    definition: text('年内公安机关报告DNA比对结果为比中的档案数。', 'Files for which the police reported a DNA match in the year.'),
    dimensions: [],
  },
  {
    id: 'householdRegistrations',
    kind: 'count',
    title: text('办理户口登记', 'household registrations completed'),
    unit: text('人', 'people'),
    rules: ['R11'],
    definition: text('年内公安机关办结户口登记的人数。', 'People whose household registration the police completed in the year.'),
    dimensions: [MINOR],
  },
  {
    id: 'daysFromDay90ToRegistration',
    kind: 'median',
    base: 'householdRegistrations',
    title: text('满90日至落户天数（中位数）', 'days from day 90 to registration (median)'),
    unit: text('天', 'days'),
    rules: ['R11'],
    definition: text(
      '年内办结户口登记的，自身份不明连续在院满90日（HOUSEHOLD_REGISTRATION_DAYS）之日至登记之日的天数的中位数（提前登记的为负数）。',
      'For registrations completed in the year: the median of the days from the 90th day in care with identity unknown (HOUSEHOLD_REGISTRATION_DAYS) to the registration (negative when registered earlier).',
    ),
    dimensions: [],
  },
  referrals('referralsSent', '转介发出', 'referrals sent', '年内发出的转介。', 'Referrals sent in the year.'),
  referrals('referralsAccepted', '转介接收', 'referrals accepted', '年内合作机构接收的转介。', 'Referrals the partner accepted in the year.'),
  referrals('referralsDeclined', '转介拒收', 'referrals declined', '年内合作机构拒收的转介。', 'Referrals the partner declined in the year.'),
  referrals('referralsCompleted', '转介办结', 'referrals completed', '年内办结的转介。', 'Referrals completed in the year.'),
  referrals(
    'referralsOverdue',
    '转介逾期',
    'referrals overdue',
    '年内发出的转介中，逾期未答复（接收或拒收）或逾期未办结的（至年末，当年至统计时点）。',
    'Referrals sent in the year that were answered (accepted or declined) after their accept-by time or not by then, or completed after their complete-by date or not by then (as of the year’s end; for the current year, now).',
  ),
  {
    id: 'greenChannelCases',
    kind: 'count',
    sameAs: { indicator: 'referralsSent', dimension: 'kind', category: 'legal_aid' },
    title: text('绿色通道法律援助', 'green-channel legal aid cases'),
    unit: text('件', 'cases'),
    rules: ['R18'],
    definition: text(
      '年内发出的法律援助转介（均走绿色通道），即转介发出中的法律援助一类。',
      'Legal aid referrals sent in the year (all of them green-channel): the legal aid category of referrals sent.',
    ),
    dimensions: [],
  },
  {
    id: 'greenChannelAcceptedInTime',
    kind: 'share',
    base: 'greenChannelCases',
    title: text('3个工作日内受理比例', 'share accepted within 3 working days'),
    unit: text('%', '%'),
    rules: ['R18'],
    definition: text(
      '年内发出的绿色通道案件中，在受理时限（LEGAL_AID_ACCEPT_WORKING_DAYS个工作日，含调休）内接收的比例。',
      'Of the green-channel cases sent in the year, the share accepted by their accept-by time (LEGAL_AID_ACCEPT_WORKING_DAYS working days, 调休 counted).',
    ),
    dimensions: [],
  },
  {
    id: 'schoolAgeChildren',
    kind: 'count',
    title: text('义务教育阶段儿童', 'children of compulsory-education age'),
    unit: text('人', 'people'),
    rules: ['R14'],
    definition: text(
      '年内救助人数中，年末（当年为统计时点）可能处于义务教育年龄（COMPULSORY_EDUCATION_AGES）的儿童。',
      'People assisted in the year who may be of compulsory-education age (COMPULSORY_EDUCATION_AGES) at the year’s end (for the current year: now).',
    ),
    dimensions: [],
  },
  {
    id: 'schoolAgeEnrolled',
    kind: 'share',
    base: 'schoolAgeChildren',
    title: text('入学比例', 'share enrolled'),
    unit: text('%', '%'),
    rules: ['R14'],
    definition: text(
      '义务教育阶段儿童中，截至年末（当年为统计时点）已登记入学的比例（含异地就学）。',
      'Of the children of compulsory-education age, the share with an enrolment recorded by the year’s end (for the current year: now), schooling elsewhere included.',
    ),
    dimensions: [],
  },
  {
    id: 'trainingParticipants',
    kind: 'count',
    title: text('参加职业技能培训', 'training participants'),
    unit: text('人', 'people'),
    rules: ['R15'],
    definition: text('年内开始职业技能培训课程的人数。', 'People who started a training course in the year.'),
    dimensions: [],
  },
  {
    id: 'employed',
    kind: 'count',
    title: text('实现就业', 'people employed'),
    unit: text('人', 'people'),
    rules: ['R15'],
    definition: text('年内开始工作的人数（就业转介记录的岗位）。', 'People who started a job in the year (the job recorded on a job-placement referral).'),
    dimensions: [],
  },
  {
    id: 'visitsDue',
    kind: 'count',
    title: text('应回访次数', 'follow-up visits due'),
    unit: text('次', 'visits'),
    rules: ['R17'],
    definition: text('年内到期的回访（已取消的除外）。', 'Follow-up visits due in the year (cancelled ones aside).'),
    dimensions: [],
  },
  {
    id: 'visitsDone',
    kind: 'count',
    title: text('完成回访次数', 'follow-up visits done'),
    unit: text('次', 'visits'),
    rules: ['R17'],
    definition: text('年内完成的回访。', 'Follow-up visits made in the year.'),
    dimensions: [],
  },
  {
    id: 'visitsOverdue',
    kind: 'count',
    title: text('逾期回访次数', 'follow-up visits overdue'),
    unit: text('次', 'visits'),
    rules: ['R17'],
    definition: text(
      '年内到期的回访中，晚于到期日完成或至年末（当年为统计时点）仍未完成的。',
      'Visits due in the year made after their due date, or not made by the year’s end (for the current year: now).',
    ),
    dimensions: [],
  },
  {
    id: 'escalations',
    kind: 'count',
    title: text('提醒升级', 'reminder escalations'),
    unit: text('件', 'reminders'),
    rules: ['R17', 'R21'],
    definition: text(
      '年内到期、因无人处理而升级的提醒，按承办机构所在辖区。',
      'Reminders due in the year that escalated because nobody acted, by the jurisdiction of the organisation holding them.',
    ),
    dimensions: [],
  },
];

export function indicator(id: IndicatorId): Indicator {
  return INDICATORS.find((candidate) => candidate.id === id)!;
}
