import { exportPacts } from '../../src/pact/export-pacts.ts';
const r = await exportPacts({ services: ['bcc', 'dcs'], outDir: '/tmp/pacts-scratch' });
console.log(r);
