// Serves Next from this process behind our own HTTP server, so the app learns each request's
// socket peer address (lib/net/peer-address.ts): Next 16 gives route handlers no socket, and
// `next start` passes on a client's own X-Forwarded-For as it came.
import { createServer, type Server } from "node:http";
import next from "next";
import { markPeerHeaderStamped, stampPeerAddress } from "../lib/net/peer-address";

export async function serveNext(opts: {
  port: number;
  dev: boolean;
  /** A cluster worker's number, for the log line. */
  worker?: number;
}): Promise<{ server: Server; close: () => Promise<void> }> {
  markPeerHeaderStamped();
  const app = next({ dev: opts.dev, dir: process.cwd(), hostname: "localhost", port: opts.port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    stampPeerAddress(req.headers, req.socket.remoteAddress);
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, () => resolve());
  });
  if (opts.worker) console.log(`[start] worker ${opts.worker} (pid ${process.pid}) serving on port ${opts.port}`);
  else console.log(`[start] ready on http://localhost:${opts.port}`);
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        void app.close?.();
      }),
  };
}
