import {
  isSelected,
  moduleSelectionKey,
  moduleSelectionOf,
  rootModuleOf,
} from './moduleSelection';

describe('moduleSelectionOf', () => {
  it('reads a list of module names, trimmed, sorted and without repeats', () => {
    expect(
      moduleSelectionOf({
        'forja.dev/terraform-modules': ' redis, postgres,redis',
      }),
    ).toEqual({ include: ['postgres', 'redis'] });
    expect(
      moduleSelectionOf({
        'forja.dev/terraform-modules-exclude': 'postgres,service_ms-auth',
      }),
    ).toEqual({ exclude: ['postgres', 'service_ms-auth'] });
    expect(moduleSelectionOf({ 'forja.dev/terraform-modules': '  ' })).toBe(
      undefined,
    );
    expect(moduleSelectionOf(undefined)).toBe(undefined);
  });

  it.each([
    ['a path', '../../etc', /forja\.dev\/terraform-modules: a module name is/],
    ['an address', 'module.db', /a module name is lower-case/],
    ['capitals', 'Postgres', /a module name is lower-case/],
    ['no name', ',', /names no module/],
    ['a long name', 'a'.repeat(65), /at most 64 characters/],
    ['51 names', Array(51).fill('m').join(','), /more than 50 modules/],
    ['10,000 characters', 'm,'.repeat(5000), /is too long/],
  ])('refuses %s, naming the annotation', (_, value, message) => {
    expect(() =>
      moduleSelectionOf({ 'forja.dev/terraform-modules': value }),
    ).toThrow(message);
  });

  it('refuses both annotations at once', () => {
    expect(() =>
      moduleSelectionOf({
        'forja.dev/terraform-modules': 'db',
        'forja.dev/terraform-modules-exclude': 'db',
      }),
    ).toThrow(/not with forja\.dev\/terraform-modules-exclude/);
  });
});

describe('isSelected', () => {
  const addresses = [
    'module.postgres.aws_db_instance.this',
    'module.postgres_replica[0].aws_db_instance.this',
    'module.redis["a"].aws_elasticache_cluster.this',
    'aws_dynamodb_table.this["orders"]',
  ];

  it('splits a folder: the included modules, and the rest with the root resources', () => {
    const include = { include: ['postgres', 'redis'] };
    const exclude = { exclude: ['postgres', 'redis'] };
    expect(addresses.filter(a => isSelected(a, include))).toEqual([
      addresses[0],
      addresses[2],
    ]);
    expect(addresses.filter(a => isSelected(a, exclude))).toEqual([
      addresses[1],
      addresses[3],
    ]);
    expect(rootModuleOf(addresses[1])).toBe('postgres_replica');
    expect(rootModuleOf(addresses[3])).toBe(undefined);
    expect(moduleSelectionKey(include)).toBe('modules=postgres,redis');
    expect(moduleSelectionKey(exclude)).toBe('modules!=postgres,redis');
  });
});
