import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { estimatePath } from '../estimatePath';
import { formatDiffMarkdown } from '../format/diffMarkdown';
import { MAX_TERRAFORM_FILE_BYTES } from '../hcl/readSourceFile';
import { diffEstimates } from './diffEstimates';
import { priceCheckout } from './priceCheckout';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'forja-cost-diff-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const provider = 'provider "aws" {\n  region = "us-east-1"\n}\n';
const instance = (name: string, type: string) =>
  `resource "aws_instance" "${name}" {\n  instance_type = "${type}"\n}\n`;

describe('diffEstimates', () => {
  it("lists added, removed and changed resources against the engine's own estimates, unchanged ones counted", async () => {
    const base = tree({
      'env/main.tf': [
        provider,
        instance('web', 't3.small'),
        instance('batch', 'm6i.large'),
        instance('same', 't3.micro'),
      ].join(''),
    });
    const head = tree({
      'env/main.tf': [
        provider,
        instance('web', 'm6i.xlarge'),
        instance('same', 't3.micro'),
        instance('gpu', 'g5.xlarge'),
        'resource "aws_frobnicator" "new" {}\n',
      ].join(''),
    });
    const diff = diffEstimates(
      await priceCheckout(base, ['env']),
      await priceCheckout(head, ['env']),
      { base, head },
    );
    const cost = async (dir: string, address: string) =>
      Number(
        (
          await estimatePath(path.join(dir, 'env'))
        ).projects[0].breakdown.resources.find(r => r.name === address)!
          .monthlyCost,
      );
    const round = (n: number) => Math.round(n * 100) / 100;
    expect(diff.resources).toEqual([
      {
        project: 'env',
        address: 'aws_instance.batch',
        resourceType: 'aws_instance',
        status: 'removed',
        before: round(await cost(base, 'aws_instance.batch')),
        after: null,
        change: -round(await cost(base, 'aws_instance.batch')),
      },
      {
        project: 'env',
        address: 'aws_instance.gpu',
        resourceType: 'aws_instance',
        status: 'added',
        before: null,
        after: round(await cost(head, 'aws_instance.gpu')),
        change: round(await cost(head, 'aws_instance.gpu')),
      },
      {
        project: 'env',
        address: 'aws_instance.web',
        resourceType: 'aws_instance',
        status: 'changed',
        before: round(await cost(base, 'aws_instance.web')),
        after: round(await cost(head, 'aws_instance.web')),
        change: round(
          (await cost(head, 'aws_instance.web')) -
            (await cost(base, 'aws_instance.web')),
        ),
      },
    ]);
    expect(diff.unchanged).toBe(1);
    const baseTotal = Number(
      (await estimatePath(path.join(base, 'env'))).totalMonthlyCost,
    );
    const headTotal = Number(
      (await estimatePath(path.join(head, 'env'))).totalMonthlyCost,
    );
    expect(diff.totals).toEqual({
      before: round(baseTotal),
      after: round(headTotal),
      change: round(round(headTotal) - round(baseTotal)),
    });
    expect(diff.coverage.head.notPriced).toEqual([
      expect.objectContaining({
        project: 'env',
        address: 'aws_frobnicator.new',
        resourceType: 'aws_frobnicator',
      }),
    ]);
    expect(diff.coverage.base.notPriced).toEqual([]);
    expect(diff.pricesRetrievedAt).toMatch(/^\d{4}-\d\d-\d\d$/);

    const markdown = formatDiffMarkdown(diff);
    expect(markdown.split('\n')[0]).toBe('<!-- forja-cost -->');
    expect(markdown).toContain('Monthly cost will increase by');
    expect(markdown).toContain('3 resources changing, 1 unchanged');
    expect(markdown).toMatch(
      /<code>aws&#95;instance\.gpu<\/code> \| added \| – \| \$[\d,.]+ \| \+\$[\d,.]+ \|/,
    );
    expect(markdown).toContain(
      'Not priced: <code>env</code> <code>aws&#95;frobnicator.new</code>',
    );
  });

  it('prices a pull request without fetching remote module sources or reading outside the checkout', async () => {
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end();
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const outside = tree({
        'secret/main.tf': `${provider}${instance('secret', 'm6i.24xlarge')}`,
      });
      const head = path.join(outside, 'checkout');
      mkdirSync(path.join(head, 'env'), { recursive: true });
      writeFileSync(
        path.join(head, 'env/main.tf'),
        [
          provider,
          instance('own', 't3.small'),
          `module "remote" {\n  source = "git::http://127.0.0.1:${port}/evil.git//m?ref=main"\n}\n`,
          `module "http" {\n  source = "http://127.0.0.1:${port}/module.zip"\n}\n`,
          'module "escape" {\n  source = "../../secret"\n}\n',
          // A for_each key is the pull request author's text: it must stay inert in the comment.
          'resource "aws_instance" "tagged" {\n  for_each      = toset(["<img src=x onerror=alert(1)>|[x](http://evil)`@team"])\n  instance_type = "t3.micro"\n}\n',
        ].join(''),
      );
      symlinkSync(
        path.join(outside, 'secret/main.tf'),
        path.join(head, 'env/linked.tf'),
      );
      writeFileSync(
        path.join(head, 'env/huge.tf'),
        `# ${'x'.repeat(MAX_TERRAFORM_FILE_BYTES)}\n`,
      );
      const base = tree({ 'env/main.tf': provider });

      const diff = diffEstimates(
        await priceCheckout(base, ['env']),
        await priceCheckout(head, ['env']),
        { base, head },
      );
      expect(requests).toEqual([]);
      expect(diff.resources.map(r => r.address)).toEqual([
        'aws_instance.own',
        'aws_instance.tagged["<img src=x onerror=alert(1)>|[x](http://evil)`@team"]',
      ]);
      expect(diff.coverage.head.problems.map(p => [p.file, p.message])).toEqual(
        [
          [
            'env/huge.tf',
            `larger than ${MAX_TERRAFORM_FILE_BYTES} bytes; not read`,
          ],
          ['env/linked.tf', 'a link out of the folder read; not read'],
          expect.arrayContaining([
            expect.stringMatching(/main\.tf$/),
            'module "escape": source ../../secret is outside the folder read; not priced',
          ]),
          expect.arrayContaining([
            expect.stringMatching(/main\.tf$/),
            `module "http": source http://127.0.0.1:${port}/module.zip is not a local path or a mapped repository; not priced`,
          ]),
          expect.arrayContaining([
            expect.stringMatching(/main\.tf$/),
            `module "remote": source git::http://127.0.0.1:${port}/evil.git//m?ref=main is not a local path or a mapped repository; not priced`,
          ]),
        ],
      );
      await expect(priceCheckout(head, ['../secret'])).rejects.toThrow(
        '../secret: outside the checkout; give a path inside it',
      );

      const markdown = formatDiffMarkdown(diff);
      expect(markdown).not.toMatch(/<img|\]\(http|`@team|@team/);
      expect(markdown).toContain(
        '&lt;img src=x onerror=alert&#40;1&#41;&gt;&#124;&#91;x&#93;&#40;http://evil&#41;&#96;&#64;team',
      );
    } finally {
      server.close();
    }
  });
});
