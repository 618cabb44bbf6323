/**
 * The one shape the client-rule oracle judges: a request as it was on the wire (path and query
 * still percent-encoded, the exact body bytes). The simulator's wire requests fit it as they
 * are; a Fetch `Request` is turned into one by {@link viewOfRequest}.
 */

/** Header look-up by name, case-insensitively (`null` when absent); `forEach` yields every header. */
export interface HeaderLookup {
  get(name: string): string | null;
  forEach(callback: (value: string, name: string) => void): void;
}

/** One client request as sent. */
export interface ClientRequestView {
  method: string;
  /** The path as sent, still percent-encoded, e.g. `/v2/instance/i-1`. */
  rawPath: string;
  /** The query as sent, without `?`, e.g. `changePass` or `changePass=`. */
  rawQuery: string;
  headers: HeaderLookup;
  body: Uint8Array;
}

/** The wire view of a Fetch request (its body is read; pass a clone to keep the original unread). */
export async function viewOfRequest(request: Request): Promise<ClientRequestView> {
  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  // Fetch adds Host only when it sends; a view of the request before sending carries the URL's.
  if (!headers.has('host')) headers.set('host', url.host);
  return { method: request.method, rawPath: url.pathname, rawQuery: url.search.slice(1), headers, body: new Uint8Array(await request.arrayBuffer()) };
}

/** An owned copy of a request as sent (a server's header view and body buffer may be reused). */
export function copyOfView(req: ClientRequestView): ClientRequestView {
  const headers = new Headers();
  req.headers.forEach((value, name) => headers.append(name, value));
  return { method: req.method, rawPath: req.rawPath, rawQuery: req.rawQuery, headers, body: req.body.slice() };
}

/** One request a client under test sent, with when it arrived (the judge's clock for freshness). */
export interface SentClientRequest {
  request: ClientRequestView;
  at: Date;
}

/** A Fetch copy of the view's headers (the kit's signers read `Headers`). */
export function fetchHeaders(view: HeaderLookup): Headers {
  if (view instanceof Headers) return view;
  const copy = new Headers();
  view.forEach((value, name) => copy.append(name, value));
  return copy;
}

/** The rule id of a client rule of the contract's service, e.g. `BCC-CLIENT-ROUTE`. */
export const clientRule = (service: string, name: 'ROUTE' | 'HEADERS' | 'BODY' | 'SIGNATURE' | 'ENCRYPTION'): string => `${service.toUpperCase()}-CLIENT-${name}`;
