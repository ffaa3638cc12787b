import { JsonCompatible, toJsonValue } from './jsonCompatible';

interface Application {
  metadata: { name: string; labels?: Record<string, string> };
  status?: { history?: Array<{ id: number; revision?: string }> };
}

const cached = <T>(value: T & JsonCompatible<T>) => toJsonValue(value);

describe('JsonCompatible', () => {
  it('takes typed interfaces of plain data as they are, without a copy', () => {
    const app: Application = {
      metadata: { name: 'ms-video-prod', labels: { team: 'video' } },
      status: { history: [{ id: 1 }] },
    };
    const list = [app];
    expect(cached(list)).toBe(list);
    expect(JSON.parse(JSON.stringify(cached(list)))).toEqual(list);
  });

  it('refuses, at type check, values a cache would hand back changed', () => {
    // `yarn tsc` fails when one of these is accepted.
    // @ts-expect-error a Date comes back from JSON as a string
    const date = cached({ deployedAt: new Date(0) });
    // @ts-expect-error functions are dropped by JSON
    cached({ refresh: () => undefined });
    // @ts-expect-error a Map comes back from JSON as {}
    cached([new Map<string, string>()]);
    expect(JSON.parse(JSON.stringify(date))).toEqual({
      deployedAt: '1970-01-01T00:00:00.000Z',
    });
  });
});
