import { Table } from 'antd';
import type { ColumnType, ColumnGroupType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatisticsCatalogueView, StatisticsFiguresView, StatisticsIndicatorView, StatisticsTableView, StatisticsTextView } from '../../../generated/types.gen';
import { Panel } from '../../../shared/ui/Panel';

type Row = StatisticsFiguresView['rows'][number] & { index: number };
type Column = ColumnType<Row> | ColumnGroupType<Row>;

/**
 * A figure as the report shows it: a number; `*` where it is withheld (R22:
 * a small count or one that would give it away; a median or share beside a
 * withheld count or on fewer than k people); `—` where there is nothing to
 * compute (a median of no outcomes).
 */
export function Figure({ value, withheld, unit }: { value: number | null | undefined; withheld: boolean; unit?: string }) {
  const { t } = useTranslation('statistics');
  if (value === null || value === undefined) {
    return withheld ? (
      <span className="stats-withheld" title={t('withheld')} aria-label={t('withheld')}>
        *
      </span>
    ) : (
      <span aria-label={t('none')}>—</span>
    );
  }
  return (
    <span className="stats-figure">
      {value.toLocaleString()}
      {unit === '%' ? '%' : ''}
    </span>
  );
}

/** A wide table scrolls sideways inside a region one can reach and scroll with the keyboard (a 390 px screen). */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="stats-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** One table of the report: a row per jurisdiction, a column (or a group of columns) per indicator. */
export function FiguresTable({
  spec,
  figures,
  catalogue,
  title,
}: {
  spec: StatisticsTableView;
  figures: StatisticsFiguresView;
  catalogue: StatisticsIndicatorView[];
  title: string;
}) {
  const { t, i18n } = useTranslation('statistics');
  const text = (value: StatisticsTextView) => (i18n.language.startsWith('zh') ? value.zh : value.en);
  const published = figures.view === 'published';
  const figuresOf = (id: string) => figures.indicators.find((entry) => entry.indicator === id);
  const indicatorOf = (id: string) => catalogue.find((entry) => entry.id === id)!;
  /** A measure is withheld where its count is (published figures only). */
  const withheld = (id: string, index: number): boolean => {
    if (!published) return false;
    const indicator = indicatorOf(id);
    if (indicator.kind === 'count') return true;
    return figuresOf(indicator.base!)?.values[index] === null;
  };
  const cell = (id: string, key: string, title: string, values: (id: string) => (number | null)[] | undefined): ColumnType<Row> => ({
    key,
    title,
    align: 'right',
    render: (_, row) => <Figure value={values(id)?.[row.index]} withheld={withheld(id, row.index)} unit={text(indicatorOf(id).unit)} />,
  });
  const columns: Column[] = [
    {
      key: 'jurisdiction',
      title: t('columns.jurisdiction'),
      render: (_, row) => (row.part === 'child' ? row.name : <strong>{row.part === 'whole' ? t('columns.whole', { name: row.name }) : row.name}</strong>),
    },
    ...spec.columns.map(({ indicator: id, dimensions }): Column => {
      const indicator = indicatorOf(id);
      const heading = `${text(indicator.title)}（${text(indicator.unit)}）`;
      const total = (key: string, title: string) => cell(id, key, title, (which) => figuresOf(which)?.values);
      if (dimensions.length === 0) return total(id, heading);
      return {
        key: id,
        title: heading,
        children: [
          total(`${id}:total`, t('columns.total')),
          ...dimensions.map((dimensionId) => {
            const dimension = indicator.dimensions.find((entry) => entry.id === dimensionId)!;
            const breakdown = figuresOf(id)?.breakdowns.find((entry) => entry.dimension === dimensionId);
            return {
              key: `${id}:${dimensionId}`,
              title: text(dimension.title),
              children: dimension.categories.map((category) =>
                cell(id, `${id}:${dimensionId}:${category.id}`, text(category.title), () => breakdown?.categories.find((entry) => entry.category === category.id)?.values),
              ),
            };
          }),
        ],
      };
    }),
  ];
  return (
    <ScrollRegion label={title}>
      <Table<Row>
        className="stats-table"
        data-testid={`stats-table-${spec.key}`}
        title={() => <h3 className="stats-table-title">{title}</h3>}
        rowKey={(row) => `${row.part}:${row.code}`}
        size="small"
        bordered
        pagination={false}
        dataSource={figures.rows.map((row, index) => ({ ...row, index }))}
        columns={columns}
      />
    </ScrollRegion>
  );
}

/** 转介分类: each kind's referrals sent, accepted, declined, completed and overdue, for the jurisdiction as a whole. */
function ReferralsByKind({ figures, catalogue }: { figures: StatisticsFiguresView; catalogue: StatisticsCatalogueView }) {
  const { t, i18n } = useTranslation('statistics');
  const zh = i18n.language.startsWith('zh');
  const { dimension, indicators } = catalogue.referralsByKind;
  const kinds = catalogue.indicators.find((entry) => entry.id === indicators[0])!.dimensions.find((entry) => entry.id === dimension)!.categories;
  const valueOf = (measure: string, kind: string) =>
    figures.indicators
      .find((entry) => entry.indicator === measure)
      ?.breakdowns.find((breakdown) => breakdown.dimension === dimension)
      ?.categories.find((category) => category.category === kind)?.values[0];
  return (
    <ScrollRegion label={t('tables.byKind', { name: figures.jurisdiction.name })}>
      <Table
        className="stats-table"
        data-testid="stats-referrals-by-kind"
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        dataSource={kinds}
        columns={[
          { key: 'kind', title: t('columns.kind'), render: (_, kind) => (zh ? kind.title.zh : kind.title.en) },
          ...indicators.map((measure) => {
            const indicator = catalogue.indicators.find((entry) => entry.id === measure)!;
            return {
              key: measure,
              title: zh ? indicator.title.zh : indicator.title.en,
              align: 'right' as const,
              render: (_: unknown, kind: { id: string }) => <Figure value={valueOf(measure, kind.id)} withheld={figures.view === 'published'} />,
            };
          }),
        ]}
      />
    </ScrollRegion>
  );
}

/** The report's tables, numbered 表1 … and the referrals by kind last, each in its panel: for the live figures and a submitted report's frozen ones alike. */
export function ReportTables({ figures, catalogue }: { figures: StatisticsFiguresView; catalogue: StatisticsCatalogueView }) {
  const { t, i18n } = useTranslation('statistics');
  const zh = i18n.language.startsWith('zh');
  return (
    <>
      {catalogue.tables.map((spec, index) => (
        <Panel key={spec.key}>
          <FiguresTable spec={spec} figures={figures} catalogue={catalogue.indicators} title={t('tables.numbered', { n: index + 1, title: zh ? spec.title.zh : spec.title.en })} />
        </Panel>
      ))}
      <Panel title={t('tables.numbered', { n: catalogue.tables.length + 1, title: t('tables.byKind', { name: figures.jurisdiction.name }) })}>
        <ReferralsByKind figures={figures} catalogue={catalogue} />
      </Panel>
    </>
  );
}
