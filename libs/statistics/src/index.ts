export {
  DEFAULT_MIN_CELL,
  DEFAULT_MIN_INTERVAL,
  protect,
  type Additivity,
  type CellKey,
  type DisclosureOptions,
  type ProtectedFigures,
  SUPPRESSED_BOUND,
  type Suppression,
} from './disclosure/disclosure.js';
export { countRange, type Bound, type LinearEquation } from './disclosure/linear-program.js';
export { StatisticsErrors } from './errors.js';
export { INDICATORS, INDICATOR_IDS, type Indicator, type IndicatorId } from './figures/catalogue.js';
export { FIRST_YEAR } from './figures/figures.dto.js';
export { FiguresQuery } from './figures/figures.query.js';
export { FiguresService } from './figures/figures.service.js';
export { HistoryImportsService } from './history/imports.service.js';
export { StatisticsDeadlines } from './notify/deadlines.js';
export { StatisticsModule, StatisticsWorkerModule } from './statistics.module.js';
