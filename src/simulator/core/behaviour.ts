/**
 * Behaviour switches that are not facts of the API: planted faults the kit's own tests use
 * to prove each rule can fail, and the live-like mode's injected transport faults.
 * Faults that *are* facts (a limit, a status list) are planted as spec patches instead.
 */
export interface Behaviour {
  /** Accept any signature (a planted fault: "skips signature checks"). */
  skipSignatureCheck: boolean;
  /** Answer with the old password still set while reporting success (planted fault). */
  dropPasswordWrites: boolean;
  /** Injected latency before answering, in ms (live-like mode). */
  latencyMs: number;
  /** Share of requests answered with a 500 not asked for (live-like mode), 0–1. */
  errorRate: number;
  /** Share of requests whose connection is dropped without an answer (live-like mode), 0–1. */
  dropRate: number;
}

/** Nothing planted, nothing injected. */
export const NORMAL_BEHAVIOUR: Readonly<Behaviour> = Object.freeze({
  skipSignatureCheck: false,
  dropPasswordWrites: false,
  latencyMs: 0,
  errorRate: 0,
  dropRate: 0,
});
