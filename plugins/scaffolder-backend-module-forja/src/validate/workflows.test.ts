import { runActionlint } from './workflows';

const WORKFLOW = {
  path: '.github/workflows/ci.yml',
  data: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.issue.title }}\n',
};

describe('runActionlint', () => {
  it('reports actionlint findings with file and line', async () => {
    const findings = await runActionlint([WORKFLOW]);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          check: 'actionlint',
          file: '.github/workflows/ci.yml',
          line: 6,
        }),
      ]),
    );
  });

  it('stops a run that takes longer than its time limit, saying so', async () => {
    await expect(runActionlint([WORKFLOW], { timeoutMs: 1 })).rejects.toThrow(
      'actionlint did not finish within 0.001 s and was stopped',
    );
  });
});
