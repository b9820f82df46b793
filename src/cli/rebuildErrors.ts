import type Eleventy from "@11ty/eleventy";
import { brokenSave } from "../checks/brokenSave.ts";
import { ContentFaultsError } from "../checks/plugin.ts";
import { errorChain } from "../checks/failures.ts";
import { explainFailure } from "./errors.ts";

interface DevServerBridge {
  sendError(event: { error: unknown }): Promise<void>;
}

interface ErrorLog {
  once(severity: string, error: unknown, message?: string): void;
}

/**
 * Eleventy hands a failed rebuild's error to its dev server, which forwards it
 * to every open page; the page shows only its top-level message. Send our
 * readable explanation (file, line, what to do) instead, and print it in the
 * terminal in place of Eleventy's error chain and stack trace.
 */
export function explainRebuildFailures(eleventy: Eleventy): void {
  // `eleventyServe` and `errorHandler` are Eleventy's own dev-server wrapper and error log; neither is in the typed API.
  const internals = eleventy as unknown as { eleventyServe: DevServerBridge; errorHandler: ErrorLog };
  internals.errorHandler.once = () => undefined;
  const bridge = internals.eleventyServe;
  const send = bridge.sendError.bind(bridge);
  bridge.sendError = ({ error }) => {
    const message = explainFailure(error);
    console.error(message);
    // Content faults set the panel's state with each page's own faults; any other failure says what it is.
    if (!errorChain(error).some((e) => e instanceof ContentFaultsError)) brokenSave.failWithout(message);
    return send({ error: { message } });
  };
}
