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
