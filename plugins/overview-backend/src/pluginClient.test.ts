import express from 'express';
import { AddressInfo } from 'node:net';
import { loopbackPluginCall } from './__testUtils__/loopbackPluginCall';

describe('the call to other backends (createPluginCall)', () => {
  it('asks the other backend for its answer uncompressed: no gzip on either side for a call on the same network', async () => {
    const seen: Array<string | undefined> = [];
    const entities = Array.from({ length: 5000 }, (_, i) => ({
      entityRef: `component:default/svc-${i}`,
    }));
    const app = express();
    app.post('/api/argocd/entities/applications', (req, res) => {
      seen.push(req.headers['accept-encoding']);
      res.json({ entities });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const call = loopbackPluginCall(port);
      const answer = await call<{ entities: unknown[] }>(
        'argocd',
        '/entities/applications',
        { body: { entityRefs: [] }, timeoutMs: 5000 },
      );
      expect(answer.entities).toHaveLength(5000);
      expect(seen).toEqual(['identity']);
    } finally {
      server.close();
    }
  });
});
