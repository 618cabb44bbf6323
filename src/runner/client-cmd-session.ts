/**
 * A `--client-cmd` run: start the client program once, serve it to the suite workers, and
 * afterwards mark the report with what the client did besides answering — restarts, protocol
 * faults, services it does not implement — with the client rules first.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { KitError } from '../errors/kit-error.ts';
import { EXIT } from './exit-codes.ts';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import { startProcessClient, type ProcessClient } from '../clients/process/process-client.ts';
import { startClientBroker } from '../clients/process/client-broker.ts';
import type { ConformanceReport } from '../report/report-model.ts';
import type { RuleOutcome } from '../report/rule-outcome.ts';
import type { ClientCmdPlan, RunPlan } from './run-plan.ts';

/** A started client program and the run plan that points the workers at it. */
export interface ClientCmdSession {
  plan: RunPlan;
  client: ProcessClient;
  logFile: string;
  /** Marks the report (faults, unimplemented services, client rules first); returns the exit status it calls for, if any. */
  finish(report: ConformanceReport, outcomes: readonly RuleOutcome[]): number | undefined;
  close(): Promise<void>;
}

/** True for the `*-CLIENT-*` rules, which judge what the client sent on the wire. */
export const isClientRule = (id: string): boolean => /^[A-Z]+-CLIENT-/.test(id);

/**
 * A failed client rule whose check kept no counterexample gets one from the full failure
 * message: the one-line reason is cut at 500 characters, and a signature mismatch needs all of
 * it (the simulator's canonical request and string to sign, then what the client sent).
 */
export function withFullClientFailures(report: ConformanceReport, outcomes: readonly RuleOutcome[]): void {
  for (const r of report.rules) {
    if (r.verdict !== 'fail' || r.counterexample || !isClientRule(r.id)) continue;
    const message = outcomes.find((o) => o.rule === r.id && o.state === 'failed' && o.message)?.message;
    if (!message) continue;
    const received = message.replace(new RegExp(`^${r.id}: received `), '').replace(/; documented [^;]*$/, '');
    r.counterexample = { summary: `the simulator judged the client's request: ${r.id} broken`, received, documented: r.title, transcript: [] };
  }
}

/** Starts the client (a bad command or hello is a {@link KitError}, exit 2) and its broker. */
export async function openClientCmd(plan: RunPlan, clientCmd: ClientCmdPlan): Promise<ClientCmdSession> {
  mkdirSync(plan.reportDir, { recursive: true });
  const logFile = resolve(plan.reportDir, 'client-stderr.log');
  writeFileSync(logFile, '');
  const client = await startProcessClient({
    command: clientCmd.command,
    logFile,
    caseTimeoutMs: clientCmd.timeoutMs,
    secrets: [DEFAULT_CREDENTIALS.bcc.secretAccessKey, DEFAULT_CREDENTIALS.dcs.secretAccessKey],
  });
  const supported = plan.settings.services.filter((s) => client.services.includes(s));
  const missing = plan.settings.services.filter((s) => !client.services.includes(s));
  if (supported.length === 0) {
    await client.close();
    throw new KitError('USAGE', `The client "${client.name}" implements ${client.services.join(', ')}, but this run checks only ${plan.settings.services.join(', ')}`, `run with --service ${client.services.join(',')}, or list the service in the client's hello line`);
  }
  const broker = await startClientBroker(client);
  const settings = { ...plan.settings, services: supported, target: { ...plan.settings.target, adapter: broker.spec } } as RunPlan['settings'];
  const effective: RunPlan = { ...plan, settings, target: { ...plan.target, name: `client:${client.name}` } };

  return {
    plan: effective,
    client,
    logFile,
    finish(report, outcomes) {
      for (const r of report.rules) {
        if (missing.includes(r.service as 'bcc' | 'dcs')) Object.assign(r, { verdict: 'skip', reason: `the client does not implement ${r.service} changePassword (its hello lists services: ${client.services.join(', ')})` });
      }
      withFullClientFailures(report, outcomes);
      // The report of a client run leads with the rules that judge what the client sent.
      report.rules.sort((a, b) => Number(isClientRule(b.id)) - Number(isClientRule(a.id)));
      const unanswered = outcomes.filter((o) => o.transportFault).length;
      const broken = client.events.length > 0 || unanswered > 0;
      if (broken) {
        // Not every question was asked: the run cannot call the client conformant.
        report.summary.conformant = false;
        report.faults.unshift(`the client under test failed to answer properly (${unanswered} rule(s) not judged, ${client.restarts} restart(s)); rules it did not answer are skipped, never failed. Its stderr: ${logFile}`, ...client.events);
      }
      return broken ? EXIT.unreachable : undefined;
    },
    async close() {
      await client.close();
      await broker.close();
    },
  };
}
