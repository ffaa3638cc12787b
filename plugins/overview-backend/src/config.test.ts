import { ConfigReader } from '@backstage/config';
import { readOverviewConfig } from './config';

const durations = (overview: object) => {
  const { freshMs, staleMs, sourceTimeoutMs, costTimeoutMs, firstAnswerMs } =
    readOverviewConfig(new ConfigReader({ overview }));
  return { freshMs, staleMs, sourceTimeoutMs, costTimeoutMs, firstAnswerMs };
};

const expected = {
  freshMs: 20_000,
  staleMs: 300_000,
  sourceTimeoutMs: 3000,
  costTimeoutMs: 40_000,
  firstAnswerMs: 250,
};

describe('readOverviewConfig durations', () => {
  it('defaults to 30 s fresh, 10 min stale, 5 s and 20 s limits, 500 ms first answer', () => {
    expect(durations({})).toEqual({
      freshMs: 30_000,
      staleMs: 600_000,
      sourceTimeoutMs: 5000,
      costTimeoutMs: 20_000,
      firstAnswerMs: 500,
    });
  });

  it.each([
    [
      'HumanDuration objects',
      {
        cacheFresh: { seconds: 20 },
        cacheStale: { minutes: 5 },
        sourceTimeout: { seconds: 3 },
        costTimeout: { seconds: 40 },
        firstAnswerWait: { milliseconds: 250 },
      },
    ],
    [
      'ms-style strings',
      {
        cacheFresh: '20s',
        cacheStale: '5 minutes',
        sourceTimeout: '3s',
        costTimeout: '40s',
        firstAnswerWait: '250ms',
      },
    ],
    [
      'ISO 8601 durations',
      {
        cacheFresh: 'PT20S',
        cacheStale: 'PT5M',
        sourceTimeout: 'PT3S',
        costTimeout: 'PT40S',
        firstAnswerWait: 'PT0.25S',
      },
    ],
  ])('reads %s', (_, overview) => {
    expect(durations(overview)).toEqual(expected);
  });

  it('still reads the deprecated *Seconds keys', () => {
    expect(
      durations({
        cacheSeconds: 20,
        staleSeconds: 300,
        sourceTimeoutSeconds: 3,
        costTimeoutSeconds: 40,
        firstAnswerSeconds: 0.25,
      }),
    ).toEqual(expected);
  });

  it('prefers the new key when both are set', () => {
    expect(
      durations({
        cacheFresh: '20s',
        cacheSeconds: 1,
        cacheStale: '5m',
        staleSeconds: 1,
        sourceTimeout: '3s',
        sourceTimeoutSeconds: 1,
        costTimeout: '40s',
        costTimeoutSeconds: 1,
        firstAnswerWait: '250ms',
        firstAnswerSeconds: 1,
      }),
    ).toEqual(expected);
  });

  it.each([
    [{ cacheFresh: 30 }, 'overview.cacheFresh must be a duration'],
    [{ cacheStale: 'a while' }, 'overview.cacheStale must be a duration'],
    [{ sourceTimeout: '0s' }, 'overview.sourceTimeout must be a positive'],
    [
      { costTimeout: { sekunden: 3 } },
      'overview.costTimeout must be a duration',
    ],
    [
      { firstAnswerWait: 'PT0S' },
      'overview.firstAnswerWait must be a positive',
    ],
    [{ cacheSeconds: 0 }, 'overview.cacheSeconds must be a positive'],
    [
      { firstAnswerSeconds: -1 },
      'overview.firstAnswerSeconds must be a positive',
    ],
  ])('fails at start-up naming the key: %j', (overview, message) => {
    expect(() => durations(overview)).toThrow(message);
  });
});

describe('readOverviewConfig Kubernetes paging', () => {
  const paging = (overview: object) =>
    readOverviewConfig(new ConfigReader({ overview })).kubernetesPaging;

  it('reads pages of 500, lists of up to 100,000 items, unless configured', () => {
    expect(paging({})).toEqual({ pageSize: 500, maxItems: 100_000 });
    expect(
      paging({ kubernetesPageSize: 200, kubernetesMaxListItems: 5000 }),
    ).toEqual({ pageSize: 200, maxItems: 5000 });
  });

  it.each([
    [
      { kubernetesPageSize: 0 },
      'overview.kubernetesPageSize must be a positive',
    ],
    [
      { kubernetesMaxListItems: 2.5 },
      'overview.kubernetesMaxListItems must be a positive',
    ],
  ])('fails at start-up naming the key: %j', (overview, message) => {
    expect(() => paging(overview)).toThrow(message);
  });
});
