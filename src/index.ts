/**
 * The kit's public surface. Heavy optional parts (msw, SDK adapters) load only when used:
 * import them from their own modules.
 */

// --- Specs: the contract as data ---
export { loadSpec, parseVariantFlags, type LoadSpecOptions } from './contract/load-spec.ts';
export type { Contract, ConformanceFacts, Rule, PasswordPolicy } from './contract/contract.ts';
export { validateResponse, type ResponseProblem } from './contract/response-validator.ts';
export { builtinSpecPath, BUILTIN_SERVICES } from './contract/spec-paths.ts';

// --- Signing and encryption (client side) ---
export { signBceRequest, bceCanonicalRequest } from './auth/bce-auth-v1.ts';
export { signSdkHmacRequest, sdkHmacCanonicalRequest } from './auth/sdk-hmac-sha256.ts';
export { encryptAdminPass } from './auth/password-cipher.ts';

// --- Requests ---
export { buildBccChangePassword, buildBccDescribe } from './requests/bcc-requests.ts';
export { buildDcsChangePassword, buildDcsShow } from './requests/dcs-requests.ts';
export { REQUEST_FAULTS, type RequestFault } from './requests/request-faults.ts';

// --- Simulator ---
export { createSimulator, type Simulator, type SimulatorOptions } from './simulator/simulator.ts';
export { startServer, type SimulatorServer } from './simulator/server.ts';
export { PLANTED_FAULTS, type PlantedFault } from './simulator/faults.ts';
export { PROFILE_NAMES, SILENT_PLACES, type ProfileName, type SilentPlace } from './simulator/profiles.ts';
export { DEFAULT_CREDENTIALS } from './auth/default-credentials.ts';

// --- Transports, targets, clients ---
export type { Transport } from './transports/transport.ts';
export { TransportFault, type TransportFaultKind } from './errors/transport-fault.ts';
export { httpTransport } from './transports/http.ts';
export { inProcessTransport, type WireEntry, type WireMessage, type WireReply } from './transports/in-process.ts';
export type { FetchHandler, ManagedTransport } from './transports/transport.ts';
export { TRANSPORTS, createTransport, type TransportName } from './transports/registry.ts';
export { registerTargetKind, targetKinds } from './targets/registry.ts';
export type { TargetKind, TargetChoice, TargetPlan, TargetContext, TargetSettings } from './targets/target-kind.ts';
export type { Target, Capabilities } from './targets/target.ts';
export { simulatorTarget } from './targets/simulator-target.ts';
export { httpTarget } from './targets/http-target.ts';
export { clientTarget } from './targets/client-target.ts';
export { defineAdapter, type ClientAdapter, type AdapterContext, type ChangePasswordInput, type ChangePasswordOutcome, type Outcome } from './clients/client.ts';
export { startProcessClient, type ProcessClient, type ProcessClientOptions } from './clients/process/process-client.ts';
export { PROTOCOL_VERSION, CLIENT_PROTOCOL_SCHEMA } from './clients/process/client-protocol.ts';

// --- Config and runs ---
export { defineConfig, type ConformanceConfig } from './config/define-config.ts';
export type { ConformanceReport, ReportObservation, RuleResult, RunStatus, Verdict } from './report/report-model.ts';
export { mergeReports } from './runner/merge-reports.ts';
export { EXIT } from './runner/exit-codes.ts';

// --- Errors (each with a stable `code`, a `fix` and a static `is()` guard) ---
export { BrandedError } from './errors/branded-error.ts';
export { KitError, type KitErrorCode } from './errors/kit-error.ts';
export { SpecError, type SpecIssue } from './errors/spec-error.ts';
export { NonConformance } from './errors/non-conformance.ts';
export { Inconclusive } from './errors/inconclusive.ts';
export { NotImplementedByClient } from './errors/not-implemented.ts';
export { StateEndpointFault, type StateEndpointFaultCode } from './errors/state-endpoint-fault.ts';
export { GuardRefusal } from './errors/guard-refusal.ts';
export { ProtocolViolation } from './errors/protocol-violation.ts';
