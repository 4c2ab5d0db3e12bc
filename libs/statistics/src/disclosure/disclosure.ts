/**
 * R20, R22: the figures that leave the reporting chain are de-identified. A
 * small count (1 to k−1, k = STATS_MIN_CELL, 11 by default as in the IOM/CTDC
 * practice) is suppressed, and so are as many other cells as it takes for no
 * suppressed count to be worked out from what is published: row and column
 * totals, the other cells of a breakdown, a parent jurisdiction minus its
 * children, last year's report beside this one. Every published figure is a
 * cell; every way figures add up is an `Additivity` (total = Σ parts), so one
 * method covers all of them.
 *
 * The method checks rather than hopes: for each small count it asks linear
 * programs (linear-program.ts) for the least and the most the count can be,
 * given every published figure and every additivity, knowing that a
 * suppressed cell is at least 1 (zeros are published as zeros); while that
 * range is narrower than `minInterval`, it suppresses one more cell: a
 * published, non-zero one in an additivity that pins the count, preferring a
 * cell that is no total and then the smallest. Suppressing a cell only widens
 * every range, so a count once protected stays protected, and one pass
 * suffices. The report does not say which suppressed cells are the small
 * ones: an attacker told that could bound them by k−1 and the others from
 * below by k, which pins counts wherever a cell sits at k.
 */
import { countRange, type Bound, type LinearEquation } from './linear-program.js';

/** IOM/CTDC: counts below 11 are not published. */
export const DEFAULT_MIN_CELL = 11;
/** The range a suppressed small count must keep: at least three possible values. */
export const DEFAULT_MIN_INTERVAL = 2;

/** One published figure, e.g. `assisted|530124|female|minor`. */
export type CellKey = string;

/** total = Σ parts. */
export interface Additivity {
  total: CellKey;
  parts: CellKey[];
}

export interface DisclosureOptions {
  /** k: counts from 1 to k−1 are suppressed. */
  minCell?: number;
  /** A suppressed small count's least and greatest possible value differ by at least this much. */
  minInterval?: number;
  /**
   * Figures already made public (last year's report, the version being corrected): never suppressed now; their own
   * suppressed cells are given in `alreadySuppressed`.
   */
  alreadyPublished?: ReadonlySet<CellKey>;
  alreadySuppressed?: ReadonlySet<CellKey>;
}

export interface Suppression {
  key: CellKey;
  /** `small`: 1 to k−1; `complementary`: suppressed so that a small count cannot be worked out. */
  reason: 'small' | 'complementary';
}

export interface ProtectedFigures {
  /** Every cell: its value, or null where suppressed. */
  published: Record<CellKey, number | null>;
  /** The cells suppressed now (those in `alreadySuppressed` stay suppressed and are not listed again). */
  suppressed: Suppression[];
}

/** What anyone knows of a suppressed cell: zeros are published, so it is at least 1. */
export const SUPPRESSED_BOUND: Bound = { lower: 1, upper: Infinity };

export async function protect(values: Record<CellKey, number>, additivities: Additivity[], options: DisclosureOptions = {}): Promise<ProtectedFigures> {
  const minCell = options.minCell ?? DEFAULT_MIN_CELL;
  const minInterval = options.minInterval ?? DEFAULT_MIN_INTERVAL;
  for (const { total, parts } of additivities) {
    const sum = parts.reduce((running, part) => running + valueOf(values, part), 0);
    if (sum !== valueOf(values, total)) throw new Error(`${total} is ${values[total]} but its parts add up to ${sum}`);
  }
  const fixed = options.alreadyPublished ?? new Set<CellKey>();
  const suppressed = new Set<CellKey>(options.alreadySuppressed ?? []);
  const small = Object.keys(values)
    .filter((key) => !fixed.has(key) && values[key] >= 1 && values[key] < minCell)
    .sort();
  for (const key of small) suppressed.add(key);
  const complementary: CellKey[] = [];
  const system = new FigureSystem(values, additivities, suppressed);

  // Last year's small counts too: this year's figures must not give them away.
  const earlier = [...(options.alreadySuppressed ?? [])].filter((key) => values[key] >= 1 && values[key] < minCell).sort();
  for (const key of [...earlier, ...small]) {
    for (;;) {
      // A count alone among unknowns in an additivity is given away without asking the solver.
      if (!system.aloneInAnAdditivity(key)) {
        const { min, max } = await system.range(key);
        if (max - min >= minInterval) break;
      }
      const next = system.complementFor(key, fixed);
      if (!next) throw new Error(`${key} cannot be protected: no figure is left to suppress beside it`);
      suppressed.add(next);
      complementary.push(next);
    }
  }

  const published = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, suppressed.has(key) ? null : value]));
  return {
    published,
    suppressed: [...small.map((key) => ({ key, reason: 'small' as const })), ...complementary.map((key) => ({ key, reason: 'complementary' as const }))],
  };
}

