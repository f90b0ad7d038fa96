/** The published packages of the workspace, and packing them as `pnpm publish` would. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../../", import.meta.url));

export interface PublishedPackage {
  name: string;
  dir: string;
}

function published(folder: string): PublishedPackage[] {
  const base = join(root, folder);
  return readdirSync(base)
    .map((entry) => join(base, entry))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ name: manifest.name as string, dir }));
}

/** Every `packages/*` workspace package (a library) that is not private. */
export function publishedPackages(): PublishedPackage[] {
  return published("packages");
}

/** Every `apps/*` workspace package that is published (the CLI). */
export function publishedApps(): PublishedPackage[] {
  return published("apps");
}

/** Packs `dir` with pnpm (workspace: ranges become versions) and returns the tarball path. */
export function pack(dir: string, destination = mkdtempSync(join(tmpdir(), "sinapse-pack-"))): string {
  const out = execFileSync("pnpm", ["pack", "--pack-destination", destination, "--json"], {
    cwd: dir,
    encoding: "utf8",
  });
  return (JSON.parse(out) as { filename: string }).filename;
}
