import { FILE_STATES, FINAL_STATES, INITIAL_STATE, type FileState } from './states.js';
import type { TransitionDefinition } from './transitions.js';

/**
 * The checks the table must pass at boot: every state reachable from the
 * initial one, every state but the final ones has a way out, no event is
 * ambiguous from a state, and the final states have none.
 */
export function validateStateMachine(transitions: readonly TransitionDefinition[]): string[] {
  const problems: string[] = [];
  const exits = new Map<FileState, TransitionDefinition[]>();
  for (const transition of transitions) {
    for (const from of transition.from) {
      const list = exits.get(from) ?? [];
      if (list.some((other) => other.event === transition.event)) problems.push(`event ${transition.event} is defined twice from ${from}`);
      list.push(transition);
      exits.set(from, list);
    }
  }
  const reachable = new Set<FileState>([INITIAL_STATE]);
  const queue: FileState[] = [INITIAL_STATE];
  while (queue.length > 0) {
    const state = queue.shift()!;
    for (const transition of exits.get(state) ?? []) {
      const to = transition.to === 'same' ? state : transition.to;
      if (!reachable.has(to)) {
        reachable.add(to);
        queue.push(to);
      }
    }
  }
  for (const state of FILE_STATES) {
    if (!reachable.has(state)) problems.push(`state ${state} cannot be reached from ${INITIAL_STATE}`);
    const leaving = (exits.get(state) ?? []).filter((transition) => transition.to !== 'same' && transition.to !== state);
    if (FINAL_STATES.includes(state)) {
      if ((exits.get(state) ?? []).length > 0) problems.push(`final state ${state} has exits`);
    } else if (leaving.length === 0) {
      problems.push(`state ${state} has no way out`);
    }
  }
  return problems;
}
