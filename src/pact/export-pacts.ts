/**
 * `conformance pact export`: writes one Pact V4 file per service with Pact's own consumer DSL.
 * Each interaction is proven against Pact's mock server by sending the kit's own signed
 * request to it inside `executeTest`, so a written file is one Pact itself accepted.
 */
import './pact-env.ts';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PactV4 } from '@pact-foundation/pact';
import type { BuiltinService } from '../contract/spec-paths.ts';
import type { Contract } from '../contract/contract.ts';
import { httpTransport } from '../transports/http.ts';
import { DEFAULT_CONSUMER, PROVIDER_NAMES, serviceCases, type PactCase } from './cases.ts';
import { caseRequest, interactionParts } from './interactions.ts';

/** An interaction with its request and response declared, ready for `executeTest` (not exported by Pact's index). */
export type DeclaredInteraction = ReturnType<ReturnType<ReturnType<PactV4['addInteraction']>['withRequest']>['willRespondWith']>;

/** Options of {@link exportPacts}. */
export interface ExportOptions {
  services: readonly BuiltinService[];
  outDir: string;
  consumer?: string;
}

/** One written pact file. */
export interface ExportedPact {
  service: BuiltinService;
  provider: string;
  file: string;
  interactions: number;
}

/**
 * Declares one case on `pact` (states, description, comments, request, response) and returns
 * it ready for `executeTest`. Also what an SDK's own consumer test uses to get the same contract.
 */
export async function declareCase(pact: PactV4, contract: Contract, pcase: PactCase): Promise<DeclaredInteraction> {
  const parts = await interactionParts(contract, pcase);
  let interaction = pact.addInteraction();
  for (const state of pcase.states) interaction = interaction.given(state.name, state.params);
  interaction = interaction.uponReceiving(pcase.description);
  for (const comment of parts.comments) interaction = interaction.comment(comment);
  return interaction
    .withRequest(parts.method, parts.path, (b) => {
      b.query(parts.query).headers(parts.requestHeaders).jsonBody(parts.requestBody);
    })
    .willRespondWith(parts.status, (b) => {
      b.headers(parts.responseHeaders);
      if (parts.responseBody) b.jsonBody(parts.responseBody);
    });
}

/** The Pact type of the mock server handed to a test function. */
export type MockServer = Parameters<Parameters<DeclaredInteraction['executeTest']>[0]>[0];

/**
 * Declares a case and runs `testFn` against Pact's mock server for it (the file is written when
 * it passes). Pact 16.5's mock server can record a match only after it has answered
 * (pact-foundation/pact-core-mock-server#13): under load Pact then reports a request it did
 * answer as "expected but not received". Only that case — the test function finished — is retried.
 */
export async function executeCase<T>(pact: PactV4, contract: Contract, pcase: PactCase, testFn: (mock: MockServer) => Promise<T>): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    let finished = false;
    try {
      return await (await declareCase(pact, contract, pcase)).executeTest(async (mock) => {
        const value = await testFn(mock);
        finished = true;
        return value;
      });
    } catch (error) {
      if (!finished || attempt >= 3 || !/expected but not received/.test((error as Error).message)) throw error;
    }
  }
}

/** Writes the pact of each service to `outDir`, replacing an older file of the same pair. */
export async function exportPacts(options: ExportOptions): Promise<ExportedPact[]> {
  const consumer = options.consumer ?? DEFAULT_CONSUMER;
  const dir = resolve(options.outDir);
  mkdirSync(dir, { recursive: true });
  const written: ExportedPact[] = [];
  for (const service of options.services) {
    const provider = PROVIDER_NAMES[service];
    const file = join(dir, `${consumer}-${provider}.json`);
    // Pact merges into an existing file; a stale interaction must not survive a re-export.
    rmSync(file, { force: true });
    const { contract, cases } = serviceCases(service);
    const pact = new PactV4({ consumer, provider, dir, logLevel: 'warn' });
    for (const pcase of cases) {
      await executeCase(pact, contract, pcase, async (mock) => {
        // A connection per mock server: a new one may reuse the port of the last, and a pooled
        // keep-alive socket would then still talk to the old one.
        const transport = httpTransport({ retries: 0 });
        try {
          const answer = await transport.send(await caseRequest(pcase, mock.url));
          const want = pcase.expected.kind === 'error' ? pcase.expected.status : 200;
          if (answer.status !== want) throw new Error(`Pact's mock server answered ${answer.status} to "${pcase.description}", the pact says ${want}: ${await answer.text()}`);
        } finally {
          await transport.close();
        }
      });
    }
    const count = (JSON.parse(readFileSync(file, 'utf8')) as { interactions: unknown[] }).interactions.length;
    written.push({ service, provider, file, interactions: count });
  }
  return written;
}
