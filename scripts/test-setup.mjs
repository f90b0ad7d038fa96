// The set-up `pnpm test` does before its checks, so that on a fresh machine with only Node and
// npm the README's two commands are all it takes:
// - the workspace's dependencies (`pnpm install --frozen-lockfile`; quick when up to date);
// - on Debian, what the browser tests need, Chromium and Firefox ESR (`chromium`,
//   `firefox-esr`), and what the webgpu backend's tests need, a Vulkan driver on the CPU:
//   the loader `libvulkan1` and Mesa's lavapipe from bookworm-backports
//   (`mesa-vulkan-drivers` 25; bookworm's own Mesa 22 is too old for Dawn).
// As root (or with password-less sudo) they are installed with apt, waiting up to five
// minutes for another apt to let go of its locks. Otherwise the missing packages are named
// with the command that installs them: without browsers the e2e suites are skipped, without
// lavapipe the webgpu tests say they are skipped.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const LOCK_WAIT_S = 300;
const BACKPORTS_LIST = "/etc/apt/sources.list.d/backports.list";

const run = (command, args, options = {}) => spawnSync(command, args, { encoding: "utf8", ...options });

/** How apt can be run here: directly as root, through password-less sudo, or not at all. */
function aptRunner() {
  if (!existsSync("/usr/bin/apt-get")) return null;
  if (process.getuid?.() === 0) return [];
  if (run("sudo", ["-n", "true"]).status === 0) return ["sudo", "-n", "DEBIAN_FRONTEND=noninteractive"];
  return null;
}

/** `apt-get …`, retried while another apt holds the lists or dpkg lock (at most LOCK_WAIT_S). */
function aptGet(runner, args) {
  const full = ["apt-get", "-o", `DPkg::Lock::Timeout=${LOCK_WAIT_S}`, "-q", ...args];
  const [command, ...rest] = runner.length ? [runner[0], ...runner.slice(1), ...full] : full;
  const started = Date.now();
  for (;;) {
    const result = run(command, rest, { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (result.status === 0) return true;
    const output = `${result.stdout}${result.stderr}`;
    // NOTE: DPkg::Lock::Timeout covers the dpkg lock; `update` can still fail at once on
    // /var/lib/apt/lists/lock, so that one is waited for here.
    if (/Could not get lock|Unable to acquire the .* lock/.test(output) && Date.now() - started < LOCK_WAIT_S * 1000) {
      spawnSync("sleep", ["3"]);
      continue;
    }
    process.stderr.write(output.split("\n").slice(-6).join("\n"));
    return false;
  }
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
const installed = (pkg) => run("dpkg-query", ["-W", "-f=${Version}", pkg]).stdout ?? "";
const hasLavapipe = () => /^2[5-9]|^[3-9]\d/.test(installed("mesa-vulkan-drivers")) && installed("libvulkan1") !== "";
const browsersMissing = () =>
  [
    ["chromium", process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"],
    ["firefox-esr", "/usr/bin/firefox-esr"],
  ]
    .filter(([, path]) => !existsSync(path))
    .map(([pkg]) => pkg);

/** Adds bookworm-backports to apt's sources (from the mirror the machine already uses): "added", "present" or false. */
function addBackports() {
  if (existsSync(BACKPORTS_LIST)) return "present";
  const sources = existsSync("/etc/apt/sources.list.d/debian.sources")
    ? readFileSync("/etc/apt/sources.list.d/debian.sources", "utf8")
    : "";
  const mirror = /^URIs:\s*(\S+)/m.exec(sources)?.[1] ?? "http://deb.debian.org/debian";
  try {
    writeFileSync(BACKPORTS_LIST, `deb ${mirror} bookworm-backports main\n`);
    return "added";
  } catch {
    const line = `deb ${mirror} bookworm-backports main`;
    return run("sudo", ["-n", "sh", "-c", `echo '${line}' > ${BACKPORTS_LIST}`]).status === 0 ? "added" : false;
  }
}

/**
 * Installs what is missing; returns whether the e2e suites must be skipped and the notes to
 * print again at the end (what was not installed, and why).
 */
export function setUpMachine(root) {
  const notes = [];
  const say = (text) => console.log(`pnpm test: ${text}`);

  const install = run("pnpm", ["install", "--frozen-lockfile", "--reporter=silent"], { cwd: root, stdio: "inherit" });
  if (install.status !== 0) throw new Error("pnpm test: `pnpm install --frozen-lockfile` failed (see above)");

  if (process.platform !== "linux") {
    const browsers = browsersMissing();
    if (browsers.length)
      notes.push(`skipped: the browser (e2e) suites; they need ${browsers.join(" and ")} (Debian's, at /usr/bin)`);
    return { skipE2e: browsers.length > 0, notes };
  }
  const runner = aptRunner();
  let updated = false;
  const update = () => {
    if (!updated) updated = aptGet(runner, ["update"]);
    return updated;
  };

  const browsers = browsersMissing();
  if (browsers.length && runner) {
    say(`installing ${browsers.join(" and ")} with apt for the browser tests`);
    if (!(update() && aptGet(runner, ["install", "-y", "--no-install-recommends", ...browsers]))) {
      say(`apt could not install ${browsers.join(" and ")}`);
    }
  }
  const stillMissing = browsersMissing();
  if (stillMissing.length) {
    notes.push(
      `skipped: the browser (e2e) suites of apps/playground; they need ${stillMissing.join(" and ")}, ` +
        `${runner ? "which apt failed to install" : "which only root can install"}: ` +
        `sudo apt-get install ${stillMissing.join(" ")}`,
    );
  }

  if (!hasLavapipe() && runner) {
    say("installing libvulkan1 and mesa-vulkan-drivers (bookworm-backports) for the webgpu tests");
    const backports = addBackports();
    if (backports) {
      if (backports === "added") updated = false; // the new source needs its lists
      if (update()) {
        aptGet(runner, ["install", "-y", "--no-install-recommends", "libvulkan1"]) &&
          aptGet(runner, [
            "install",
            "-y",
            "--no-install-recommends",
            "-t",
            "bookworm-backports",
            "mesa-vulkan-drivers",
          ]);
      }
    }
  }
  if (!hasLavapipe()) {
    notes.push(
      "skipped: the webgpu backend's tests (they say so); they need a Vulkan driver, " +
        `${runner ? "which apt failed to install" : "which only root can install"}: ` +
        "add bookworm-backports to apt's sources, then sudo apt-get install libvulkan1 && " +
        "sudo apt-get install -t bookworm-backports mesa-vulkan-drivers",
    );
  }
  for (const note of notes) say(note);
  return { skipE2e: stillMissing.length > 0, notes };
}
