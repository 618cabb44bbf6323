/** BCC client-side rules (seed page, request structure and the adminPass row, judged by the client-rule oracle on what a client under test sends). */
import { ruleCheck } from '../harness/rule-check.ts';
import { examples } from '../harness/property.ts';
import { describeOutcome } from '../harness/expectations.ts';
import type { RuleContext } from '../harness/rule-context.ts';
import { judgeSentRequests } from '../harness/client-judging.ts';
import { show } from '../generators/passwords.ts';
import { allowedStatus, blockEdges, facts } from './bcc-kit.ts';

/**
 * Makes the client send one valid change and fails unless every verdict on `rc.rule` is ok.
 * Returns why nothing was judged when the request arrived but this rule could not be judged
 * (without a signature that holds, the key of the encryption is unknown): that is the other
 * rule's failure.
 */
async function judged(rc: RuleContext, password: string): Promise<string | undefined> {
  const instance = await rc.bccInstance(allowedStatus);
  const result = await rc.change(`client changes to ${show(password)}`, { service: 'bcc', instanceId: instance.instanceId, password });
  const findings = await judgeSentRequests(rc, 'bcc');
  const mine = findings.filter((f) => f.rule === rc.rule);
  const documented = facts.rules.find((r) => r.id === rc.rule)!.title;
  if (mine.length === 0) {
    rc.check(findings.length > 0, `the client sent no request the oracle could judge; it reported ${describeOutcome(result.outcome)}`, documented);
    return `the request could not be judged for this rule (${findings.filter((f) => !f.ok).map((f) => `${f.rule}: ${f.detail.slice(0, 120)}`).join('; ') || describeOutcome(result.outcome)})`;
  }
  const failed = mine.filter((f) => !f.ok);
  rc.check(failed.length === 0, failed.map((f) => f.detail).join('; '), documented);
  return undefined;
}

// Passwords at each ciphertext block edge: padding a full block is the classic encryption slip.
for (const rule of ['BCC-CLIENT-ROUTE', 'BCC-CLIENT-HEADERS', 'BCC-CLIENT-BODY', 'BCC-CLIENT-SIGNATURE', 'BCC-CLIENT-ENCRYPTION']) {
  ruleCheck(rule, { needs: ['judgesClient', 'setupState'] }, async (rc) => {
    const unjudged: string[] = [];
    await examples(rc, 'valid changes at each block edge', blockEdges, async (pw) => {
      const why = await judged(rc, pw);
      if (why) unjudged.push(why);
    }, { describe: show });
    if (unjudged.length === blockEdges.length) rc.skip(`not judged: ${unjudged[0]}`);
  });
}
