import { TRANSITIONS, type TransitionDefinition } from './transitions.js';
import { validateStateMachine } from './validation.js';

describe('the state machine table', () => {
  it('is valid: every state reachable, every state but closed has a way out', () => {
    expect(validateStateMachine(TRANSITIONS)).toEqual([]);
  });

  it('catches an unreachable state, a dead end and a duplicate event', () => {
    const broken: TransitionDefinition[] = TRANSITIONS.filter((t) => t.event !== 'start_repatriation' && t.event !== 'start_follow_up');
    broken.push({ ...TRANSITIONS[0] });
    expect(validateStateMachine(broken)).toEqual(
      expect.arrayContaining([
        'state repatriation cannot be reached from received',
        'state repatriated cannot be reached from received',
        'state follow_up cannot be reached from received',
        'event place_in_institution is defined twice from received',
      ]),
    );
  });

  it("needs a supervisor's approval for placement, reunification, local resettlement, transfer and closure", () => {
    const approved = TRANSITIONS.filter((t) => t.approval)
      .map((t) => t.event)
      .sort();
    expect(approved).toEqual(['close', 'place_in_institution', 'resettle_locally', 'reunify', 'transfer']);
  });
});
