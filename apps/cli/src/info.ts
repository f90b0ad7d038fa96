/** `sinapse info`: versions of the Sinapse packages, the active backend, the runtime. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { getBackend } from "@sinapse/tensor";

const PACKAGES = ["@sinapse/tensor", "@sinapse/autograd", "@sinapse/layers", "@sinapse/data"] as const;

export interface Info {
  cli: string;
  packages: Record<string, string>;
  backend: string;
  node: string;
  platform: string;
}

const require = createRequire(import.meta.url);

function versionOf(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

/** The CLI's own version: package.json sits one folder above both src/ and dist/. */
function cliVersion(): string {
  const manifest = readFileSync(new URL("../package.json", import.meta.url), "utf8");
  return (JSON.parse(manifest) as { version: string }).version;
}

export function collectInfo(): Info {
  return {
    cli: cliVersion(),
    packages: Object.fromEntries(PACKAGES.map((name) => [name, versionOf(name)])),
    backend: getBackend().name,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

export function formatInfo(info: Info): string {
  const rows: [string, string][] = [
    ["sinapse", info.cli],
    ...Object.entries(info.packages),
    ["backend", info.backend],
    ["node", info.node],
    ["platform", info.platform],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
}
