// A process that seals the next due envelope and stops just before committing: it prints
// "READY <envelopeId>" and waits, so the test can SIGKILL it at the worst moment
// (lib/sealing/sealing-durable.test.ts). Usage: tsx lib/testing/seal-child.ts <databaseUrl> <dataDir> <envelopeId>
import { openDatabase } from "@/db/client";
import { runSealJob } from "@/lib/sealing/seal-jobs";

const [databaseUrl, dataDir, envelopeId] = process.argv.slice(2);
const handle = await openDatabase({ databaseUrl: databaseUrl!, maxConnections: 2 });
const run = await runSealJob(
  handle.db,
  { dataDir: dataDir!, sealP12: undefined, appUrl: "http://localhost:3000" },
  {
    only: envelopeId,
    beforeCommit: async (envelopeId) => {
      process.stdout.write(`READY ${envelopeId}\n`);
      await new Promise(() => {});
    },
  },
);
process.stdout.write(`NOT KILLED ${JSON.stringify(run)}\n`);
await handle.close();
