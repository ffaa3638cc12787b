import { createServer, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import readline from 'node:readline';
import { fetchPriceListJson, openPriceList } from './priceListFetch';

const MiB = 1024 * 1024;

describe('price list downloads', () => {
  let server: Server;
  let base: string;
  let sent = 0;
  const routes: Record<string, (res: ServerResponse) => void> = {
    '/ok.json': res => res.end('{"Items":[{"a":1}]}'),
    '/lines.csv': res => res.end('"Version","v1"\n"SKU","Price"\n'),
    '/silent.json': () => {},
    '/stops.json': res => {
      res.writeHead(200);
      res.write('{"Items": [');
    },
    '/stops.csv': res => {
      res.writeHead(200);
      res.write('"Version","v1"\n');
    },
    '/huge.json': res => {
      sent = 0;
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, ' ');
      const more = () => {
        while (!res.destroyed && sent < 256 * MiB) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', more);
            return;
          }
        }
        if (!res.destroyed) res.end('{}');
      };
      more();
    },
    '/missing.json': res => {
      res.writeHead(404);
      res.end('no');
    },
  };

  beforeAll(async () => {
    server = createServer((req, res) => routes[req.url!](res));
    await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(r => server.close(r));
  });

  it('reads a list', async () => {
    await expect(fetchPriceListJson(`${base}/ok.json`)).resolves.toEqual({
      Items: [{ a: 1 }],
    });
    const lines: string[] = [];
    for await (const line of readline.createInterface({
      input: await openPriceList(`${base}/lines.csv`),
    }))
      lines.push(line);
    expect(lines).toEqual(['"Version","v1"', '"SKU","Price"']);
  });

  it.each(['silent.json', 'stops.json'])(
    'gives up on %s once it sends nothing for its limit',
    async path => {
      await expect(
        fetchPriceListJson(`${base}/${path}`, { stallMs: 300 }),
      ).rejects.toThrow(`${base}/${path}: no data for 0.3 s`);
    },
  );

  it('gives up on a CSV list that stops sending', async () => {
    const read = async () => {
      const input = await openPriceList(`${base}/stops.csv`, { stallMs: 300 });
      for await (const _line of readline.createInterface({ input }));
    };
    await expect(read()).rejects.toThrow('no data for 0.3 s');
  });

  it('refuses a JSON list past its limit while it downloads', async () => {
    await expect(
      fetchPriceListJson(`${base}/huge.json`, { maxBytes: MiB }),
    ).rejects.toThrow(
      `${base}/huge.json: larger than the 1 MiB a JSON price list may have`,
    );
    await new Promise(r => setTimeout(r, 100));
    expect(sent).toBeLessThan(32 * MiB);
  });

  it('names the list and the status of a failed answer', async () => {
    await expect(fetchPriceListJson(`${base}/missing.json`)).rejects.toThrow(
      `${base}/missing.json: HTTP 404`,
    );
  });
});
