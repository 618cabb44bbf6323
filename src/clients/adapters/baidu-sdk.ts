/**
 * Loading and typing of the official Baidu SDK (`@baiducloud/sdk`, CommonJS without usable
 * types) plus the mapping of its answers to {@link ChangePasswordOutcome}s, shared by the Baidu adapters.
 */
import { createRequire } from 'node:module';
import type { AdapterContext, ChangePasswordOutcome } from '../client.ts';

/** The client configuration the SDK's constructors take. */
export interface BceConfig {
  endpoint: string;
  credentials: { ak: string; sk: string };
}

/** What a request resolves with on 2xx: headers lower-cased, body parsed when JSON. */
export interface BceResponse {
  http_headers: Record<string, string>;
  body: unknown;
}

/** What the SDK rejects with on a non-2xx answer: a plain object, not an Error. */
export interface BceFailure {
  status_code: number;
  message: unknown;
  code?: string;
  request_id?: string;
}

/** The `args` of `BceBaseClient.sendRequest`. */
export interface BceSendArgs {
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

/** The base client; its methods return Q promises (thenables). */
export interface BceBaseClient {
  sendRequest(method: string, resource: string, args: BceSendArgs): PromiseLike<BceResponse>;
}

/** `BccClient`, whose `changeInstanceAdminPassword` is a stub in 1.0.7. */
export interface BccClient extends BceBaseClient {
  changeInstanceAdminPassword(instanceId: string, adminPass: string): PromiseLike<BceResponse>;
}

/** The parts of the SDK's exports the adapters use. */
export interface BaiduSdk {
  BccClient: new (config: BceConfig) => BccClient;
  BceBaseClient: new (config: BceConfig, serviceId: string, regionSupported?: boolean) => BceBaseClient;
}

let loaded: BaiduSdk | undefined;

/** Requires the SDK on first use (so merely listing adapters never loads it). */
export function baiduSdk(): BaiduSdk {
  loaded ??= createRequire(import.meta.url)('@baiducloud/sdk') as BaiduSdk;
  return loaded;
}

/** A `BccClient` pointed at the context's endpoint with its AK/SK. */
export function bccClientFor(context: AdapterContext): BccClient {
  const { accessKeyId: ak, secretAccessKey: sk } = context.credentials;
  return new (baiduSdk().BccClient)({ endpoint: context.endpoint, credentials: { ak, sk } });
}

/** True for the SDK's rejection object (a non-Error carrying a numeric `status_code`). */
export function isBceFailure(value: unknown): value is BceFailure {
  return typeof value === 'object' && value !== null && !(value instanceof Error) && typeof (value as Partial<BceFailure>).status_code === 'number';
}

/** A thrown value as an `exception` outcome. */
export function exceptionOutcome(error: unknown): ChangePasswordOutcome {
  if (error instanceof Error) return { kind: 'exception', name: error.name, message: error.message };
  return { kind: 'exception', name: typeof error, message: String(error) };
}

/** Awaits an SDK call and maps its resolution or rejection to an outcome. */
export async function baiduOutcome(call: PromiseLike<BceResponse>): Promise<ChangePasswordOutcome> {
  try {
    // The SDK resolves on any 2xx without saying which, so no status is invented here.
    const response = await Promise.resolve(call);
    return { kind: 'success', body: response.body };
  } catch (error) {
    if (!isBceFailure(error)) return exceptionOutcome(error);
    // Without a `requestId` in the error body the SDK puts the whole body in `message`.
    const outcome: ChangePasswordOutcome = { kind: 'error', status: error.status_code };
    if (error.code !== undefined) outcome.code = error.code;
    if (typeof error.message === 'string') outcome.message = error.message;
    else outcome.body = error.message;
    return outcome;
  }
}
