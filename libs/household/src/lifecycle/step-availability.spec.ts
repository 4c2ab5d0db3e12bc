import { orderReason, stepDueOn, stepsFor, type DatedTask } from './step-availability.js';

const task = (facts: Partial<DatedTask> = {}): DatedTask => ({
  status: 'counting',
  due_on: '2026-12-01',
  exception_at: null,
  application_on: null,
  registered_on: null,
  ...facts,
});
const TODAY = '2026-12-05';

describe("R11: the household registration's steps as the reader sees them", () => {
  it('R11: says what must come first while the task is behind a step, and what it already is past it', () => {
    expect(orderReason(task(), 'application', TODAY)).toBeUndefined();
    expect(orderReason(task(), 'registration', TODAY)).toBe('须先完成：备妥落户申请及材料 / first: the application and its documents prepared');
    expect(orderReason(task({ status: 'application_prepared' }), 'social_security', TODAY)).toBe('须先完成：公安机关办理落户 / first: the police registered the household');
    expect(orderReason(task({ status: 'registered' }), 'application', TODAY)).toBe('落户任务已是「已落户」 / the task is already: household registered');
    expect(orderReason(task({ status: 'cancelled' }), 'registration', TODAY)).toMatch(/^落户任务已是「已取消/);
    expect(orderReason(task({ exception_at: new Date('2026-12-02T02:00:00Z') }), 'exception', TODAY)).toBe('主管已批准暂不落户 / a supervisor excused the registration');
  });

  it('R11: dates each step — the application on day 90 of the stay, each later step HOUSEHOLD_STEP_DAYS after the one before', () => {
    expect(stepDueOn(task(), 'application', 30)).toBe('2026-12-01');
    expect(stepDueOn(task(), 'registration', 30)).toBeNull();
    expect(stepDueOn(task({ application_on: '2026-12-03' }), 'registration', 30)).toBe('2027-01-02');
    expect(stepDueOn(task({ registered_on: '2027-01-10' }), 'social_security', 30)).toBe('2027-02-09');
    expect(stepDueOn(task(), 'exception', 30)).toBeNull();
  });

  it('R11: each step allowed for its roles in its turn, else greyed with every reason', () => {
    const forCaseworker = stepsFor(task(), { role: 'caseworker', today: TODAY, stepDays: 30, fileClosed: false });
    expect(forCaseworker.map((step) => [step.step, step.allowed, step.reasons.map((reason) => reason.code)])).toEqual([
      ['application', true, []],
      ['registration', false, ['STEP_OUT_OF_ORDER']],
      ['social_security', false, ['STEP_OUT_OF_ORDER']],
      ['exception', false, ['ROLE_MAY_NOT_FIRE']],
    ]);
    const closed = stepsFor(task({ status: 'application_prepared', application_on: '2026-12-03' }), { role: 'supervisor', today: TODAY, stepDays: 30, fileClosed: true });
    expect(closed.find((step) => step.step === 'registration')).toMatchObject({ allowed: false, reasons: [expect.objectContaining({ code: 'FILE_CLOSED' })], dueOn: '2027-01-02' });
    const police = stepsFor(task({ status: 'application_prepared', application_on: '2026-12-03' }), { role: 'police_liaison', today: TODAY, stepDays: 30, fileClosed: false });
    expect(police.filter((step) => step.allowed).map((step) => step.step)).toEqual(['registration']);
  });
});
