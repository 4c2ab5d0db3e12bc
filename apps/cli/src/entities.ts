import type { DataSourceOptions } from 'typeorm';
import { ACCESS_ENTITIES } from '#app/access';
import { CASE_ENTITIES } from '#app/case';

/**
 * Every entity of every lib, for `migration:generate` (the apps load theirs
 * through TypeOrmModule.forFeature). A test compares this list with what the
 * api registers, so a lib cannot be forgotten here.
 */
export const ALL_ENTITIES: NonNullable<DataSourceOptions['entities']> = [...ACCESS_ENTITIES, ...CASE_ENTITIES];
