import { REFERRAL_STATES, REFERRAL_TRANSITIONS, validateLifecycle, type ReferralTransition } from './lifecycle.js';

describe('the referral lifecycle table', () => {
  it('is valid: every state reachable from draft, every open state has a way out, the final ones none', () => {
    expect(validateLifecycle(REFERRAL_TRANSITIONS)).toEqual([]);
  });

  it('gives each event to one side: the referrer sends and withdraws, the partner answers and works it', () => {
    const sides = Object.fromEntries(REFERRAL_TRANSITIONS.map((transition) => [transition.event, transition.side]));
    expect(sides).toEqual({ send: 'referrer', withdraw: 'referrer', accept: 'partner', decline: 'partner', start: 'partner', complete: 'partner' });
    expect(REFERRAL_STATES).toEqual(['draft', 'sent', 'accepted', 'declined', 'in_progress', 'completed', 'withdrawn']);
  });

  it('catches an unreachable state, a dead end, a duplicate event, a wrong event type and a referrer answering for the partner', () => {
    const broken: ReferralTransition[] = REFERRAL_TRANSITIONS.filter((transition) => transition.event !== 'start' && transition.event !== 'withdraw');
    broken.push({ ...REFERRAL_TRANSITIONS[0] });
    broken.push({ ...REFERRAL_TRANSITIONS.find((transition) => transition.event === 'decline')!, event: 'complete', side: 'referrer', emits: 'referral.accepted' });
    expect(validateLifecycle(broken)).toEqual(
      expect.arrayContaining([
        'event send is defined twice',
        'state in_progress cannot be reached from draft',
        'state withdrawn cannot be reached from draft',
        'state accepted has no way out',
        'event complete is defined twice',
        'event complete emits referral.accepted, not referral.declined',
        'only the partner answers a sent referral, not the referrer (complete)',
      ]),
    );
  });
});
