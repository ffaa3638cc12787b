import { evaluateExpression, parseExpression } from './expression';

const scope = {
  values: { name: 'api', envs: ['prod', 'dev'], port: 8080, empty: '' },
  scale: { prod: { min: 3 } },
  receivers: [{ name: 'a' }, { name: 'b' }, 'x'],
  env: 'prod',
};
const run = (source: string) =>
  evaluateExpression(parseExpression(source), scope);

describe('template expressions', () => {
  it.each<[string, unknown]>([
    ['values.name', 'api'],
    ["values.name + '-' + env", 'api-prod'],
    ['scale[env].min', 3],
    ['values.port + 1', 8081],
    ["'prod' in values.envs", true],
    ["'qa' not in values.envs", true],
    ["values.name == 'api' and not values.empty", true],
    ['values.empty or values.name', 'api'],
    ["'a' if env == 'prod' else 'b'", 'a'],
    ["['dev', 'qa', 'prod'] | within(values.envs)", ['dev', 'prod']],
    ["values.envs | join(',') | upper", 'PROD,DEV'],
    ['values.missing.deeper', undefined],
    ["receivers | map('name')", ['a', 'b', undefined]],
    ["receivers | map('constructor')", [undefined, undefined, undefined]],
    [
      "'github.com?owner=acme&repo=api' | repoUrl",
      { host: 'github.com', owner: 'acme', repo: 'api' },
    ],
  ])('%s', (source, expected) => {
    expect(run(source)).toEqual(expected);
  });

  it('reads values and nothing else: no calls, no globals, no prototype', () => {
    expect(() => run('process.env')).toThrow(/unknown name "process"/);
    expect(() => run('values.name.constructor')).not.toThrow();
    expect(run('values.name.constructor')).toBeUndefined();
    expect(run("values['__proto__']")).toBeUndefined();
    expect(() => run('require(1)')).toThrow();
    expect(() => run('values | exec')).toThrow(/unknown filter "exec"/);
    expect(() => run('values.name; 1')).toThrow(/unexpected/);
  });
});
