import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { withKnownBody } from '../auth/uri-encode.ts';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import { buildBccChangePassword, buildBccChangePasswordDraft } from '../requests/bcc-requests.ts';
import { buildDcsChangePassword, buildDcsChangePasswordDraft } from '../requests/dcs-requests.ts';
import { REQUEST_FAULTS } from '../requests/request-faults.ts';
import { createSimulator } from '../simulator/simulator.ts';
import { inProcessTransport, type WireReply } from '../transports/in-process.ts';
import { answerHeaders, rawSendOf, type RawAnswer, type Transport } from '../transports/transport.ts';
import { TransportFault } from '../errors/transport-fault.ts';
import { answerRecord, exchange, exchangeDraft, fetchReady, wireChangePassword } from './wire-change.ts';
import { newDraft, requestOf } from '../auth/request-draft.ts';

// Issue 17, round 4: with a wire entry the in-process transport has a raw form, and `exchange()`
// reads its replies without a Response. Side by side with the Response path (the same transport
// behind a wrapper that registers no raw form): the same records, status, JSON and faults.

const BASE = 'http://simulator.in-process';
const UTF8 = new TextEncoder();

type Outcome = { ok: true; status: number; json: unknown; exchange: unknown; response: { status: number; headers: unknown } } | { ok: false; fault: boolean; message: string };

async function outcome(transport: Transport, request: Request): Promise<Outcome> {
  try {
    const sent = await exchange(transport, request);
    // The Response path hands back a Response whose body exchange() has read: status and headers only.
    const response = { status: sent.response.status, headers: [...sent.response.headers] };
    return { ok: true, status: sent.status, json: sent.json, exchange: sent.exchange, response };
  } catch (error) {
    return { ok: false, fault: TransportFault.is(error), message: (error as Error).message };
  }
}

/** `exchange()` through the raw form and through the Response path of twin transports, for two twin requests. */
async function sideBySide(make: () => Transport, request: () => Request | Promise<Request>): Promise<[Outcome, Outcome]> {
  const raw = make();
  expect(rawSendOf(raw)).toBeTypeOf('function');
  const fetchOnly = make();
  const viaResponse: Transport = (r) => fetchOnly(r);
  return [await outcome(raw, await request()), await outcome(viaResponse, await request())];
}

function known(text: string, init: RequestInit = {}): Request {
  return withKnownBody(new Request(`${BASE}/v2/instance/i-1?changePass`, { method: 'PUT', headers: { 'content-type': 'application/json' }, ...init, body: text }), UTF8.encode(text));
}

/** A transport whose wire entry answers `reply` (and whose handler answers the same through Fetch). */
const replying = (reply: WireReply) => () => inProcessTransport(async () => new Response(reply.body === '' ? null : reply.body, { status: reply.status, headers: reply.headers }), () => reply);

