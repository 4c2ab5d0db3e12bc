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
import { protect, type Additivity, type CellKey } from '../disclosure/disclosure.js';
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
  /** Published: protected with the year's other imports (importedSource). */
  published?: (minCell: number) => Promise<Record<CellKey, number | null>>;
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

/** A year's import: its id (the latest version's) and figures. */
export interface YearImport {
  id: string;
  figures: ImportedFigures;
}

/** An import's jurisdictions (the workbook's, one level deep) from the province's. */
function jurisdictionsOf(province: JurisdictionNode[], figures: ImportedFigures): JurisdictionNode[] {
  const byCode = new Map(province.map((node) => [node.code, node]));
  const whole = figures.rows.find((row) => row.part === 'whole')!.code;
  return [{ ...byCode.get(whole)!, parentCode: null }, ...figures.rows.filter((row) => row.part === 'child').map((row) => ({ ...byCode.get(row.code)!, parentCode: whole }))];
}

/**
 * R22 across workbooks: a year's imports in a province are protected in one run, so that one workbook's published
 * table cannot be set against another's (a city's own beside the province's row for it). Each workbook's cells are
 * its own (`<cell>@<import id>`); where two give the same jurisdiction the same figure, they are one figure to an
 * attacker, and protect() is told so. One run whichever workbook is shown: the same cells withheld in each.
 */
export async function protectYearImports(province: JurisdictionNode[], imports: YearImport[], minCell: number): Promise<Map<string, Record<CellKey, number | null>>> {
  const values: Record<CellKey, number> = {};
  const additivities: Additivity[] = [];
  const suffixed = (key: CellKey, id: string) => `${key}@${id}`;
  const byKey = new Map<CellKey, string[]>();
  const ordered = [...imports].sort((a, b) => a.figures.rows[0].code.localeCompare(b.figures.rows[0].code) || a.id.localeCompare(b.id));
  for (const { id, figures } of ordered) {
    const table = new ImportedTable(jurisdictionsOf(province, figures), figures);
    for (const [key, value] of Object.entries(table.values)) {
      values[suffixed(key, id)] = value;
      // A jurisdiction's own units (本级) are one workbook's alone; a jurisdiction as a whole may be in several.
      if (!key.endsWith(':own')) byKey.set(key, [...(byKey.get(key) ?? []), id]);
    }
    for (const additivity of table.additivities) additivities.push({ total: suffixed(additivity.total, id), parts: additivity.parts.map((part) => suffixed(part, id)) });
  }
  for (const [key, ids] of byKey) {
    for (let at = 1; at < ids.length; at += 1) {
      const [first, next] = [suffixed(key, ids[0]), suffixed(key, ids[at])];
      if (values[first] === values[next]) additivities.push({ total: first, parts: [next] });
    }
  }
  const { published } = await protect(values, additivities, { minCell });
  const perImport = new Map<string, Record<CellKey, number | null>>();
  for (const { id } of ordered) perImport.set(id, {});
  for (const [key, value] of Object.entries(published)) {
    const at = key.lastIndexOf('@');
    perImport.get(key.slice(at + 1))![key.slice(0, at)] = value;
  }
  return perImport;
}

/**
 * What render() needs of an import: its table — published, protected with the year's other imports in the province
 * (protectYearImports) — and its jurisdictions.
 */
export function importedSource(province: JurisdictionNode[], shown: YearImport, year: YearImport[]): { jurisdictions: JurisdictionNode[]; table: ImportedTable } {
  const jurisdictions = jurisdictionsOf(province, shown.figures);
  const table = new ImportedTable(jurisdictions, shown.figures);
  table.published = async (minCell) => (await protectYearImports(province, year, minCell)).get(shown.id)!;
  return { jurisdictions, table };
}
