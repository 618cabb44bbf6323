/** Shapes shared by the simulator's core, its services and its adapters. */
import type { Contract } from '../../contract/contract.ts';
import type { WireRequest } from '../auth/wire-request.ts';
import type { Clock } from './clock.ts';
import type { InstanceStore } from './instance-store.ts';
import type { Recorder } from './recorder.ts';
import type { Finding } from '../../report/exchange.ts';

export type { Finding };
import type { Behaviour } from './behaviour.ts';
import type { Profile } from '../profiles.ts';

/** A request as the simulator core sees it: wire form plus who sent it. */
export interface SimRequest extends WireRequest {
  /**
   * Peer address; `undefined` for in-process calls, which count as loopback. The HTTP adapter
   * fills it in for requests to the state endpoint's path only, its one reader (the state
   * endpoint and `serve`'s client report answer loopback clients only).
   */
  remoteAddress?: string;
}

/** A response before it is turned into a Fetch `Response` or written to a socket. */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What a service handler may use: its contract, the store, the clock, the recorder. */
export interface ServiceContext {
  contract: Contract;
  store: InstanceStore;
  clock: Clock;
  recorder: Recorder;
  behaviour: Behaviour;
  /** The choices at the places the documents leave open. */
  profile: Profile;
  lookupSecret: (ak: string) => string | undefined;
}


/** A routed request: which operation, with which path parameters. */
export interface RoutedRequest {
  request: SimRequest;
  params: Record<string, string>;
}
