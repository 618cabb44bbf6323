/** DCS client-side rules (seed page URI, request parameters and body table; the gateway's signing guide), judged by the client-rule oracle on what a client under test sends. */
import { ruleCheck } from '../harness/rule-check.ts';
import type { RuleContext } from '../harness/rule-context.ts';
import { describeOutcome } from '../harness/expectations.ts';
import { judgeSentRequests } from '../harness/client-judging.ts';
import { consensus, cycled, running } from './dcs-kit.ts';

/** One valid change through the client; the client-rule oracle judges every request it sent. */
async function judged(rc: RuleContext): Promise<void> {
  // Drain what earlier checks left, so only this change's requests are judged.
  await rc.target.takeClientRequests?.();
  const instance = await rc.dcsInstance(running);
  const result = await rc.change('one valid change through the client', { service: 'dcs', projectId: instance.projectId, instanceId: instance.instanceId, oldPassword: instance.password, newPassword: cycled(consensus.classes, consensus.minLength, 29) });
  rc.cases++;
  const mine = (await judgeSentRequests(rc, 'dcs')).filter((f) => f.rule === rc.rule);
  rc.check(mine.length > 0, `no request reached the operation, so ${rc.rule} could not be judged (the client answered ${describeOutcome(result.outcome)}; see DCS-CLIENT-ROUTE)`, 'the client sends the change to the documented operation');
  const failed = mine.filter((f) => !f.ok);
  rc.check(failed.length === 0, failed.map((f) => f.detail).join('; '), mine.length > 0 ? `${rc.rule} holds for every request` : rc.rule);
}

for (const rule of ['DCS-CLIENT-ROUTE', 'DCS-CLIENT-HEADERS', 'DCS-CLIENT-BODY', 'DCS-CLIENT-SIGNATURE']) {
  ruleCheck(rule, { needs: ['judgesClient', 'setupState'] }, judged);
}
