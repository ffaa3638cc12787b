import { LocalServer } from '../../packages/test-servers/src/http';

/**
 * Lets the run count an upstream's calls over IPC (several servers: their sum): "count"
 * answers `{calls}`, "reset" answers them and clears them. Then tells the run where the
 * upstream listens (`url`; `urls` by name).
 */
export function serveUpstream(
  served: LocalServer | Record<string, LocalServer>,
) {
  const servers: Record<string, LocalServer> =
    'requests' in served ? { upstream: served as LocalServer } : served;
  const all = Object.values(servers);
  process.on('message', (message: string) => {
    const calls = all.reduce((sum, s) => sum + s.requests.length, 0);
    if (message === 'reset') for (const s of all) s.requests.length = 0;
    if (message === 'count' || message === 'reset') process.send!({ calls });
  });
  process.send!({
    url: all[0].url,
    urls: Object.fromEntries(
      Object.entries(servers).map(([name, s]) => [name, s.url]),
    ),
  });
}
