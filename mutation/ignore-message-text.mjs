// @ts-check
/**
 * A Stryker ignorer: mutants inside human-readable message text are not tested. Issue 13 puts
 * message strings and log text out of scope (no document fixes them, so no check may demand
 * them), and testing them would only add survivors. Ignored mutants are listed in the report
 * with the reason below and do not count in the score.
 *
 * Only the *text* is ignored: which failure, which code and which status are still mutated
 * (e.g. `fail('expired', <text>)` keeps `'expired'`, `errorResponse(contract, code, <text>)`
 * keeps `code`).
 */
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

/** Call name → index of the first argument that is message text. */
const TEXT_ARGUMENTS = new Map([
  ['fail', 1], // verifiers and adminPass decryption: fail(failure, detail)
  ['errorResponse', 2], // errorResponse(contract, code, detail)
]);
/** resultBody(ctx, result, message, numbers): only the message argument (index 2) is text. */
const ONLY_ARGUMENT = new Map([['resultBody', 2]]);
const ERROR_CLASSES = new Set(['Error', 'RangeError', 'TypeError']);
const MESSAGE_VARIABLES = new Set(['message', 'absentNote', 'kind']);

/** @param {any} path a Babel NodePath */
function calleeName(path) {
  const callee = path.node.callee;
  return callee?.type === 'Identifier' ? callee.name : undefined;
}

/** @param {any} path a Babel NodePath */
function enclosingFunctionName(path) {
  const fn = path.getFunctionParent?.();
  return fn?.node?.id?.name;
}

/** @param {any} path a Babel NodePath @returns {string | undefined} */
function whyIgnored(path) {
  const parent = path.parentPath;
  if (!parent) return undefined;
  if (path.listKey === 'arguments' && typeof path.key === 'number') {
    const name = calleeName(parent);
    if (parent.node.type === 'NewExpression' && name && ERROR_CLASSES.has(name)) return 'exception message text (out of scope: message strings)';
    if (parent.node.type === 'CallExpression' && name) {
      const from = TEXT_ARGUMENTS.get(name);
      if (from !== undefined && path.key >= from) return `${name}() detail text (out of scope: message strings)`;
      if (ONLY_ARGUMENT.get(name) === path.key) return `${name}() message text (out of scope: message strings)`;
    }
  }
  // findings.push({ rule, ok, detail }): the verdict is `ok`; `detail` is its explanation.
  if (parent.node.type === 'ObjectProperty' && path.key === 'value' && parent.node.key?.name === 'detail') return 'finding detail text (out of scope: message strings)';
  // Variables that only feed message text: responses.ts `message`, bce-verifier.ts `absentNote`,
  // admin-pass-cipher.ts `kind` (the type name in the not-a-string detail).
  if (parent.node.type === 'VariableDeclarator' && path.key === 'init' && MESSAGE_VARIABLES.has(parent.node.id?.name)) return 'message text (out of scope: message strings)';
  // parseAuthorization returns the parsed header or the text saying why it is malformed.
  if ((path.node.type === 'StringLiteral' || path.node.type === 'TemplateLiteral') && parent.node.type === 'ReturnStatement' && enclosingFunctionName(path) === 'parseAuthorization') {
    return 'malformed-header explanation text (out of scope: message strings)';
  }
  return undefined;
}

export const strykerPlugins = [declareValuePlugin(PluginKind.Ignore, 'message-text', { shouldIgnore: whyIgnored })];
