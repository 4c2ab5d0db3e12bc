/**
 * R20: the counts of a province's jurisdictions rolled up the chain (county →
 * city → province), as cells for protect() (disclosure.ts) with every way
 * they add up: a jurisdiction is its own units plus its children's; a total
 * is its categories, in each breakdown; a figure defined as another's
 * category is that category.
 *
 * A cell key is `<indicator>|<dimension>|<category>|<node>`, `*` for the
 * total; a node is a jurisdiction code (everything within it) or, for a
 * jurisdiction with others below it, `<code>:own` (its own units: a city's
 * own bureau beside its counties).
 */
import type { Additivity, CellKey } from '../disclosure/disclosure.js';
import { INDICATORS, type Indicator, type IndicatorId } from './catalogue.js';
import type { FigureBasis } from './figures.query.js';

export interface JurisdictionNode {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

export const ownNode = (code: string): string => `${code}:own`;
export const cellKey = (indicator: IndicatorId, dimension: string | null, category: string | null, node: string): CellKey =>
  `${indicator}|${dimension ?? '*'}|${category ?? '*'}|${node}`;

/** Every (dimension, category) of an indicator, the total first. */
function slots(indicator: Indicator): [string | null, string | null][] {
  return [[null, null], ...indicator.dimensions.flatMap((dimension) => dimension.categories.map((category) => [dimension.id, category.id] as [string, string]))];
}

/**
 * What a jurisdiction's figures are rendered from (FiguresService.render): the counts per cell and shares'
 * numerators, how the cells add up, the medians, and the jurisdictions below one. Live and frozen figures are a
 * FigureTable; a year imported from a workbook an ImportedTable (history/imported-table.ts).
 */
export interface FigureSource {
  readonly values: Record<CellKey, number>;
  readonly hits: Record<CellKey, number>;
  readonly additivities: Additivity[];
  median(indicator: IndicatorId, node: string): { median: number; n: number } | null;
  childrenOf(code: string): JurisdictionNode[];
  /** Its published figures when protect() must see more than its own cells (a year's imports together). */
  published?: (minCell: number) => Promise<Record<CellKey, number | null>>;
}

export class FigureTable implements FigureSource {
  readonly values: Record<CellKey, number> = {};
  /** Shares' numerators, rolled up the same way (not published as cells). */
  readonly hits: Record<CellKey, number> = {};
  readonly additivities: Additivity[] = [];
  private readonly children = new Map<string, JurisdictionNode[]>();
  /** A median's units per `<indicator>|<node>`: how many measure each value. */
  private readonly histograms = new Map<string, Map<number, number>>();

  /** `jurisdictions`: the province's (or one subtree's), from the jurisdiction table; `basis`: their own units' counts and histograms. */
  constructor(
    private readonly jurisdictions: JurisdictionNode[],
    basis: FigureBasis,
  ) {
    const rows = basis.counts;
    const known = new Set(jurisdictions.map((node) => node.code));
    for (const node of jurisdictions) {
      if (node.parentCode && known.has(node.parentCode)) this.children.set(node.parentCode, [...(this.children.get(node.parentCode) ?? []), node]);
    }
    const own: Record<CellKey, number> = {};
    const ownHits: Record<CellKey, number> = {};
    for (const row of rows) {
      const key = cellKey(row.indicator, row.dimension, row.category, row.code);
      own[key] = (own[key] ?? 0) + row.count;
      ownHits[key] = (ownHits[key] ?? 0) + row.hits;
    }
    const counts = INDICATORS.filter((indicator) => indicator.kind === 'count');
    // Leaves first: a jurisdiction's figure needs its children's.
    for (const node of [...jurisdictions].sort((a, b) => b.level - a.level)) {
      const below = this.childrenOf(node.code);
      for (const indicator of counts) {
        for (const [dimension, category] of slots(indicator)) {
          const whole = cellKey(indicator.id, dimension, category, node.code);
          const ownValue = own[whole] ?? 0;
          const ownHitValue = ownHits[whole] ?? 0;
          if (below.length === 0) {
            this.values[whole] = ownValue;
            this.hits[whole] = ownHitValue;
            continue;
          }
          const self = cellKey(indicator.id, dimension, category, ownNode(node.code));
          const parts = below.map((child) => cellKey(indicator.id, dimension, category, child.code));
          this.values[self] = ownValue;
          this.hits[self] = ownHitValue;
          this.values[whole] = parts.reduce((sum, part) => sum + this.values[part], ownValue);
          this.hits[whole] = parts.reduce((sum, part) => sum + this.hits[part], ownHitValue);
          this.additivities.push({ total: whole, parts: [self, ...parts] });
        }
      }
    }
    // A unit measured counts in its jurisdiction, `<code>:own` where others are below it, and every jurisdiction above.
    const parentOf = new Map(jurisdictions.map((node) => [node.code, node.parentCode]));
    for (const row of basis.histograms) {
      const nodes = this.childrenOf(row.code).length > 0 ? [ownNode(row.code)] : [];
      for (let code: string | null | undefined = row.code; code && parentOf.has(code); code = parentOf.get(code)) nodes.push(code);
      for (const node of nodes) {
        const key = `${row.indicator}|${node}`;
        const histogram = this.histograms.get(key) ?? new Map<number, number>();
        histogram.set(row.value, (histogram.get(row.value) ?? 0) + row.count);
        this.histograms.set(key, histogram);
      }
    }
    // Within each node: the total is the sum of each breakdown's categories; a `sameAs` figure is its category.
    for (const node of this.nodes()) {
      for (const indicator of counts) {
        for (const dimension of indicator.dimensions) {
          this.additivities.push({
            total: cellKey(indicator.id, null, null, node),
            parts: dimension.categories.map((category) => cellKey(indicator.id, dimension.id, category.id, node)),
          });
        }
        if (indicator.sameAs) {
          const { indicator: other, dimension, category } = indicator.sameAs;
          this.additivities.push({ total: cellKey(indicator.id, null, null, node), parts: [cellKey(other, dimension, category, node)] });
        }
      }
    }
  }

  /** The median over a node's units (`<code>`: all within it; `<code>:own`: its own), and how many they are. */
  median(indicator: IndicatorId, node: string): { median: number; n: number } | null {
    const histogram = this.histograms.get(`${indicator}|${node}`);
    if (!histogram) return null;
    const values = [...histogram.entries()].sort(([a], [b]) => a - b);
    const n = values.reduce((sum, [, count]) => sum + count, 0);
    // percentile_cont(0.5): the middle value, or the mean of the two middle ones.
    const at = (position: number): number => {
      let seen = 0;
      for (const [value, count] of values) {
        seen += count;
        if (position < seen) return value;
      }
      return values[values.length - 1][0];
    };
    return { median: (at(Math.floor((n - 1) / 2)) + at(Math.ceil((n - 1) / 2))) / 2, n };
  }

  childrenOf(code: string): JurisdictionNode[] {
    return this.children.get(code) ?? [];
  }

  /** Every node: each jurisdiction, and `:own` for those with others below. */
  private nodes(): string[] {
    return this.jurisdictions.flatMap((node) => (this.childrenOf(node.code).length > 0 ? [node.code, ownNode(node.code)] : [node.code]));
  }
}
