import { Server } from "node:http";

/**
 * Eleventy's dev server (2.x) listens on every interface and has no option
 * to choose one. Until it has, the one `listen` call it makes while starting
 * is given the host to bind: 127.0.0.1 unless the author asks for another.
 */
export async function withListenHost<T>(host: string, start: () => Promise<T>): Promise<T> {
  const original = Server.prototype.listen;
  // `listen` is overloaded many ways; only the options-object form Eleventy uses is rewritten.
  Server.prototype.listen = function (this: Server, ...args: unknown[]) {
    const [first] = args;
    if (typeof first === "object" && first !== null && !("host" in first)) args[0] = { ...first, host };
    return (original as (...a: unknown[]) => Server).apply(this, args);
  } as typeof Server.prototype.listen;
  try {
    return await start();
  } finally {
    Server.prototype.listen = original;
  }
}