describe('exchange over the in-process transport\'s raw form', () => {
  it('the simulator\'s answers to builder requests: same records as through the Response (BCC and DCS, valid and faulty)', async () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const make = () => {
      const simulator = createSimulator({ record: false, authNow: () => now });
      return inProcessTransport((r) => simulator.handle(r), (m) => simulator.answerWire(m));
    };
    const requests: Array<() => Promise<Request>> = [
      () => buildBccChangePassword({ baseUrl: BASE, instanceId: 'i-none', password: 'Newpass4567!', credentials: DEFAULT_CREDENTIALS.bcc, now }),
      () => buildBccChangePassword({ baseUrl: BASE, instanceId: 'i-none', password: 'Newpass4567!', credentials: DEFAULT_CREDENTIALS.bcc, now, fault: 'garbled-signature' }),
      // No recorded body: the raw form reads the handler's Response.
      () => buildBccChangePassword({ baseUrl: BASE, instanceId: 'i-none', password: 'Newpass4567!', credentials: DEFAULT_CREDENTIALS.bcc, now, fault: 'body-after-signing' }),
      () => buildDcsChangePassword({ baseUrl: BASE, projectId: 'p', instanceId: 'd-none', oldPassword: 'OldPass@123', newPassword: 'NewPass@456', credentials: DEFAULT_CREDENTIALS.dcs, now }),
      async () => new Request(`${BASE}/v2/instance/i-1/nowhere`),
    ];
    for (const request of requests) {
      const [raw, viaResponse] = await sideBySide(make, request);
      // Request ids are random per answer and the date moves: everything else must match.
      const strip = (o: Outcome) => JSON.parse(JSON.stringify(o).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'id').replace(/\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT/g, 'date'));
      expect(raw.ok).toBe(true);
      expect(strip(raw)).toEqual(strip(viaResponse));
    }
  });

  it('any wire reply: same records, or the same transport fault, as through the Response', async () => {
    const header = fc.tuple(fc.constantFrom('content-type', 'X-Request-Id', 'x-bce-request-id', 'x twice', 'set-cookie'), fc.oneof(fc.constantFrom('application/json', ' padded ', 'caf\u00e9', 'a\u4e00b', 'line\nbreak', ''), fc.string({ maxLength: 8 })));
    const reply = fc.record({
      status: fc.oneof(fc.constantFrom(200, 204, 205, 304, 400, 401, 404, 409, 500, 503), fc.integer({ min: 100, max: 700 })),
      headers: fc.array(header, { maxLength: 4 }).map((pairs) => Object.fromEntries(pairs)),
      body: fc.oneof(fc.constant(''), fc.constantFrom('{"code":"X","message":"m"}', '\uFEFF\uFEFF{"ok":true}', 'a\uD800b', 'not json'), fc.string({ maxLength: 20 })),
    });
    await fc.assert(
      fc.asyncProperty(reply, async (r) => {
        const [raw, viaResponse] = await sideBySide(replying(r), () => known('{"adminPass":"x"}'));
        expect(raw).toEqual(viaResponse);
        if (!raw.ok) expect(raw.fault).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('a dropped connection and a second send of one request are transport faults on both paths', async () => {
    const [raw, viaResponse] = await sideBySide(replying({ status: 200, headers: {}, body: '', drop: true }), () => known('{}'));
    expect(raw).toEqual(viaResponse);
    expect(raw).toMatchObject({ ok: false, fault: true });
    const transport = replying({ status: 200, headers: {}, body: '{}' })();
    const request = known('{}');
    expect((await outcome(transport, request)).ok).toBe(true);
    expect(await outcome(transport, request)).toMatchObject({ ok: false, fault: true, message: expect.stringContaining('already been read') });
  });
});

describe('the kit\'s own change as a signed draft (no Fetch Request made of it)', () => {
  type Sent = { ok: true; status: number; json: unknown; exchange: unknown } | { ok: false; fault: boolean; message: string };
  const settle = async (work: () => Promise<{ status: number; json: unknown; exchange: unknown }>): Promise<Sent> => {
    try {
      const { status, json, exchange: ex } = await work();
      return { ok: true, status, json, exchange: ex };
    } catch (error) {
      return { ok: false, fault: TransportFault.is(error), message: (error as Error).message };
    }
  };

  it('exchangeDraft records what exchange() records for the draft\'s Request, on any wire reply and any body', async () => {
    const reply = fc.record({
      status: fc.oneof(fc.constantFrom(200, 204, 400, 403, 500), fc.integer({ min: 100, max: 700 })),
      headers: fc.array(fc.tuple(fc.constantFrom('content-type', 'X-Request-Id', 'x twice'), fc.constantFrom('application/json', ' padded ', 'a\u4e00b', '')), { maxLength: 3 }).map((pairs) => Object.fromEntries(pairs)),
      body: fc.oneof(fc.constant(''), fc.constantFrom('{"code":"X"}', '\uFEFF{"ok":true}', 'a\uD800b'), fc.string({ maxLength: 12 })),
      drop: fc.boolean().map((d) => (d ? true : undefined)),
    });
    const draftOf = fc.record({ method: fc.constantFrom('PUT', 'GET'), body: fc.oneof(fc.constant(undefined), fc.constantFrom('', '{"adminPass":"x"}', '\uFEFF{}', 'caf\u00e9 \uD800'), fc.string({ maxLength: 12 })) })
      .map(({ method, body }) => () => newDraft(method === 'GET' ? 'GET' : 'PUT', `${BASE}/v2/instance/i-1?changePass`, { 'content-type': 'application/json', 'X-Bce-Date': '2026-03-01T12:00:00Z' }, method === 'GET' ? undefined : body));
    await fc.assert(
      fc.asyncProperty(reply, draftOf, async (r, draft) => {
        const viaDraft = await settle(() => exchangeDraft(replying(r)(), draft()));
        const t = replying(r)();
        const viaRequest = await settle(() => exchange((q) => t(q), requestOf(draft())));
        expect(viaDraft).toEqual(viaRequest);
      }),
      { numRuns: 400 },
    );
  });

  it('wireChangePassword over the embedded simulator: same outcome, records and stored password as through the Request and Response', async () => {
    const make = () => {
      const simulator = createSimulator({ record: false });
      return { simulator, transport: inProcessTransport((r) => simulator.handle(r), (m) => simulator.answerWire(m)) };
    };
    const target = { baseUrl: BASE, credentials: { bcc: DEFAULT_CREDENTIALS.bcc, dcs: { ...DEFAULT_CREDENTIALS.dcs, projectId: 'p' } } };
    const strip = (o: unknown) => JSON.parse(JSON.stringify(o).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'id').replace(/\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT/g, 'date').replace(/(\d{8}T\d{6}Z|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)/g, 'now').replace(/[0-9a-f]{64}/g, 'sig'));
    const fast = make();
    const slow = make();
    for (const sim of [fast.simulator, slow.simulator]) {
      await sim.answerWire({ method: 'POST', rawPath: '/__conformance/state', rawQuery: '', headers: new Headers({ 'content-type': 'application/json' }), body: UTF8.encode(JSON.stringify({ action: 'setup', state: 'bcc instance', params: { instanceId: 'i-1', status: 'Running', adminPass: 'Old-pass-123' } })) });
      await sim.answerWire({ method: 'POST', rawPath: '/__conformance/state', rawQuery: '', headers: new Headers({ 'content-type': 'application/json' }), body: UTF8.encode(JSON.stringify({ action: 'setup', state: 'dcs instance', params: { projectId: 'p', instanceId: 'd-1', status: 'RUNNING', password: 'OldPass@123' } })) });
    }
    const inputs = [
      { service: 'bcc', instanceId: 'i-1', password: 'Newpass4567!' },
      { service: 'bcc', instanceId: 'i-none', password: 'Newpass4567!' },
      { service: 'dcs', projectId: 'p', instanceId: 'd-1', oldPassword: 'OldPass@123', newPassword: 'NewPass@456' },
      { service: 'dcs', projectId: 'p', instanceId: 'd-1', oldPassword: 'wrong-old-1A!', newPassword: 'NewPass@789' },
    ] as const;
    expect(typeof (await import('../transports/transport.ts')).draftSendOf(fast.transport)).toBe('function');
    for (const input of inputs) {
      const viaDraft = await wireChangePassword(target, fast.transport, input as never);
      const viaRequest = await wireChangePassword(target, (r) => slow.transport(r), input as never);
      expect(strip(viaDraft), input.instanceId).toEqual(strip(viaRequest));
    }
    expect(fast.simulator.store.bcc.get('i-1')?.password).toBe('Newpass4567!');
    expect(slow.simulator.store.bcc.get('i-1')?.password).toBe('Newpass4567!');
  });
});

describe('the suites\' hand-made requests as signed drafts (round 5): any method, URL and body', () => {
  const METHODS = ['PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'GET', 'HEAD', 'put', 'get', 'Post', 'patch', 'FOO', 'm-search', 'CONNECT', 'trace', 'TRACK', 'BAD METHOD', '', 'X\u00e9'];
  const URLS = [`${BASE}/v2/instance/i-1?changePass`, `${BASE}/v2/instance/i%2F1?changePass=`, `${BASE}/v2/instance/i-1?changePass#frag`, 'http://user:pw@simulator.in-process/v2/instance/i-1?changePass', 'http://user@simulator.in-process/v2/x', `${BASE}/v2/%E4%B8%80/x?a=1&b`];
  const draft = fc.record({
    method: fc.constantFrom(...METHODS),
    url: fc.constantFrom(...URLS),
    headers: fc.array(fc.tuple(fc.constantFrom('content-type', 'X-Bce-Date', 'authorization', 'Content-Length'), fc.constantFrom('application/json', 'text/plain', 'abc', '0')), { maxLength: 3 }),
    body: fc.oneof(fc.constant(undefined), fc.constantFrom('', '{"adminPass":"x"}', '\uFEFF{}'), fc.string({ maxLength: 10 })),
  });
  const make = ({ method, url, headers, body }: { method: string; url: string; headers: Array<[string, string]>; body: string | undefined }) => () => newDraft(method, url, headers, body);

  it('fetchReady is exact: the draft\'s Request keeps its method and URL and does not throw', () => {
    fc.assert(
      fc.property(draft, (d) => {
        const one = make(d)();
        if (!fetchReady(one)) return;
        const request = requestOf(one);
        expect(request.method).toBe(one.method);
        expect(request.url).toBe(one.url.href);
        expect(request.body === null).toBe(one.body === undefined);
      }),
      { numRuns: 600 },
    );
    // Both kinds occur in the draws above.
    expect(fetchReady(newDraft('PUT', URLS[0]!, {}, 'x'))).toBe(true);
    expect(fetchReady(newDraft('put', URLS[0]!, {}, 'x'))).toBe(false);
    expect(fetchReady(newDraft('GET', URLS[0]!, {}, ''))).toBe(false);
    expect(fetchReady(newDraft('PUT', URLS[3]!, {}, 'x'))).toBe(false);
  });

  it('exchangeDraft over the embedded simulator: the same records, outcome or error as exchange() of the draft\'s Request', async () => {
    const simulator = createSimulator({ record: false });
    const transport = inProcessTransport((r) => simulator.handle(r), (m) => simulator.answerWire(m));
    const settle = async (work: () => Promise<{ status: number; json: unknown; exchange: unknown }>) => {
      try {
        const { status, json, exchange: ex } = await work();
        // The simulator's answers carry a fresh request id and the date: the only parts that may differ.
        const text = JSON.stringify({ status, json, exchange: ex }).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'id').replace(/\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT/g, 'date');
        return { ok: true, ...JSON.parse(text) };
      } catch (error) {
        return { ok: false, name: (error as Error).name, fault: TransportFault.is(error), message: (error as Error).message };
      }
    };
    let drafted = 0;
    await fc.assert(
      fc.asyncProperty(draft, async (d) => {
        if (fetchReady(make(d)())) drafted++;
        const viaDraft = await settle(() => exchangeDraft(transport, make(d)()));
        const viaRequest = await settle(() => exchange(transport, requestOf(make(d)())));
        expect(viaDraft).toEqual(viaRequest);
      }),
      { numRuns: 600 },
    );
    // Both paths were taken (about a fifth of the draws are Fetch-ready: ~120 of 600, σ ≈ 10; a
    // bound at 30 cannot fail by chance, while a draw that never, or always, takes one path does).
    expect(drafted).toBeGreaterThan(30);
    expect(600 - drafted).toBeGreaterThan(30);
  });
});

describe('the builders\' faulty requests as signed drafts (round 6)', () => {
  it('exchangeDraft of every fault\'s draft over the embedded simulator: the same records and outcome as exchange() of the builder\'s Request', async () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const twin = () => {
      const simulator = createSimulator({ record: false, authNow: () => now });
      return inProcessTransport((r) => simulator.handle(r), (m) => simulator.answerWire(m));
    };
    const viaDraft = twin();
    const viaRequest = twin();
    const strip = (o: unknown) => JSON.parse(JSON.stringify(o).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'id').replace(/\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT/g, 'date'));
    const fault = fc.option(fc.constantFrom(...REQUEST_FAULTS), { nil: undefined });
    const id = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    const password = fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constant('Newpass4567!'));
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fault, id, password, password, fc.boolean(), async (f, instanceId, a, b, bcc) => {
        const bccInput = { baseUrl: BASE, instanceId, password: a, credentials: DEFAULT_CREDENTIALS.bcc, now, fault: f };
        const dcsInput = { baseUrl: BASE, projectId: 'p', instanceId, oldPassword: a, newPassword: b, credentials: DEFAULT_CREDENTIALS.dcs, now, fault: f };
        const draft = bcc ? await buildBccChangePasswordDraft(bccInput) : await buildDcsChangePasswordDraft(dcsInput);
        // Every builder request is one a draft transport takes as it is.
        expect(fetchReady(draft)).toBe(true);
        const drafted = await exchangeDraft(viaDraft, draft);
        const requested = await exchange(viaRequest, bcc ? await buildBccChangePassword(bccInput) : await buildDcsChangePassword(dcsInput));
        statuses.add(drafted.status);
        expect(strip({ status: drafted.status, json: drafted.json, exchange: drafted.exchange })).toEqual(strip({ status: requested.status, json: requested.json, exchange: requested.exchange }));
      }),
      { numRuns: 300 },
    );
    // The answers differ by fault (400, 401, 403, 404, …): the property saw more than one kind.
    expect(statuses.size).toBeGreaterThan(2);
  });
});

