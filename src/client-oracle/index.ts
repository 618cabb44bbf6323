/** The client-rule oracle's surface: judge one request as sent against the contract. */
export { judgeClientRequest, type OracleOptions } from './judge.ts';
export { copyOfView, viewOfRequest, type ClientRequestView, type HeaderLookup, type SentClientRequest } from './wire.ts';
export { matchOperation, documentedOperations, type DocumentedOperation, type OperationMatch } from './route.ts';
