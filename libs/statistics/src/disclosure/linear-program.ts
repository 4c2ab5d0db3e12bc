/**
 * The smallest and largest value an unknown count can take, given linear
 * equations and bounds: two linear programs for HiGHS (the highs package, the
 * University of Edinburgh's solver compiled to WebAssembly), their optima
 * rounded inwards, as counts are whole. Both the suppression (disclosure.ts)
 * and its attack test ask this question.
 */
import * as highsModule from 'highs';

// The package's types describe its CommonJS build; Node and jest load its ES module, whose default export is the loader.
const highsLoader = highsModule.default as unknown as typeof highsModule.default.default;
type Highs = Awaited<ReturnType<typeof highsLoader>>;

/** Σ coefficient·unknown = constant. */
export interface LinearEquation {
  terms: { unknown: number; coefficient: number }[];
  constant: number;
}

export interface Bound {
  lower: number;
  /** Infinity when only the lower bound is known. */
  upper: number;
}

let loading: Promise<Highs> | undefined;
const solver = () => (loading ??= highsLoader());

/** The range of `target` over the solutions of `equations` within `bounds` (one bound per unknown), rounded inwards to whole counts. */
export async function countRange(target: number, equations: LinearEquation[], bounds: Bound[]): Promise<{ min: number; max: number }> {
  if (!equations.some((equation) => equation.terms.length > 0)) return { min: bounds[target].lower, max: bounds[target].upper };
  const highs = await solver();
  const solve = (sense: 'Minimize' | 'Maximize') => {
    const solution = highs.solve(program(sense, target, equations, bounds));
    // Nothing published caps it: as protected as a count can be.
    if (solution.Status === 'Unbounded' && sense === 'Maximize') return Infinity;
    if (solution.Status !== 'Optimal') throw new Error(`the ${sense.toLowerCase()} of unknown ${target} is ${solution.Status}`);
    return solution.ObjectiveValue;
  };
  // Counts are whole: the attacker rounds inwards.
  return { min: Math.ceil(solve('Minimize') - 1e-6), max: Math.floor(solve('Maximize') + 1e-6) };
}

/** CPLEX LP format: x0, x1 … the unknowns. */
function program(sense: 'Minimize' | 'Maximize', target: number, equations: LinearEquation[], bounds: Bound[]): string {
  const term = ({ unknown, coefficient }: { unknown: number; coefficient: number }, first: boolean) =>
    `${coefficient < 0 ? '- ' : first ? '' : '+ '}${Math.abs(coefficient) === 1 ? '' : `${Math.abs(coefficient)} `}x${unknown}`;
  const rows = equations
    .filter((equation) => equation.terms.length > 0)
    .map((equation, index) => ` e${index}: ${equation.terms.map((part, at) => term(part, at === 0)).join(' ')} = ${equation.constant}`);
  const limits = bounds.map(({ lower, upper }, unknown) => (Number.isFinite(upper) ? ` ${lower} <= x${unknown} <= ${upper}` : ` x${unknown} >= ${lower}`));
  return [sense, ` obj: x${target}`, 'Subject To', ...rows, 'Bounds', ...limits, 'End'].join('\n');
}
