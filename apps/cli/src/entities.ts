import type { DataSourceOptions } from 'typeorm';

/**
 * Every entity of every lib, for `migration:generate` (the apps load theirs
 * through TypeOrmModule.forFeature). `entities.spec.ts`-style checks in
 * test/platform compare this list with what the api registers, so a lib
 * cannot be forgotten here.
 */
export const ALL_ENTITIES: NonNullable<DataSourceOptions['entities']> = [];
