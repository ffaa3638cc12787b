import { sourceStatus } from './sourceStatus';

describe('sourceStatus', () => {
  it('reports a failed or pending read as it is, before anything else', () => {
    expect(
      sourceStatus(
        'argocd',
        { state: 'failed', message: 'timeout' },
        ['x'],
        false,
      ),
    ).toEqual({ source: 'argocd', state: 'failed', message: 'timeout' });
    expect(sourceStatus('cost', { state: 'pending' }, [], false)).toEqual({
      source: 'cost',
      state: 'pending',
    });
  });

  it('reports an unconfigured source', () => {
    expect(
      sourceStatus('grafana', { state: 'ok', value: {} }, ['x'], false),
    ).toEqual({ source: 'grafana', state: 'not-configured' });
  });

  it('fails a source some of whose instances failed, naming each once', () => {
    expect(
      sourceStatus('kubernetes', { state: 'stale', fetchedAt: 't' }, [
        'a: down',
        'b: timeout',
        'a: down',
      ]),
    ).toEqual({
      source: 'kubernetes',
      state: 'failed',
      message: 'a: down; b: timeout',
      fetchedAt: 't',
    });
  });

  it('keeps the read state and time otherwise', () => {
    expect(
      sourceStatus('argocd', { state: 'stale', fetchedAt: 't' }, []),
    ).toEqual({
      source: 'argocd',
      state: 'stale',
      message: undefined,
      fetchedAt: 't',
    });
  });
});
