// Drives Debian's Firefox (ESR) over WebDriver BiDi — playwright-core's Firefox driver needs
// Mozilla's own builds — and prints what the playground showed as one JSON line.
// Usage: node --experimental-websocket e2e/firefox-driver.mjs <url> [firefox path]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";

const [url, firefox = "/usr/bin/firefox-esr"] = process.argv.slice(2);
const profile = mkdtempSync("/tmp/sinapse-firefox-");
writeFileSync(`${profile}/user.js`, 'user_pref("intl.accept_languages", "en-US");\n');
const browser = spawn(firefox, ["--headless", "--no-remote", "--profile", profile, "--remote-debugging-port", "0"], {
  env: { ...process.env, HOME: profile },
});
const done = (result, code = 0) => {
  browser.kill();
  rmSync(profile, { recursive: true, force: true });
  console.log(JSON.stringify(result));
  process.exit(code);
};
setTimeout(() => done({ error: "timed out" }, 1), 90_000).unref();

const endpoint = await new Promise((resolve, reject) => {
  let text = "";
  browser.stderr.on("data", (chunk) => {
    text += chunk;
    const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(text);
    if (match) resolve(match[1]);
  });
  browser.on("exit", () => reject(new Error(`firefox exited: ${text.slice(-300)}`)));
});
const socket = new WebSocket(`${endpoint}/session`);
await new Promise((resolve) => socket.addEventListener("open", resolve));
const errors = [];
const waiting = new Map();
let next = 0;
socket.addEventListener("message", (event) => {
  const message = JSON.parse(event.data);
  if (message.id !== undefined) waiting.get(message.id)?.(message);
  else if (message.method === "log.entryAdded" && message.params.level === "error") errors.push(message.params.text);
});
const send = (method, params = {}) =>
  new Promise((resolve, reject) => {
    const id = ++next;
    waiting.set(id, (m) => (m.type === "success" ? resolve(m.result) : reject(new Error(`${method}: ${m.message}`))));
    socket.send(JSON.stringify({ id, method, params }));
  });

await send("session.new", { capabilities: {} });
const { contexts } = await send("browsingContext.getTree");
const context = contexts[0].context;
await send("session.subscribe", { events: ["log.entryAdded"] });
const evaluate = async (expression) =>
  (await send("script.evaluate", { expression, target: { context }, awaitPromise: true })).result?.value;
const until = async (expression, ms) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await evaluate(expression)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
};

await send("browsingContext.setViewport", { context, viewport: { width: 1280, height: 900 } });
await send("browsingContext.navigate", { context, url, wait: "complete" });
const drawn = await until('document.querySelectorAll("[data-role=neuron]").length > 0', 30_000);
const neurons = await evaluate('document.querySelectorAll("[data-role=neuron]").length');
await evaluate('[...document.querySelectorAll("button")].find((b) => b.textContent === "Train").click()');
const trained = await until(
  '/Epoch ([2-9]|\\d\\d+)/.test(document.querySelector("[data-role=epoch]")?.textContent ?? "")',
  30_000,
);
const epoch = await evaluate('document.querySelector("[data-role=epoch]")?.textContent');
const where = await evaluate('document.querySelector("[data-role=runner]")?.textContent');
await send("browsingContext.setViewport", { context, viewport: { width: 360, height: 800 } });
await new Promise((r) => setTimeout(r, 500));
const overflow = await evaluate("document.scrollingElement.scrollWidth - window.innerWidth");
done({ drawn, neurons, trained, epoch, where, overflow, errors });
