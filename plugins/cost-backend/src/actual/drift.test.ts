import { drift } from './drift';

describe('drift', () => {
  it('is the gap as a share of the estimate, flagged past the configured share', () => {
    expect(drift(100, 125, 0.2)).toEqual({ share: 0.25, exceeded: true });
    expect(drift(100, 80, 0.2)).toEqual({ share: 0.2, exceeded: false });
    expect(drift(100, 70, 0.2)).toEqual({ share: 0.3, exceeded: true });
    expect(drift(100, 110, 0.2)).toEqual({ share: 0.1, exceeded: false });
  });

  it('claims nothing it cannot compare', () => {
    expect(drift(undefined, 10, 0.2)).toBeUndefined();
    expect(drift(0, 10, 0.2)).toBeUndefined();
    expect(drift(100, null, 0.2)).toBeUndefined();
  });
});
