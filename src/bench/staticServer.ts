import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import path from "node:path";
import { createGzip } from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".xml": "application/xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
};
const COMPRESSIBLE = new Set([".html", ".css", ".js", ".json", ".xml", ".svg"]);

export interface StaticServer {
  readonly url: string;
  /** Bytes sent to browsers so far, headers included (also from workers, which page-level tracing misses). */
  bytesSent(): number;
  /** Of those, the bytes of response bodies (gzip where sent gzip): what a host on HTTP/2, whose headers compress, sends. */
  bodyBytesSent(): number;
  close(): Promise<void>;
}

/** The headers the site's `_headers` file gives every path (`/*`), as a static host applies them. */
function siteHeaders(root: string): Record<string, string> {
  const file = path.join(root, "_headers");
  if (!existsSync(file)) return {};
  const headers: Record<string, string> = {};
  let all = false;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (/^\S/.test(line)) all = line.trim() === "/*";
    const match = /^\s+([\w-]+):\s*(.+)$/.exec(line);
    if (all && match) headers[match[1]!] = match[2]!;
  }
  return headers;
}

/**
 * Serves a built site on 127.0.0.1, optionally under a path prefix, as a
 * static host would: the site's `_headers` (so its Content-Security-Policy is
 * in force), 404.html for missing pages, and gzip for text when the browser
 * accepts it (so measured bytes are what readers download).
 */
export async function serveSite(root: string, prefix = "/"): Promise<StaticServer> {
  const headers = siteHeaders(root);
  let bodyBytes = 0;
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (!pathname.startsWith(prefix)) {
      res.writeHead(404).end("outside the path prefix");
      return;
    }
    let file = path.join(root, pathname.slice(prefix.length));
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    const found = file.startsWith(root) && existsSync(file);
    const notFound = path.join(root, "404.html");
    if (!found && !existsSync(notFound)) {
      res.writeHead(404).end("not found");
      return;
    }
    const served = found ? file : notFound;
    const ext = path.extname(served);
    const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    res.writeHead(found ? 200 : 404, { ...headers, "content-type": TYPES[ext] ?? "application/octet-stream", ...(gzip ? { "content-encoding": "gzip" } : {}) });
    const stream = createReadStream(served);
    const body = gzip ? stream.pipe(createGzip()) : stream;
    body.on("data", (chunk: Buffer) => (bodyBytes += chunk.length));
    body.pipe(res);
  });
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    bytesSent: () => [...sockets].reduce((sum, socket) => sum + socket.bytesWritten, 0),
    bodyBytesSent: () => bodyBytes,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
