// One endpoint for several single-region stand-ins: each request goes to the stand-in of the region it is
// signed for (SigV4's credential scope), as AWS's regional endpoints would take it. The App Runner and ECS
// stand-ins each serve one region; the ownership tests need an app deployed in two regions at once, found
// by the Tagging API stand-in in both.
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RegionRouter {
  readonly url: string;
  close(): Promise<void>;
}

const regionOf = (req: IncomingMessage) =>
  /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];

/** `byRegion` maps a region to the URL of its stand-in. */
export async function startRegionRouter(byRegion: Record<string, string>): Promise<RegionRouter> {
  function forward(req: IncomingMessage, res: ServerResponse) {
    const region = regionOf(req);
    const target = region && byRegion[region];
    if (!target) {
      // What an endpoint answers for a region the account cannot use.
      const body = JSON.stringify({
        __type: 'UnrecognizedClientException',
        message: `The security token included in the request is invalid (${region ?? 'no region'}).`,
      });
      res.writeHead(403, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-errortype': 'UnrecognizedClientException',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
      return;
    }
    const url = new URL(req.url ?? '/', target);
    const out = request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', (error) => {
      res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(out);
  }
  const server = createServer(forward);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
