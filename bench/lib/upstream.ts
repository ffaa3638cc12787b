import { LocalServer } from '../../packages/test-servers/src/http';

/** A later page of a paged list (Kubernetes `continue`): part of the read that asked for the first. */
const isContinuation = (request: string) => /[?&]continue=/.test(request);

/**
 * Lets the run count an upstream's calls over IPC (several servers: their sum): "count"
 * answers `{calls, requests}`, "reset" answers them and clears them. A call is one read: a
 * paged list counts once, however many pages it takes; `requests` counts every page. Then
 * tells the run where the upstream listens (`url`; `urls` by name).
 */
export function serveUpstream(
  served: LocalServer | Record<string, LocalServer>,
) {
  const servers: Record<string, LocalServer> =
    'requests' in served ? { upstream: served as LocalServer } : served;
  const all = Object.values(servers);
  process.on('message', (message: string) => {
    const requests = all.flatMap(s => s.requests);
    const calls = requests.filter(r => !isContinuation(r)).length;
    if (message === 'reset') for (const s of all) s.requests.length = 0;
    if (message === 'count' || message === 'reset')
      process.send!({ calls, requests: requests.length });
  });
  process.send!({
    url: all[0].url,
    urls: Object.fromEntries(
      Object.entries(servers).map(([name, s]) => [name, s.url]),
    ),
  });
}