function valueOf(values: Record<CellKey, number>, key: CellKey): number {
  const value = values[key];
  if (value === undefined) throw new Error(`an additivity names ${key}, which is no figure`);
  return value;
}

/** The figures, their additivities and the suppressed cells as unknowns: the attacker's view. */
class FigureSystem {
  private readonly additivitiesOf = new Map<CellKey, number[]>();
  private readonly totals = new Set<CellKey>();

  constructor(
    private readonly values: Record<CellKey, number>,
    private readonly additivities: Additivity[],
    private readonly suppressed: Set<CellKey>,
  ) {
    additivities.forEach(({ total, parts }, index) => {
      this.totals.add(total);
      for (const key of [total, ...parts]) this.additivitiesOf.set(key, [...(this.additivitiesOf.get(key) ?? []), index]);
    });
  }

  /** The additivities linked to `key` through suppressed cells: only they bear on its range. */
  private component(key: CellKey): { unknowns: CellKey[]; additivities: number[] } {
    const unknowns = new Set<CellKey>([key]);
    const reached = new Set<number>();
    const queue = [key];
    while (queue.length > 0) {
      for (const index of this.additivitiesOf.get(queue.pop()!) ?? []) {
        if (reached.has(index)) continue;
        reached.add(index);
        const { total, parts } = this.additivities[index];
        for (const member of [total, ...parts]) {
          if (this.suppressed.has(member) && !unknowns.has(member)) {
            unknowns.add(member);
            queue.push(member);
          }
        }
      }
    }
    return { unknowns: [...unknowns], additivities: [...reached] };
  }

  async range(key: CellKey): Promise<{ min: number; max: number }> {
    const { unknowns, additivities } = this.component(key);
    const index = new Map(unknowns.map((unknown, at) => [unknown, at]));
    const equations: LinearEquation[] = additivities.map((at) => {
      const { total, parts } = this.additivities[at];
      const equation: LinearEquation = { terms: [], constant: 0 };
      for (const [member, sign] of [[total, -1] as const, ...parts.map((part) => [part, 1] as const)]) {
        const unknown = index.get(member);
        if (unknown === undefined) equation.constant -= sign * this.values[member];
        else equation.terms.push({ unknown, coefficient: sign });
      }
      return equation;
    });
    return countRange(
      0,
      equations,
      unknowns.map(() => SUPPRESSED_BOUND),
    );
  }

  /** An additivity with a single unknown pins it. */
  private pins(at: number): boolean {
    const { total, parts } = this.additivities[at];
    return [total, ...parts].filter((member) => this.suppressed.has(member)).length === 1;
  }

  aloneInAnAdditivity(key: CellKey): boolean {
    return (this.additivitiesOf.get(key) ?? []).some((at) => this.pins(at));
  }

  /** The next cell to suppress for `key`: published, not zero, not public already, in an additivity of its component. */
  complementFor(key: CellKey, fixed: ReadonlySet<CellKey>): CellKey | undefined {
    const { additivities } = this.component(key);
    const candidates = new Map<CellKey, { pins: boolean }>();
    for (const at of additivities) {
      const { total, parts } = this.additivities[at];
      // A cell of an additivity that pins an unknown is what protection needs first.
      const pins = this.pins(at);
      for (const member of [total, ...parts]) {
        if (this.suppressed.has(member) || fixed.has(member) || this.values[member] === 0) continue;
        candidates.set(member, { pins: pins || (candidates.get(member)?.pins ?? false) });
      }
    }
    return [...candidates]
      .sort(
        ([a, first], [b, second]) =>
          Number(second.pins) - Number(first.pins) || Number(this.totals.has(a)) - Number(this.totals.has(b)) || this.values[a] - this.values[b] || a.localeCompare(b),
      )
      .at(0)?.[0];
  }
}
