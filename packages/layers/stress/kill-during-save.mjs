// `pnpm stress`: kill -9 during `model.save`, again and again. A child process saves one
// of four known models to the same path in a loop; the parent kills it with SIGKILL at a
// random moment, then checks that the target is intact (loads, and is byte for byte one of
// the four) and counts the temporary files the killed save left. One more save at the end
// must remove every one of them. Prints the counts; exits 1 if a target was ever damaged or
// a temporary file outlived the next save.
//
//   node stress/kill-during-save.mjs [rounds=50] [units=512]
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Dense, Model, ReLU, Softmax } from "@sinapse/layers";
import { Random } from "@sinapse/tensor";

const VARIANTS = 4;

/** Model `k` of the four the child writes: the same architecture, weights from seed k. */
function variant(k, units) {
  const rng = new Random(k);
  return new Model()
    .add(new Dense(units, units, { rng }))
    .add(new ReLU())
    .add(new Dense(units, 10, { rng }))
    .add(new Softmax());
}

const [, , mode, ...rest] = process.argv;

if (mode === "--child") {
  // Save forever, cycling through the variants, until killed.
  const [target, units] = [rest[0], Number(rest[1])];
  const models = Array.from({ length: VARIANTS }, (_, k) => variant(k, units));
  process.send?.("ready");
  for (let i = 0; ; i++) await models[i % VARIANTS].save(target);
}

const rounds = Number(mode ?? 50);
const units = Number(rest[0] ?? 512);
const dir = mkdtempSync(join(tmpdir(), "sinapse-stress-"));
const target = join(dir, "model.safetensors");
const known = Array.from({ length: VARIANTS }, (_, k) => Buffer.from(variant(k, units).toBytes()));
await variant(0, units).save(target);

const temporaries = () => readdirSync(dir).filter((f) => f !== "model.safetensors");
const rng = new Random(18);
const started = Date.now();
let intact = 0;
let damaged = 0;
let leftAfterKill = 0;
let leftBytes = 0;
let maxPresent = 0;

for (let round = 0; round < rounds; round++) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--child", target, String(units)], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  await new Promise((resolve) => child.once("message", resolve));
  await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(rng.random() * 200)));
  child.kill("SIGKILL");
  await new Promise((resolve) => child.once("exit", resolve));

  const bytes = readFileSync(target);
  let ok = known.some((k) => k.equals(bytes));
  if (ok) {
    try {
      await Model.load(target);
    } catch {
      ok = false;
    }
  }
  if (ok) intact++;
  else damaged++;
  const left = temporaries();
  leftAfterKill += left.length;
  for (const name of left) leftBytes += statSync(join(dir, name)).size;
  maxPresent = Math.max(maxPresent, left.length);
}

// The next save to the same path removes what the killed saves left.
await variant(1, units).save(target);
const afterNextSave = temporaries();
rmSync(dir, { recursive: true, force: true });

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  [
    `kill -9 during save: ${rounds} rounds in ${seconds} s, ${known[0].length} bytes per model`,
    `  targets intact after the kill: ${intact} of ${rounds} (damaged: ${damaged})`,
    `  temporary files found after the kills: ${leftAfterKill} (${(leftBytes / 2 ** 20).toFixed(1)} MiB in all; at most ${maxPresent} at once, each removed by the next save)`,
    `  temporary files left after one more save: ${afterNextSave.length}`,
  ].join("\n"),
);
process.exit(damaged === 0 && afterNextSave.length === 0 ? 0 : 1);
