// `pnpm test`: first the set-up a fresh machine lacks (the workspace's dependencies, and on
// Debian the browsers and the software GPU the browser and webgpu tests use: installed with
// apt when run as root, otherwise named with the command that installs them and their suites
// skipped), then every check in one turbo run (typecheck, lint, build, unit tests, package
// checks, browser e2e), then one closing line that adds up every vitest suite:
// `N passed, N failed` (a check that is not a test suite, or a suite that crashed before
// reporting, counts as one failure).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setUpMachine } from "./test-setup.mjs";

const root = new URL("..", import.meta.url).pathname;
let setUp;
try {
  setUp = setUpMachine(root);
} catch (error) {
  // Nothing can run without the dependencies: one failure, and the total line as always.
  console.error(error instanceof Error ? error.message : error);
  mkdirSync(join(root, ".turbo"), { recursive: true });
  writeFileSync(join(root, ".turbo/test-summary.txt"), "0 passed, 1 failed\n");
  console.log("\n0 passed, 1 failed");
  process.exit(1);
}
const { skipE2e, notes } = setUp;
const workspaces = ["packages", "apps", "tools"].flatMap((dir) =>
  readdirSync(join(root, dir)).map((name) => join(root, dir, name)),
);

// Reports of an earlier run must not count; turbo restores the cached ones.
for (const ws of workspaces) rmSync(join(ws, ".vitest"), { recursive: true, force: true });
rmSync(join(root, ".turbo/runs"), { recursive: true, force: true });

// XDG_RUNTIME_DIR: where Vulkan (lavapipe) and the browsers keep runtime files; unset in CI.
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
  XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? "/tmp",
};
const tasks = ["typecheck", "lint", "build", "test", ...(skipE2e ? [] : ["e2e"])];
const turbo = spawnSync("pnpm", ["exec", "turbo", "run", ...tasks, "--concurrency=2", "--continue", "--summarize"], {
  cwd: root,
  stdio: "inherit",
  env,
});

let passed = 0;
let failed = 0;
let skipped = 0;
/** Report names (`unit`, `e2e`, …) found per workspace directory. */
const reports = new Map();
for (const ws of workspaces) {
  const dir = join(ws, ".vitest");
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const report = JSON.parse(readFileSync(join(dir, file), "utf8"));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    // A suite that failed to load has no failed test but a failed test file.
    if (report.numFailedTests === 0 && report.numFailedTestSuites > 0) failed += report.numFailedTestSuites;
    reports.set(ws, [...(reports.get(ws) ?? []), file.replace(/\.json$/, "")]);
  }
}

// Tasks that failed without a vitest report of their own: typecheck, lint, build, or a
// test run that crashed before writing its report.
const failedTasks = [];
const runsDir = join(root, ".turbo/runs");
const summaryFile = existsSync(runsDir) ? readdirSync(runsDir).find((f) => f.endsWith(".json")) : undefined;
if (summaryFile) {
  const summary = JSON.parse(readFileSync(join(runsDir, summaryFile), "utf8"));
  for (const task of summary.tasks) {
    const code = task.execution?.exitCode;
    if (code === undefined || code === 0) continue;
    // A failed test or e2e task that wrote its report is already counted test by test.
    const names = reports.get(join(root, task.directory)) ?? [];
    const counted =
      (task.task === "e2e" && names.includes("e2e")) || (task.task === "test" && names.some((n) => n !== "e2e"));
    if (!counted) failedTasks.push(task.taskId);
  }
} else if (turbo.status !== 0) {
  failedTasks.push("turbo run");
}
failed += failedTasks.length;

const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
if (failedTasks.length) console.log(`\nchecks that failed outside a test suite: ${failedTasks.join(", ")}`);
for (const note of notes) console.log(`\n${note}`);
mkdirSync(join(root, ".turbo"), { recursive: true });
writeFileSync(join(root, ".turbo/test-summary.txt"), `${line}\n`);
console.log(`\n${line}`);
process.exit(turbo.status !== 0 || failed > 0 ? 1 : 0);
