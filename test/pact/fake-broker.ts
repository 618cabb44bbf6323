/**
 * The few Pact Broker resources Pact's verifier uses to fetch pacts for a provider and publish
 * its results (HAL index → pacts for verification → pact → verification results), enough to
 * prove `conformance pact verify --broker-url … --publish-version …` end to end without a Broker.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake Broker received. */
export interface BrokerHit {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A running fake Broker serving `pact` (parsed pact JSON) for its provider. */
export async function startFakeBroker(pact: Record<string, unknown>): Promise<{ url: string; hits: BrokerHit[]; close: () => Promise<void> }> {
  const hits: BrokerHit[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const hal = (status: number, value: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/hal+json' });
        res.end(JSON.stringify(value));
      };
      const provider = (pact.provider as { name: string }).name;
      const forVerification = `/pacts/provider/${provider}/for-verification`;
      if (req.url === '/') return hal(200, { _links: { 'pb:provider-pacts-for-verification': { href: `${base}/pacts/provider/{provider}/for-verification`, templated: true } } });
      if (req.url === forVerification && req.method === 'GET') return hal(200, { _links: { self: { href: `${base}${forVerification}` } } });
      if (req.url === forVerification) {
        return hal(200, { _embedded: { pacts: [{ shortDescription: 'latest from main', verificationProperties: { pending: false, notices: [] }, _links: { self: { href: `${base}/pacts/1`, name: 'the kit\'s pact' } } }] } });
      }
      if (req.url === '/pacts/1') return hal(200, { ...pact, _links: { self: { href: `${base}/pacts/1` }, 'pb:publish-verification-results': { href: `${base}/pacts/1/verification-results` } } });
      if (req.url === '/pacts/1/verification-results' && req.method === 'POST') return hal(201, { _links: {} });
      return hal(404, { error: `the fake Broker has no ${req.method} ${req.url}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
