import { Outbox1795605524158 } from './1795605524158-Outbox.js';

/**
 * Every migration, in order. Listed by hand (not globbed) so the same options
 * work from `dist/` and under jest; `migration:generate` prints the line to add.
 */
export const MIGRATIONS = [Outbox1795605524158];
