// The training sections of bench/src/run.mjs alone (chapter 11, the 784-128-10 MLP,
// chapter 19), for callers of the former training.mjs (`sinapse bench --peers`).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const run = fileURLToPath(new URL("./run.mjs", import.meta.url));
const child = spawnSync(process.execPath, [run, "--only", "ch11,mlp,ch19", ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exitCode = child.status ?? 1;
