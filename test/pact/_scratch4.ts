import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { Verifier } from '@pact-foundation/pact';
import { createSimulator } from '../../src/simulator/simulator.ts';
import { startServer } from '../../src/simulator/server.ts';
process.env.PACT_DO_NOT_TRACK = 'true';
const pact = JSON.parse(readFileSync('/tmp/pp/pwchange-conformance-huawei-dcs.json', 'utf8'));
pact.interactions = pact.interactions.filter((i: any) => i.description.includes('unknown instance'));
const hits: string[] = [];
const broker = createServer((req, res) => {
  let body = ''; req.on('data', (d) => (body += d)); req.on('end', () => {
    hits.push(`${req.method} ${req.url} ${body.slice(0, 300)}`);
    const base = `http://127.0.0.1:${(broker.address() as any).port}`;
    const json = (s: number, b: unknown) => { res.writeHead(s, { 'content-type': 'application/hal+json' }); res.end(JSON.stringify(b)); };
    if (req.url === '/') return json(200, { _links: { 'pb:provider-pacts-for-verification': { href: `${base}/pacts/provider/{provider}/for-verification`, templated: true } } });
    if (req.url?.endsWith('/for-verification') && req.method === 'GET') return json(200, { _links: { self: { href: `${base}${req.url}` } } });
    if (req.url?.endsWith('/for-verification')) return json(200, { _embedded: { pacts: [{ shortDescription: 'latest from main', verificationProperties: { pending: false, notices: [{ when: 'before_verification', text: 'verifying' }] }, _links: { self: { href: `${base}/pacts/1`, name: 'pact 1' } } }] } });
    if (req.url === '/pacts/1') return json(200, { ...pact, _links: { self: { href: `${base}/pacts/1` }, 'pb:publish-verification-results': { href: `${base}/pacts/1/verification-results` } } });
    return json(201, {});
  });
});
await new Promise<void>((r) => broker.listen(0, '127.0.0.1', r));
const srv = await startServer(createSimulator());
const v = new Verifier({ providerBaseUrl: srv.url, pactBrokerUrl: `http://127.0.0.1:${(broker.address() as any).port}`, provider: 'huawei-dcs', consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }], publishVerificationResult: true, providerVersion: '1.2.3', logLevel: 'warn',
  stateHandlers: { reset: async () => { await fetch(srv.url + '/__conformance/state', { method: 'POST', body: JSON.stringify({ action: 'setup', state: 'reset', params: {} }) }); return undefined; } } as any,
  requestFilter: (req: any, _res: any, next: any) => next() });
try { await v.verifyProvider(); } catch (e) { console.log('ERR', String(e).slice(0, 200)); }
console.log(hits);
broker.close(); await srv.close();
