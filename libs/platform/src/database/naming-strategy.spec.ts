import { SnakeNamingStrategy } from './naming-strategy.js';

describe('SnakeNamingStrategy', () => {
  const naming = new SnakeNamingStrategy();

  it('names tables and columns in snake_case', () => {
    expect(naming.tableName('VictimFileEntity', undefined)).toBe('victim_file');
    expect(naming.tableName('Outbox', 'outbox')).toBe('outbox');
    expect(naming.columnName('responsibleJurisdiction', '', [])).toBe('responsible_jurisdiction');
    expect(naming.columnName('start', '', ['birthRange'])).toBe('birth_range_start');
    expect(naming.joinColumnName('currentInstitution', 'id')).toBe('current_institution_id');
  });
});
