import { UNKNOWN } from './expression';
import { evaluateExpression, evaluateHcl } from './evaluate';

const scope = {
  var: {
    env: 'prod',
    replicas: 3,
    sizes: { dev: 't3.small', prod: 'm6i.large' },
    zones: ['a', 'b', 'c'],
    flags: { ha: true },
  },
  local: { name: 'orders' },
  count: { index: 1 },
  each: { key: 'api', value: { cpu: 2 } },
};

describe('Terraform expressions', () => {
  it.each([
    ['var.replicas * 2 + 1', 7],
    ['var.env == "prod" ? 3 : 1', 3],
    ['lookup(var.sizes, var.env, "t3.micro")', 'm6i.large'],
    ['var.sizes[var.env]', 'm6i.large'],
    ['length(var.zones)', 3],
    [
      '[for z in var.zones : "${local.name}-${z}"]',
      ['orders-a', 'orders-b', 'orders-c'],
    ],
    ['{ for i, z in var.zones : z => i if z != "b" }', { a: 0, c: 2 }],
    ['max(var.replicas, 5) - min(2, 4)', 3],
    ['each.value.cpu * var.replicas', 6],
    ['count.index + 10', 11],
    ['!var.flags.ha || false', false],
    ['merge({ a = 1 }, { b = 2 })', { a: 1, b: 2 }],
    ['format("%s-%03d", local.name, 7)', 'orders-7'],
    ['try(var.sizes.dev, "none")', 't3.small'],
    ['try(var.sizes.qa, "none")', 'none'],
    ['can(var.sizes.qa)', false],
    ['coalesce("", null, "x")', 'x'],
    ['var.zones[*]', ['a', 'b', 'c']],
    ['concat(var.zones, ["d"])[3]', 'd'],
    ['-var.replicas', -3],
    ['ceil(10 / 4)', 3],
    ['urlencode("p@ss w/rd!")', 'p%40ss+w%2Frd%21'],
    ['range(2)', [0, 1]],
    ['tonumber("42") + 0.5', 42.5],
    ['aws_vpc.main.id', UNKNOWN],
    ['length(aws_subnet.private)', UNKNOWN],
    // A list's length is known when only its elements are not (a count over module ids).
    ['length([aws_s3_bucket.this.arn, aws_vpc.main.id])', 2],
    ['length({ a = aws_vpc.main.id })', 1],
    ['var.env == "prod" ? aws_vpc.main.id : "x"', UNKNOWN],
    ['cidrsubnet("10.0.0.0/16", 8, 1)', UNKNOWN],
    [
      'yamlencode({ replicas = var.replicas, zones = var.zones })',
      'replicas: 3\nzones:\n  - a\n  - b\n  - c\n',
    ],
    ['yamlencode({ id = aws_vpc.main.id })', UNKNOWN],
    ['true || aws_vpc.main.id', true],
  ])('%s', (source, expected) => {
    expect(evaluateExpression(source, scope)).toEqual(expected);
  });

  it("evaluates hcl2json values: templates keep a lone interpolation's type", () => {
    expect(
      evaluateHcl(
        {
          count: '${var.replicas}',
          name: 'w-${count.index}',
          escaped: '$${not.interpolated}',
          nested: [{ size: '${var.env == "prod" ? 100 : 20}' }],
          literal: 5,
          quoted: '${lookup(var.sizes, "dev")}',
        },
        scope,
      ),
    ).toEqual({
      count: 3,
      name: 'w-1',
      escaped: '${not.interpolated}',
      nested: [{ size: 100 }],
      literal: 5,
      quoted: 't3.small',
    });
  });

  it.each([
    ['var.replicas +', /expected an expression/],
    ['nosuch(1)', /function nosuch\(\) is not supported/],
    ['var.sizes.qa', /no attribute "qa"/],
    ['var.zones[5]', /index 5 out of range/],
    ['"abc" * 2', /"abc" is not a number/],
  ])('explains what fails in %s', (source, message) => {
    expect(() => evaluateExpression(source, scope)).toThrow(message);
  });
});
