import type { Role } from '#app/access';

/**
 * R11: the household registration task's lifecycle, as one table validated
 * at boot (like the file's transitions). The clock (the worker) starts,
 * restarts and cancels a task as the file's facts change and raises it when
 * its day comes; people take the steps — the bureau prepares the application,
 * the police register the household, social security follows — or a
 * supervisor excuses the registration. Every "may this step be taken now",
 * every role allowed, every reminder a step answers comes from here.
 */

export const TASK_STATUSES = ['counting', 'raised', 'application_prepared', 'registered', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** What the row stores: `raised` is `counting` past its due day (the clock raises a task without writing it). */
export type StoredStatus = Exclude<TaskStatus, 'raised'>;

export interface StatusDefinition {
  /** For people: Chinese with English beside. */
  label: string;
  /** Open: on the to-do lists (`all`). */
  open: boolean;
  /** Due: someone must act now (the default list). */
  due: boolean;
  /** The police unit sees the task (R22: it has nothing to see before the task is raised to it). */
  police: boolean;
  /** Nothing but `same` steps leave it. */
  final: boolean;
}

export const STATUS_TABLE: Readonly<Record<TaskStatus, StatusDefinition>> = {
  counting: { label: '计时中 / counting the days in care', open: true, due: false, police: false, final: false },
  raised: { label: '已到期，待备妥落户申请 / raised: the application is due', open: true, due: true, police: true, final: false },
  application_prepared: { label: '申请已备妥，待公安机关落户 / application prepared: the police register next', open: true, due: true, police: true, final: false },
  registered: { label: '已落户 / household registered', open: false, due: false, police: true, final: true },
  cancelled: { label: '已取消（身份查明或离开机构） / cancelled (identified, or left care)', open: false, due: false, police: false, final: false },
};

/** The reminders a task keeps: the raise (to the bureau and the police), the registration (the police), social security (the bureau). */
export const REMINDER_SLOTS = ['raise', 'registration', 'social_security'] as const;
export type ReminderSlot = (typeof REMINDER_SLOTS)[number];

export type ClockStep = 'start' | 'restart' | 'raise' | 'cancel';
export type PeopleStep = 'application' | 'registration' | 'social_security' | 'exception';
export type StepName = ClockStep | PeopleStep;

export interface StepDefinition<S extends StepName = StepName> {
  step: S;
  label: string;
  /** `clock`: the worker, as the file's facts and the days change; otherwise the roles that may take it. */
  by: 'clock' | readonly Role[];
  /** `none`: no task yet. */
  from: readonly (TaskStatus | 'none')[];
  to: TaskStatus | 'same';
  /** May it still be taken once a supervisor excused the registration? */
  whenExcused: boolean;
  /** The reminders it settles: acknowledged when people take it, cancelled when the clock does. */
  answers: readonly ReminderSlot[];
  /** The reminder it schedules. */
  reminds?: ReminderSlot;
}

const OPEN: readonly TaskStatus[] = ['counting', 'raised', 'application_prepared'];

export const HOUSEHOLD_STEPS: readonly StepDefinition[] = [
  { step: 'start', label: '开始计时 / the clock starts', by: 'clock', from: ['none', 'cancelled'], to: 'counting', whenExcused: false, answers: [], reminds: 'raise' },
  {
    step: 'restart',
    label: '新的连续滞留重新计时 / a new stay restarts the clock',
    by: 'clock',
    from: ['counting', 'raised'],
    to: 'counting',
    whenExcused: false,
    answers: ['raise'],
    reminds: 'raise',
  },
  { step: 'raise', label: '期满提醒民政与公安 / due: the bureau and the police are reminded', by: 'clock', from: ['counting'], to: 'raised', whenExcused: false, answers: [] },
  {
    step: 'cancel',
    label: '身份查明或离开机构，任务取消 / identified, or left care: the task is cancelled',
    by: 'clock',
    from: OPEN,
    to: 'cancelled',
    whenExcused: false,
    answers: ['raise', 'registration'],
  },
  {
    step: 'application',
    label: '备妥落户申请及材料 / the application and its documents prepared',
    by: ['caseworker', 'supervisor'],
    from: ['counting', 'raised'],
    to: 'application_prepared',
    whenExcused: true,
    answers: ['raise'],
    reminds: 'registration',
  },
  {
    step: 'registration',
    label: '公安机关办理落户 / the police registered the household',
    by: ['police_liaison', 'caseworker', 'supervisor'],
    from: ['application_prepared'],
    to: 'registered',
    whenExcused: true,
    answers: ['registration'],
    reminds: 'social_security',
  },
  {
    step: 'social_security',
    label: '纳入社会保障 / enrolled in social security',
    by: ['caseworker', 'supervisor'],
    from: ['registered'],
    to: 'same',
    whenExcused: true,
    answers: ['social_security'],
  },
  {
    step: 'exception',
    label: '主管批准暂不落户 / a supervisor excused the registration',
    by: ['supervisor'],
    from: OPEN,
    to: 'same',
    whenExcused: false,
    answers: ['raise', 'registration'],
  },
];

export function stepOf<S extends StepName>(name: S): StepDefinition<S> {
  const step = HOUSEHOLD_STEPS.find((candidate) => candidate.step === name);
  if (!step) throw new Error(`no household step ${name}`);
  return step as StepDefinition<S>;
}

/** The roles that may take a people's step: what its route declares. */
export function rolesFor(name: PeopleStep): Role[] {
  const { by } = stepOf(name);
  if (by === 'clock') throw new Error(`household step ${name} is the clock's`);
  return [...by];
}

export interface TaskFacts {
  status: StoredStatus;
  due_on: string;
  exception_at: Date | null;
}

/** What the task is today: `raised` once its due day has come. */
export function statusOf(task: TaskFacts | undefined, today: string): TaskStatus | 'none' {
  if (!task) return 'none';
  return task.status === 'counting' && task.due_on <= today ? 'raised' : task.status;
}

/** The status as SQL over `h` (household_registration), `today` a parameter placeholder. */
export function statusSql(today: string): string {
  return `(CASE WHEN h.status = 'counting' AND h.due_on <= ${today}::date THEN 'raised' ELSE h.status END)`;
}

/** The stored statuses behind some statuses (for an index-friendly condition beside statusSql). */
export function storedOf(statuses: readonly TaskStatus[]): StoredStatus[] {
  return [...new Set(statuses.map((status): StoredStatus => (status === 'raised' ? 'counting' : status)))];
}

/** Statuses of the table as an SQL list literal — constants, not input — so that the planner can match the partial indexes. */
export function sqlList(statuses: readonly string[]): string {
  for (const status of statuses) if (!(TASK_STATUSES as readonly string[]).includes(status)) throw new Error(`no task status ${status}`);
  return statuses.length === 0 ? '(NULL)' : `(${statuses.map((status) => `'${status}'`).join(', ')})`;
}

export const statusesWhere = (predicate: (definition: StatusDefinition) => boolean): TaskStatus[] => TASK_STATUSES.filter((status) => predicate(STATUS_TABLE[status]));

/** Undefined when the step may be taken now; otherwise the status that refuses it (`excused` for an excused task). */
export function refusal(task: TaskFacts | undefined, name: StepName, today: string): string | undefined {
  const step = stepOf(name);
  if (task?.exception_at && !step.whenExcused) return 'excused';
  const status = statusOf(task, today);
  return step.from.includes(status) ? undefined : status;
}

/** Whether the clock still has anything to do with the task (nothing once registered or excused). */
export function clockRuns(task: TaskFacts | undefined, today: string): boolean {
  return HOUSEHOLD_STEPS.some((step) => step.by === 'clock' && step.step !== 'raise' && refusal(task, step.step, today) === undefined);
}

/**
 * The checks the table must pass at boot: known statuses, one definition per
 * step, roles for people's steps and none for the clock's, every status
 * reachable from "no task", a way out of every status but the final ones
 * (which only `same` steps leave), and every reminder scheduled also answered.
 */
export function validateLifecycle(steps: readonly StepDefinition[]): string[] {
  const problems: string[] = [];
  const known = new Set<string>(['none', ...TASK_STATUSES]);
  const names = new Set<string>();
  for (const step of steps) {
    if (names.has(step.step)) problems.push(`step ${step.step} is defined twice`);
    names.add(step.step);
    for (const from of step.from) if (!known.has(from)) problems.push(`step ${step.step} starts from unknown status ${from}`);
    if (step.to !== 'same' && !known.has(step.to)) problems.push(`step ${step.step} leads to unknown status ${step.to}`);
    if (step.by !== 'clock' && step.by.length === 0) problems.push(`step ${step.step} is taken by no role`);
  }
  const reachable = new Set<string>(['none']);
  const queue = ['none'];
  while (queue.length > 0) {
    const status = queue.shift()!;
    for (const step of steps) {
      if (!step.from.includes(status as TaskStatus | 'none') || step.to === 'same' || reachable.has(step.to)) continue;
      reachable.add(step.to);
      queue.push(step.to);
    }
  }
  for (const status of TASK_STATUSES) {
    if (!reachable.has(status)) problems.push(`status ${status} cannot be reached`);
    const leaving = steps.filter((step) => step.from.includes(status) && step.to !== 'same' && step.to !== status);
    if (STATUS_TABLE[status].final && leaving.length > 0) problems.push(`final status ${status} has exits (${leaving.map((step) => step.step).join(', ')})`);
    if (!STATUS_TABLE[status].final && leaving.length === 0) problems.push(`status ${status} has no way out`);
  }
  for (const slot of REMINDER_SLOTS) {
    const scheduled = steps.some((step) => step.reminds === slot);
    const answered = steps.some((step) => step.answers.includes(slot));
    if (scheduled && !answered) problems.push(`reminder ${slot} is scheduled but no step answers it`);
  }
  return problems;
}
