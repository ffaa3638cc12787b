import { LocalServer } from '../../packages/test-servers/src/http';

/**
 * Lets the run count an upstream's calls over IPC: "count" answers `{calls}`, "reset"
 * clears them first. Then tells the run where the upstream listens.
 */
export function serveUpstream(server: LocalServer) {
  process.on('message', (message: string) => {
    if (message === 'reset') server.requests.length = 0;
    if (message === 'count' || message === 'reset') {
      process.send!({ calls: server.requests.length });
    }
  });
  process.send!({ url: server.url });
}
