import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatisticsCatalogueView, StatisticsFiguresView, StatisticsTextView } from '../../../generated/types.gen';
import { useTrend, type StatisticsView } from '../api';
import { Chart, type ChartOption } from './Chart';

const GRID = { left: 8, right: 16, top: 48, bottom: 8, containLabel: true };
const LEGEND = { top: 0, type: 'scroll' as const };

/**
 * The report's charts (R20): outcomes by jurisdiction below, referrals by kind
 * and stage, and the years since the plan began. A withheld figure (published
 * view) is not drawn: its bar or point is missing, as the tables mark it *.
 */
export function Charts({ figures, catalogue, view }: { figures: StatisticsFiguresView; catalogue: StatisticsCatalogueView; view: StatisticsView }) {
  const { t, i18n } = useTranslation('statistics');
  const text = (value: StatisticsTextView) => (i18n.language.startsWith('zh') ? value.zh : value.en);
  const indicatorOf = (id: string) => catalogue.indicators.find((entry) => entry.id === id)!;
  const { firstYear } = catalogue;
  const figuresOf = (id: string) => figures.indicators.find((entry) => entry.indicator === id)!;
  const years = Array.from({ length: figures.year - firstYear + 1 }, (_, index) => firstYear + index);
  const trend = useTrend(years, figures.jurisdiction.code, view);

  const outcomes = useMemo((): ChartOption => {
    // Below the jurisdiction (its own level and each one below); a county is its own only row.
    const rows = figures.rows.map((row, index) => ({ row, index })).filter(({ row }) => figures.rows.length === 1 || row.part !== 'whole');
    const outcome = indicatorOf('outcomes').dimensions.find((dimension) => dimension.id === 'outcome')!;
    const breakdown = figuresOf('outcomes').breakdowns.find((entry) => entry.dimension === 'outcome')!;
    return {
      tooltip: { trigger: 'axis' },
      legend: LEGEND,
      grid: GRID,
      xAxis: { type: 'category', data: rows.map(({ row }) => row.name), axisLabel: { interval: 0, rotate: rows.length > 6 ? 40 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: outcome.categories.map((category) => ({
        type: 'bar',
        stack: 'outcomes',
        name: text(category.title),
        data: rows.map(({ index }) => breakdown.categories.find((entry) => entry.category === category.id)?.values[index] ?? null),
      })),
    };
  }, [figures, catalogue, i18n.language]);

  const referrals = useMemo((): ChartOption => {
    const kinds = indicatorOf('referralsSent').dimensions.find((dimension) => dimension.id === 'kind')!.categories;
    return {
      tooltip: { trigger: 'axis' },
      legend: LEGEND,
      grid: GRID,
      xAxis: { type: 'category', data: kinds.map((kind) => text(kind.title)), axisLabel: { interval: 0, rotate: 40 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: catalogue.referralsByKind.indicators.map((measure) => ({
        type: 'bar',
        name: text(indicatorOf(measure).title),
        data: kinds.map((kind) => figuresOf(measure).breakdowns[0].categories.find((entry) => entry.category === kind.id)?.values[0] ?? null),
      })),
    };
  }, [figures, catalogue, i18n.language]);

  // Years from before huijia are their imported workbooks' (R20 history): marked on the axis.
  const importedYears = years.filter((year) => trend.find((entry) => entry.data?.year === year)?.data?.source === 'imported');
  const history = useMemo((): ChartOption => {
    const totalOf = (year: number, id: string) => trend.find((entry) => entry.data?.year === year)?.data?.indicators.find((entry) => entry.indicator === id)?.values[0] ?? null;
    return {
      tooltip: { trigger: 'axis' },
      legend: LEGEND,
      grid: GRID,
      xAxis: { type: 'category', data: years.map((year) => (importedYears.includes(year) ? t('charts.importedYear', { year }) : String(year))) },
      yAxis: { type: 'value', minInterval: 1 },
      series: ['assisted', 'outcomes', 'referralsSent'].map((id) => ({
        type: 'line',
        name: text(indicatorOf(id).title),
        connectNulls: false,
        data: years.map((year) => totalOf(year, id)),
      })),
    };
  }, [trend, catalogue, i18n.language]);

  const name = figures.jurisdiction.name;
  return (
    <div className="stats-charts">
      <figure>
        <figcaption>{t('charts.outcomes', { name })}</figcaption>
        <Chart option={outcomes} label={t('charts.outcomes', { name })} testId="stats-chart-outcomes" />
      </figure>
      <figure>
        <figcaption>{t('charts.referrals', { name })}</figcaption>
        <Chart option={referrals} label={t('charts.referrals', { name })} testId="stats-chart-referrals" />
      </figure>
      <figure>
        <figcaption>{t('charts.trend', { name, from: firstYear, to: figures.year })}</figcaption>
        <Chart option={history} label={t('charts.trend', { name, from: firstYear, to: figures.year })} testId="stats-chart-trend" />
        {importedYears.length > 0 && (
          <p className="ui-muted" data-testid="stats-trend-imported">
            {t('charts.importedNote', { years: importedYears.join('、') })}
          </p>
        )}
      </figure>
    </div>
  );
}