describe('answerRecord (round 6): the answer\'s headers as recorded, without a Headers where they are plain', () => {
  it('equals Object.fromEntries of the answer\'s Fetch Headers, or throws as it does', () => {
    const name = fc.oneof(fc.constantFrom('content-type', 'x-bce-request-id', 'set-cookie', 'date', 'Content-Type', 'X-Mixed', '1', '10', '2', 'a b', 'é', '', 'x_y', 'z'), fc.stringMatching(/^[a-z0-9-]{1,8}$/));
    const value = fc.oneof(fc.constantFrom('application/json', '', ' padded ', 'a\tb', 'x\u00e9', 'v1', 'line\nbreak', 'tab\t'), fc.string({ maxLength: 8 }), fc.array(fc.constantFrom('a=1', 'b=2', ' c '), { maxLength: 3 }), fc.constant(undefined));
    let plain = 0;
    fc.assert(
      fc.property(fc.dictionary(name, value, { maxKeys: 6 }), (headers) => {
        const answer: RawAnswer = { status: 200, headers, body: new Uint8Array(0) };
        let expected: unknown;
        try {
          expected = Object.fromEntries(answerHeaders(answer));
        } catch (error) {
          expect(() => answerRecord(answer)).toThrow((error as Error).message);
          return;
        }
        const record = answerRecord(answer);
        if (Object.values(headers).every((v) => typeof v === 'string' && /^[\x21-\x7e]/.test(v))) plain++;
        // Same keys, values and key order (JSON text keeps the order).
        expect(JSON.stringify(record)).toBe(JSON.stringify(expected));
      }),
      { numRuns: 1500 },
    );
    // The fast path was taken often (all values plain strings), as was the Headers path.
    expect(plain).toBeGreaterThan(30);
    // The embedded simulator's kind of answer, exactly.
    expect(answerRecord({ status: 400, headers: { 'x-bce-request-id': 'id', 'content-type': 'application/json; charset=utf-8' }, body: new Uint8Array(0) })).toEqual({ 'content-type': 'application/json; charset=utf-8', 'x-bce-request-id': 'id' });
  });
});
