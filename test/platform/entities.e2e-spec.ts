import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '../../apps/cli/src/entities.js';
import { startStack, type TestStack } from '../support/test-context.js';

describe('the entity list of migration:generate', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  it('holds every entity the api registers, so no lib is forgotten when migrations are generated', () => {
    const registered = stack
      .api!.get<DataSource>(getDataSourceToken())
      .entityMetadatas.map((metadata) => metadata.tableName)
      .sort();
    const listed = (ALL_ENTITIES as Function[]).map((entity) => entity.name);
    expect(registered.length).toBeGreaterThan(0);
    expect(listed).toHaveLength(registered.length);
    const listedTables = stack.api!.get<DataSource>(getDataSourceToken()).entityMetadatas.filter((m) => listed.includes((m.target as Function).name));
    expect(listedTables.map((m) => m.tableName).sort()).toEqual(registered);
  });
});
