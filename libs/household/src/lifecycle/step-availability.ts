import type { Role } from '#app/access';
import { CaseErrors } from '#app/case';
import { addDays } from '#app/platform';
import { HouseholdErrors } from '../errors.js';
import { HOUSEHOLD_STEPS, refusal, STATUS_TABLE, stepOf, TASK_STATUSES, type PeopleStep, type TaskFacts, type TaskStatus } from './lifecycle.js';

/** The steps people take, in the order the tab shows them. */
export const PEOPLE_STEPS = ['application', 'registration', 'social_security', 'exception'] as const satisfies readonly PeopleStep[];

export interface StepReason {
  code: string;
  message: string;
}

export interface StepAvailability {
  step: PeopleStep;
  label: string;
  allowed: boolean;
  reasons: StepReason[];
  dueOn: string | null;
}

/** The task's dated facts the steps' deadlines follow from. */
export interface DatedTask extends TaskFacts {
  application_on: string | null;
  registered_on: string | null;
}

const halves = (label: string): [string, string] => {
  const cut = label.indexOf(' / ');
  return [label.slice(0, cut), label.slice(cut + 3)];
};

/**
 * R11: why the task's order refuses a people's step now, in words —
 * undefined when it may be taken: what must come first while the task is
 * behind the step, else what the task already is (or that it was excused).
 */
export function orderReason(task: TaskFacts, name: PeopleStep, today: string): string | undefined {
  const refused = refusal(task, name, today);
  if (refused === undefined) return undefined;
  if (refused === 'excused') return '主管已批准暂不落户 / a supervisor excused the registration';
  const status = refused as TaskStatus;
  const step = stepOf(name);
  const rank = (candidate: string) => TASK_STATUSES.indexOf(candidate as TaskStatus);
  const behind = step.from.every((from) => rank(from) > rank(status));
  const first = behind ? HOUSEHOLD_STEPS.find((other) => other.by !== 'clock' && other.to !== 'same' && step.from.includes(other.to)) : undefined;
  if (first) {
    const [zh, en] = halves(first.label);
    return `须先完成：${zh} / first: ${en}`;
  }
  const [zh, en] = halves(STATUS_TABLE[status].label);
  return `落户任务已是「${zh}」 / the task is already: ${en}`;
}

/**
 * R11: by when each step is due — the application on the task's due day
 * (day 90 of the stay by default), the registration and social security
 * `stepDays` after the step before them; null until that step is done.
 */
export function stepDueOn(task: DatedTask, name: PeopleStep, stepDays: number): string | null {
  if (name === 'application') return task.due_on;
  if (name === 'registration') return task.application_on ? addDays(task.application_on, stepDays) : null;
  if (name === 'social_security') return task.registered_on ? addDays(task.registered_on, stepDays) : null;
  return null;
}

/**
 * Each people's step for the reader, as the file's transitions are (WEB.md §4):
 * allowed, or the reasons it is not — the role, a closed file, the order.
 */
export function stepsFor(task: DatedTask, options: { role: Role; today: string; stepDays: number; fileClosed: boolean }): StepAvailability[] {
  return PEOPLE_STEPS.map((name) => {
    const step = stepOf(name);
    const reasons: StepReason[] = [];
    if (step.by === 'clock' || !step.by.includes(options.role)) reasons.push({ code: CaseErrors.ROLE_MAY_NOT_FIRE.code, message: CaseErrors.ROLE_MAY_NOT_FIRE.message });
    if (options.fileClosed) reasons.push({ code: CaseErrors.FILE_CLOSED.code, message: CaseErrors.FILE_CLOSED.message });
    const order = orderReason(task, name, options.today);
    if (order) reasons.push({ code: HouseholdErrors.STEP_OUT_OF_ORDER.code, message: order });
    return { step: name, label: step.label, allowed: reasons.length === 0, reasons, dueOn: stepDueOn(task, name, options.stepDays) };
  });
}
