/// <reference lib="webworker" />
/** The training worker: runs a Session and posts its reports to the page. */
import type { Command, Report } from "./protocol.js";
import { Session } from "./session.js";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new Session((report: Report) => {
  if (report.type === "model") scope.postMessage(report, [report.bytes.buffer]);
  else scope.postMessage(report);
});
scope.onmessage = (event: MessageEvent<Command>) => session.handle(event.data);
