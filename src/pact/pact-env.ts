/**
 * Imported first by every module that loads `@pact-foundation/pact`: the Pact core sends
 * anonymous usage metrics unless `PACT_DO_NOT_TRACK` is set, and the kit never phones home.
 * On the main thread this reaches the native core too (Node's `process.env` setter is setenv).
 */
process.env.PACT_DO_NOT_TRACK = 'true';
