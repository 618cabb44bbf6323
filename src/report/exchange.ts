/** An exchange between a client under test and the simulator, as recorded (redacted), with the client-side findings about its request. */

/** One finding about a client's request: a client-side rule it passed or broke. */
export interface Finding {
  rule: string;
  ok: boolean;
  detail: string;
}

/** One request/response pair as recorded. */
export interface RecordedExchange {
  seq: number;
  at: string;
  service: string;
  operation: string;
  request: { method: string; path: string; query: string; headers: Record<string, string>; body: string };
  response: { status: number; headers: Record<string, string>; body: string };
  findings: Finding[];
}
