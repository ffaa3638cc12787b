import { JsonCompatible, toJsonValue } from './jsonCompatible';

interface Application {
  metadata: { name: string; labels?: Record<string, string> };
  status?: { history?: Array<{ id: number; revision?: string }> };
}

const cached = <T>(value: T & JsonCompatible<T>) => toJsonValue(value);

// Checked by the type checker (`yarn tsc` fails when one of these is accepted).
export function refusedByTheTypeChecker() {
  // @ts-expect-error a Date becomes a string in JSON
  cached({ deployedAt: new Date(0) });
  // @ts-expect-error functions are dropped by JSON
  cached({ refresh: () => undefined });
  // @ts-expect-error a Map becomes {} in JSON
  cached([new Map<string, string>()]);
}

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
});
