import { ConfigReader } from '@backstage/config';
import { readForjaScaffolderConfig } from './config';

const retry = (r: object) =>
  readForjaScaffolderConfig(
    new ConfigReader({ forja: { publish: { retry: r } } }),
  ).publish.retry;

describe('readForjaScaffolderConfig publish.retry', () => {
  it('defaults to 4 attempts from a 1 s delay, waiting out at most 1 min', () => {
    expect(
      readForjaScaffolderConfig(new ConfigReader({})).publish.retry,
    ).toEqual({ attempts: 4, initialDelayMs: 1000, maxWaitMs: 60_000 });
  });

  it.each([
    [
      'HumanDuration objects',
      { initialDelay: { milliseconds: 250 }, maxWait: { minutes: 2 } },
    ],
    ['ms-style strings', { initialDelay: '250ms', maxWait: '2 minutes' }],
    ['ISO 8601 durations', { initialDelay: 'PT0.25S', maxWait: 'PT2M' }],
  ])('reads %s', (_, r) => {
    expect(retry(r)).toEqual({
      attempts: 4,
      initialDelayMs: 250,
      maxWaitMs: 120_000,
    });
  });

  it('still reads the deprecated initialDelayMs and maxWaitSeconds', () => {
    expect(retry({ initialDelayMs: 250, maxWaitSeconds: 120 })).toMatchObject({
      initialDelayMs: 250,
      maxWaitMs: 120_000,
    });
  });

  it('prefers the new key when both are set', () => {
    expect(
      retry({
        initialDelay: '2s',
        initialDelayMs: 250,
        maxWait: '5m',
        maxWaitSeconds: 120,
      }),
    ).toMatchObject({ initialDelayMs: 2000, maxWaitMs: 300_000 });
  });

  it.each([
    [
      { initialDelay: 1000 },
      'forja.publish.retry.initialDelay must be a duration',
    ],
    [
      { initialDelay: 'PT0S' },
      'forja.publish.retry.initialDelay must be a positive',
    ],
    [{ maxWait: 'a minute' }, 'forja.publish.retry.maxWait must be a duration'],
    [
      { maxWait: { minute: 1 } },
      'forja.publish.retry.maxWait must be a duration',
    ],
    [
      { initialDelayMs: -1 },
      'forja.publish.retry.initialDelayMs must be a positive',
    ],
    [
      { maxWaitSeconds: 0 },
      'forja.publish.retry.maxWaitSeconds must be a positive',
    ],
  ])('fails at start-up naming the key: %j', (r, message) => {
    expect(() => retry(r)).toThrow(message);
  });
});
