/**
 * A fresh project with the packed packages installed as a user gets them: every published
 * package packed with `pnpm pack`, and npm installing those tarballs offline. The third-party
 * packages they depend on are packed too, from the workspace's own copies (the folders pnpm
 * installed, as they came from the registry), so the install needs no registry and no cache.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pack, publishedApps, publishedPackages, root } from "./workspace.js";

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));

/** The folder `name` resolves to from `from`, as Node looks it up (node_modules, walking up). */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`install: cannot find ${name} from ${from}`);
  }
}

/**
 * The third-party packages the published ones need at run time (dependencies and required
 * peers, transitively), plus `extra` (what the test project itself uses), as folders.
 */
function thirdParty(starts: { dir: string; manifest: Manifest }[], extra: { name: string; from: string }[]): string[] {
  const found = new Map<string, string>(); // name → folder
  const queue: { name: string; from: string }[] = [...extra];
  const visit = (dir: string, manifest: Manifest) => {
    const peers = Object.keys(manifest.peerDependencies ?? {}).filter(
      (name) => !manifest.peerDependenciesMeta?.[name]?.optional,
    );
    for (const name of [...Object.keys(manifest.dependencies ?? {}), ...peers]) queue.push({ name, from: dir });
  };
  for (const { dir, manifest } of starts) visit(dir, manifest);
  while (queue.length > 0) {
    const { name, from } = queue.shift() as { name: string; from: string };
    if (name.startsWith("@sinapse/")) continue;
    const dir = packageDir(name, from);
    const seen = found.get(name);
    if (seen !== undefined) {
      if (seen !== dir && readManifest(seen).version !== readManifest(dir).version) {
        throw new Error(`install: two versions of ${name} are needed (${seen}, ${dir}); pack both by hand`);
      }
      continue;
    }
    found.set(name, dir);
    visit(dir, readManifest(dir));
  }
  return [...found.values()];
}

export interface InstalledProject {
  /** The temporary folder holding the tarballs and the project; remove it when done. */
  work: string;
  /** The project folder, with node_modules installed by npm. */
  dir: string;
  /** Tarball path per package name, ours and third-party. */
  tarballs: Map<string, string>;
}

/** Packs everything and installs it into a new temporary project; `extra` names what the project imports itself. */
export function installProject(extra: { name: string; from: string }[]): InstalledProject {
  const work = mkdtempSync(join(tmpdir(), "sinapse-install-"));
  const packed = join(work, "tarballs");
  mkdirSync(packed);
  const ours = [...publishedPackages(), ...publishedApps()].map(({ dir }) => ({ dir, manifest: readManifest(dir) }));
  const tarballs = new Map<string, string>();
  for (const { dir, manifest } of ours) tarballs.set(manifest.name, pack(dir, packed));

  // NOTE: a plain tar of each folder, not `npm pack`, which fails without a word on some of
  // them (@types/react, csv-parse); npm installs any tarball with a package/ root.
  for (const folder of thirdParty(ours, extra)) {
    const { name, version } = readManifest(folder);
    const file = join(packed, `${name.replace("@", "").replace("/", "-")}-${version}.tgz`);
    execFileSync("tar", [
      "-czf",
      file,
      "-C",
      folder,
      "--exclude=./node_modules",
      "--transform",
      "s,^\\.,package,",
      ".",
    ]);
    tarballs.set(name, file);
  }

  const dir = join(work, "project");
  mkdirSync(dir);
  const dependencies = Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`]));
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "sinapse-user", private: true, type: "module", dependencies }, null, 2)}\n`,
  );
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], {
    cwd: dir,
    encoding: "utf8",
    env: npmEnv(work),
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { work, dir, tarballs };
}

/** npm with its own empty cache in `work`: nothing comes from the user's cache or the network. */
function npmEnv(work: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    npm_config_cache: join(work, "npm-cache"),
    npm_config_update_notifier: "false",
    npm_config_loglevel: "error",
  };
}

export { root };
