/**
 * The client rules' oracle in the suites: the requests a client under test sent, as they were
 * on the wire, judged by `src/client-oracle` against the contract of the run — the simulator
 * that answered them has no say in the verdict.
 */
import { judgeClientRequest } from '../../src/client-oracle/judge.ts';
import { fetchHeaders, type SentClientRequest } from '../../src/client-oracle/wire.ts';
import type { Finding } from '../../src/report/exchange.ts';
import { withEvidence } from '../../src/report/client-evidence.ts';
import { redactHeaders } from '../../src/report/redact.ts';
import type { RuleContext } from './rule-context.ts';
import { KitError } from '../../src/errors/kit-error.ts';

/** The findings on every request the client sent since the last call; a failed one carries what was sent (redacted). */
export async function judgeSentRequests(rc: RuleContext, service: 'bcc' | 'dcs'): Promise<Finding[]> {
  if (!rc.target.takeClientRequests) {
    throw new KitError('USAGE', `target ${rc.target.name} has the judgesClient capability but does not hand over the requests the client sent`, 'a target that judges a client must implement takeClientRequests (see src/targets/client-target.ts)');
  }
  const credential = rc.target.credentials[service];
  const secretFor = (accessKeyId: string): string | undefined => (accessKeyId === credential.accessKeyId ? credential.secretAccessKey : undefined);
  const sent = await rc.target.takeClientRequests();
  return sent.flatMap(({ request, at }: SentClientRequest) => {
    const evidence = { request: { method: request.method, path: request.rawPath, query: request.rawQuery, headers: redactHeaders(fetchHeaders(request.headers)) } };
    return judgeClientRequest(rc.contract, request, { secretFor, now: at }).map((finding) => withEvidence(finding, evidence));
  });
}
