/**
 * R20: a year from before huijia, as its workbook gives it — per row (the
 * jurisdiction as a whole, its own units, each one below it) — made into the
 * cells FiguresService.render() reads, with every way they add up, so that an
 * imported year is de-identified (R22) exactly as a year of records is.
 *
 * A workbook gives no more than its rows: the referral kinds, for instance,
 * only for the jurisdiction as a whole (表5). A cell it does not give is
 * absent, and an additivity with an absent cell is left out — it says nothing
 * the published figures could be set against.
 */
import type { Additivity, CellKey } from '../disclosure/disclosure.js';
import { INDICATORS, type Indicator, type IndicatorId } from '../figures/catalogue.js';
import { cellKey, ownNode, type FigureSource, type JurisdictionNode } from '../figures/figure-table.js';

export type ImportedRowPart = 'whole' | 'own' | 'child';

/** A year's figures as imported: the values per row, null where the workbook gives none (a measure's `—`). */
export interface ImportedFigures {
  rows: { code: string; part: ImportedRowPart }[];
  indicators: {
    indicator: IndicatorId;
    values: (number | null)[];
    breakdowns: { dimension: string; categories: { category: string; values: (number | null)[] }[] }[];
  }[];
}

export const nodeOfRow = (row: { code: string; part: ImportedRowPart }): string => (row.part === 'own' ? ownNode(row.code) : row.code);

export class ImportedTable implements FigureSource {
  readonly values: Record<CellKey, number> = {};
  readonly hits: Record<CellKey, number> = {};
  readonly additivities: Additivity[] = [];
  private readonly medians = new Map<string, number>();
  private readonly below: JurisdictionNode[];
  private readonly code: string;

  /** `jurisdictions`: the jurisdiction table's nodes of the rows (for names and levels). */
  constructor(jurisdictions: JurisdictionNode[], figures: ImportedFigures) {
    const byCode = new Map(jurisdictions.map((node) => [node.code, node]));
    const whole = figures.rows.find((row) => row.part === 'whole')!;
    this.code = whole.code;
    this.below = figures.rows.filter((row) => row.part === 'child').map((row) => byCode.get(row.code)!);
    const nodes = figures.rows.map(nodeOfRow);
    const shares: [Indicator, number | null, string][] = [];
    for (const entry of figures.indicators) {
      const indicator = INDICATORS.find((candidate) => candidate.id === entry.indicator);
      if (!indicator) continue;
      nodes.forEach((node, row) => {
        const value = entry.values[row];
        if (indicator.kind === 'median' && value !== null) this.medians.set(`${indicator.id}|${node}`, value);
        if (indicator.kind === 'share') shares.push([indicator, value, node]);
        if (indicator.kind !== 'count') return;
        if (value !== null) this.values[cellKey(indicator.id, null, null, node)] = value;
        for (const breakdown of entry.breakdowns) {
          for (const category of breakdown.categories) {
            const categoryValue = category.values[row];
            if (categoryValue !== null) this.values[cellKey(indicator.id, breakdown.dimension, category.category, node)] = categoryValue;
          }
        }
      });
    }
    // A share of n people is a count of hits: the numerator protection and render() work with.
    for (const [indicator, share, node] of shares) {
      const base = cellKey(indicator.base!, null, null, node);
      if (share !== null && base in this.values) this.hits[base] = Math.round((share * this.values[base]) / 100);
    }
    this.addUp(nodes);
  }

  private addUp(nodes: string[]) {
    const known = (additivity: Additivity) => [additivity.total, ...additivity.parts].every((key) => key in this.values);
    const add = (additivity: Additivity) => known(additivity) && this.additivities.push(additivity);
    const counts = INDICATORS.filter((indicator) => indicator.kind === 'count');
    const slots = (indicator: Indicator): [string | null, string | null][] => [
      [null, null],
      ...indicator.dimensions.flatMap((dimension) => dimension.categories.map((category) => [dimension.id, category.id] as [string, string])),
    ];
    for (const indicator of counts) {
      // The jurisdiction is its own units plus those below.
      if (this.below.length > 0) {
        for (const [dimension, category] of slots(indicator)) {
          add({
            total: cellKey(indicator.id, dimension, category, this.code),
            parts: [ownNode(this.code), ...this.below.map((child) => child.code)].map((node) => cellKey(indicator.id, dimension, category, node)),
          });
        }
      }
      for (const node of nodes) {
        for (const dimension of indicator.dimensions) {
          add({
            total: cellKey(indicator.id, null, null, node),
            parts: dimension.categories.map((category) => cellKey(indicator.id, dimension.id, category.id, node)),
          });
        }
        if (indicator.sameAs) {
          const { indicator: other, dimension, category } = indicator.sameAs;
          add({ total: cellKey(indicator.id, null, null, node), parts: [cellKey(other, dimension, category, node)] });
        }
      }
    }
  }

  /** A median imported, on the people of its base count. */
  median(indicator: IndicatorId, node: string): { median: number; n: number } | null {
    const median = this.medians.get(`${indicator}|${node}`);
    const base = INDICATORS.find((candidate) => candidate.id === indicator)!.base!;
    return median === undefined ? null : { median, n: this.values[cellKey(base, null, null, node)] ?? 0 };
  }

  childrenOf(code: string): JurisdictionNode[] {
    return code === this.code ? this.below : [];
  }

  /** Where the workbook does not add up: each total that is not the sum of its parts. */
  mismatches(): Additivity[] {
    return this.additivities.filter((additivity) => this.values[additivity.total] !== additivity.parts.reduce((sum, part) => sum + this.values[part], 0));
  }
}

/** What render() needs of an import: its table, and its jurisdictions (the workbook's, one level deep) from the province's. */
export function importedSource(province: JurisdictionNode[], figures: ImportedFigures): { jurisdictions: JurisdictionNode[]; table: ImportedTable } {
  const byCode = new Map(province.map((node) => [node.code, node]));
  const whole = figures.rows.find((row) => row.part === 'whole')!.code;
  const jurisdictions = [
    { ...byCode.get(whole)!, parentCode: null },
    ...figures.rows.filter((row) => row.part === 'child').map((row) => ({ ...byCode.get(row.code)!, parentCode: whole })),
  ];
  return { jurisdictions, table: new ImportedTable(jurisdictions, figures) };
}
