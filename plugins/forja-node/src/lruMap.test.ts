import { LruMap } from './lruMap';

describe('LruMap', () => {
  it('keeps at most maxEntries, forgetting the least recently used', () => {
    const map = new LruMap<string, number>(3);
    map.set('a', 1).set('b', 2).set('c', 3);
    expect(map.get('a')).toBe(1); // a is now the most recent
    map.set('d', 4);
    expect(map.size).toBe(3);
    expect(map.has('b')).toBe(false);
    expect([map.get('a'), map.get('c'), map.get('d')]).toEqual([1, 3, 4]);
    for (let i = 0; i < 10_000; i++) map.set(`k${i}`, i);
    expect(map.size).toBe(3);
    expect(map.get('k9999')).toBe(9999);
  });

  it('holds falsy values and refuses a bound that is not a positive integer', () => {
    const map = new LruMap<string, number | undefined>(2);
    map.set('zero', 0).set('none', undefined);
    expect(map.has('none')).toBe(true);
    expect(map.get('zero')).toBe(0);
    expect(() => new LruMap(0)).toThrow(/positive integer/);
  });
});
