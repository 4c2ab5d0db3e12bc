import { clockRuns, HOUSEHOLD_STEPS, refusal, rolesFor, statusOf, validateLifecycle, type StepDefinition, type TaskFacts } from './lifecycle.js';

const task = (facts: Partial<TaskFacts> = {}): TaskFacts => ({ status: 'counting', due_on: '2026-12-01', exception_at: null, ...facts });

describe('R11: the household registration lifecycle, one table checked at boot', () => {
  it('is consistent: every status reached, a way out of all but the registered one, every reminder answered', () => {
    expect(validateLifecycle(HOUSEHOLD_STEPS)).toEqual([]);
  });

  it('finds what a broken table gets wrong', () => {
    const withoutRegistration = HOUSEHOLD_STEPS.filter((step) => step.step !== 'registration');
    expect(validateLifecycle(withoutRegistration)).toEqual(['status registered cannot be reached']);
    const stuck = HOUSEHOLD_STEPS.filter((step) => !['registration', 'cancel'].includes(step.step));
    expect(validateLifecycle(stuck)).toEqual(expect.arrayContaining(['status application_prepared has no way out']));
    expect(validateLifecycle(HOUSEHOLD_STEPS.filter((step) => step.step !== 'social_security'))).toEqual(['reminder social_security is scheduled but no step answers it']);
    const twice: StepDefinition[] = [...HOUSEHOLD_STEPS, { ...HOUSEHOLD_STEPS[0], from: ['registered'] }];
    expect(validateLifecycle(twice)).toEqual(expect.arrayContaining(['step start is defined twice', 'final status registered has exits (start)']));
    expect(validateLifecycle([...HOUSEHOLD_STEPS, { ...HOUSEHOLD_STEPS[4], step: 'exception', by: [], to: 'archived' as never }])).toEqual(
      expect.arrayContaining(['step exception is taken by no role', 'step exception leads to unknown status archived']),
    );
  });

  it('raises a counting task on its due day, without a write', () => {
    expect(statusOf(task(), '2026-11-30')).toBe('counting');
    expect(statusOf(task(), '2026-12-01')).toBe('raised');
    expect(statusOf(undefined, '2026-12-01')).toBe('none');
  });

  it('takes the steps in order: application, registration, social security', () => {
    expect(refusal(task(), 'application', '2026-11-01')).toBeUndefined();
    expect(refusal(task(), 'registration', '2026-12-05')).toBe('raised');
    expect(refusal(task({ status: 'application_prepared' }), 'registration', '2026-12-05')).toBeUndefined();
    expect(refusal(task({ status: 'application_prepared' }), 'social_security', '2026-12-05')).toBe('application_prepared');
    expect(refusal(task({ status: 'registered' }), 'social_security', '2026-12-05')).toBeUndefined();
    expect(refusal(task({ status: 'cancelled' }), 'application', '2026-12-05')).toBe('cancelled');
  });

  it('excuses once, and an excused or registered task leaves the clock alone', () => {
    const excused = task({ exception_at: new Date('2026-11-20T02:00:00Z') });
    expect(refusal(task(), 'exception', '2026-11-21')).toBeUndefined();
    expect(refusal(excused, 'exception', '2026-11-21')).toBe('excused');
    expect(refusal(task({ status: 'registered' }), 'exception', '2026-11-21')).toBe('registered');
    expect(clockRuns(excused, '2026-11-21')).toBe(false);
    expect(clockRuns(task({ status: 'registered' }), '2026-11-21')).toBe(false);
    expect(clockRuns(task({ status: 'cancelled' }), '2026-11-21')).toBe(true);
    expect(clockRuns(undefined, '2026-11-21')).toBe(true);
  });

  it("gives each people's step its roles: the police register, a supervisor excuses", () => {
    expect(rolesFor('registration')).toEqual(expect.arrayContaining(['police_liaison']));
    expect(rolesFor('exception')).toEqual(['supervisor']);
    expect(rolesFor('application')).not.toContain('police_liaison');
  });
});
