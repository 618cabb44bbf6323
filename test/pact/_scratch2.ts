import { createSimulator } from '../../src/simulator/simulator.ts';
import { startServer } from '../../src/simulator/server.ts';
import { DEFAULT_CREDENTIALS } from '../../src/simulator/core/credentials.ts';
import { verifyPacts } from '../../src/pact/verify-pacts.ts';
const faults = process.argv.slice(3);
const sim = createSimulator({ faults });
const srv = await startServer(sim);
process.env.BCE_ACCESS_KEY_ID = DEFAULT_CREDENTIALS.bcc.accessKeyId;
process.env.BCE_SECRET_ACCESS_KEY = DEFAULT_CREDENTIALS.bcc.secretAccessKey;
process.env.CLOUD_SDK_AK = DEFAULT_CREDENTIALS.dcs.accessKeyId;
process.env.CLOUD_SDK_SK = DEFAULT_CREDENTIALS.dcs.secretAccessKey;
try {
  const r = await verifyPacts({ providerUrl: srv.url, stateUrl: srv.url + '/__conformance/state', pactFiles: [process.argv[2]!] });
  console.log('RESULT', JSON.stringify(r, null, 1));
} finally { await srv.close(); }
