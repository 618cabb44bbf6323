// @ts-check
/**
 * A Stryker reporter that appends each tested mutant to `reports/mutation/progress.jsonl` as soon
 * as its result is known, so survivors can be worked while a long run is still going (Stryker's
 * own JSON and HTML reports are written only at the end).
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin';

const FILE = 'reports/mutation/progress.jsonl';

class ProgressLogReporter {
  constructor() {
    mkdirSync(dirname(FILE), { recursive: true });
    writeFileSync(FILE, '');
  }

  /** @param {import('@stryker-mutator/api/core').MutantResult} m */
  onMutantTested(m) {
    const { id, fileName, mutatorName, replacement, location, status, statusReason, coveredBy, killedBy, testsCompleted } = m;
    appendFileSync(FILE, `${JSON.stringify({ id, fileName, line: location.start.line, column: location.start.column, mutatorName, replacement, status, statusReason, covered: coveredBy?.length, killedBy, testsCompleted })}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'progress-log', ProgressLogReporter)];
