/**
 * The packages as a user installs them (see install.ts): imported as ESM, required as CJS
 * (one copy for both), type-checked strictly with node16 and bundler resolution, bundled by
 * Vite, and the CLI run from its tarball. Then what single imports cost in a bundle.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { rolldown } from "rolldown";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InstalledProject, installProject, root } from "./install.js";

const viz = join(root, "packages/viz");
const tsc = join(root, "tools/package-checks/node_modules/.bin/tsc");
let project: InstalledProject;
let dir: string;

const write = (file: string, text: string) => {
  mkdirSync(join(dir, file, ".."), { recursive: true });
  writeFileSync(join(dir, file), text);
};
const node = (file: string, ...args: string[]) =>
  execFileSync(process.execPath, [file, ...args], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

beforeAll(() => {
  // What the project itself imports besides the published packages: React to render viz.
  project = installProject([
    { name: "react", from: viz },
    { name: "react-dom", from: viz },
    { name: "@types/react", from: viz },
  ]);
  dir = project.dir;
}, 300_000);
afterAll(() => rmSync(project.work, { recursive: true, force: true }));

/** One program used the same way from ESM, CJS and TypeScript: every package touched once. */
const program = (imports: string, after = "") => `${imports}
const a = add(array([[1, 2, 3]]), 10);
const w = tensor([1, 2, 3], { requiresGrad: true });
sum(mul(w, w)).backward();
const dense = new Dense(2, 3, { rng: new Random(0) });
const { X } = spiral(10, 3, { rng: new Random(0) });
const layout = layoutNetwork([2, 4, 3]);
console.log(JSON.stringify({
  sum: a.toArray(),
  grad: w.grad?.toArray(),
  dense: dense.forward(X).shape,
  neurons: layout.neurons.length,
  backends: availableBackends(),
  diagram: typeof NetworkDiagram,
}));
${after}`;
const expected = {
  sum: [[11, 12, 13]],
  grad: [2, 4, 6],
  dense: [30, 3],
  neurons: 9,
  backends: ["js", "wasm"],
  diagram: "function",
};

describe("installed from the tarballs with npm, offline", () => {
  it("has every package, the wasm kernels once, and no test files or fixtures", () => {
    for (const name of ["tensor", "autograd", "layers", "data", "viz", "cli"]) {
      expect(existsSync(join(dir, "node_modules/@sinapse", name, "package.json")), name).toBe(true);
    }
    const files = execFileSync("tar", ["tzf", project.tarballs.get("@sinapse/tensor") as string], { encoding: "utf8" });
    expect(files.match(/\.wasm$/gm)).toEqual([".wasm"]);
    expect(files).toContain("package/dist/backends/wasm/kernels.wasm");
    expect(files).not.toMatch(/\.test\.|__fixtures__/);
    // The bytes are in the .wasm file only, not also as base64 in the JS.
    const js = readdirSync(join(dir, "node_modules/@sinapse/tensor/dist"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".js"))
      .map((f) => readFileSync(join(dir, "node_modules/@sinapse/tensor/dist", f), "utf8"));
    expect(js.length).toBeGreaterThan(10);
    for (const text of js) expect(text).not.toMatch(/[A-Za-z0-9+/]{4000}/);
  });

  it("ships source and declaration maps whose sources are in the package", () => {
    for (const name of ["tensor", "autograd", "layers", "data", "viz"]) {
      const pkg = join(dir, "node_modules/@sinapse", name);
      const maps = readdirSync(join(pkg, "dist"), { recursive: true, encoding: "utf8" }).filter((f) =>
        f.endsWith(".map"),
      );
      expect(
        maps.some((f) => f.endsWith(".d.ts.map")),
        name,
      ).toBe(true);
      expect(
        maps.some((f) => f.endsWith(".js.map")),
        name,
      ).toBe(true);
      for (const map of maps) {
        const { sources } = JSON.parse(readFileSync(join(pkg, "dist", map), "utf8")) as { sources: string[] };
        for (const source of sources)
          expect(existsSync(join(pkg, "dist", map, "..", source)), `${name}: ${map} → ${source}`).toBe(true);
      }
    }
  });

  it("runs as ESM", () => {
    write(
      "esm.mjs",
      program(`import { add, array, availableBackends, Random } from "@sinapse/tensor";
import { mul, sum, tensor } from "@sinapse/autograd";
import { Dense } from "@sinapse/layers";
import { spiral } from "@sinapse/data";
import { layoutNetwork } from "@sinapse/viz/layout";
import { NetworkDiagram } from "@sinapse/viz";`),
    );
    expect(JSON.parse(node("esm.mjs"))).toEqual(expected);
  });

  it("runs as CJS", () => {
    write(
      "cjs.cjs",
      program(`const { add, array, availableBackends, Random } = require("@sinapse/tensor");
const { mul, sum, tensor } = require("@sinapse/autograd");
const { Dense } = require("@sinapse/layers");
const { spiral } = require("@sinapse/data");
const { layoutNetwork } = require("@sinapse/viz/layout");
const { NetworkDiagram } = require("@sinapse/viz");`),
    );
    expect(JSON.parse(node("cjs.cjs"))).toEqual(expected);
  });

  it("loads one copy for import and require in one process (no dual-package hazard)", () => {
    write(
      "both.mjs",
      `import { createRequire } from "node:module";
import * as esm from "@sinapse/tensor";
import { Dense } from "@sinapse/layers";
const cjs = createRequire(import.meta.url)("@sinapse/tensor");
const mixed = cjs.add(esm.array([1, 2]), cjs.array([3, 4]));
console.log(JSON.stringify({
  sameClass: esm.NDArray === cjs.NDArray,
  sameBackend: esm.getBackend() === cjs.getBackend(),
  mixed: mixed.toArray(),
  layer: new Dense(2, 1).forward(cjs.ones([1, 2])).shape,
}));
`,
    );
    expect(JSON.parse(node("both.mjs"))).toEqual({ sameClass: true, sameBackend: true, mixed: [4, 6], layer: [1, 1] });
  });

  it("warns, naming both, when two copies of @sinapse/tensor are loaded (two versions installed)", () => {
    execFileSync("cp", ["-r", join(dir, "node_modules/@sinapse/tensor"), join(dir, "second-tensor")]);
    write(
      "two.mjs",
      `import { array } from "@sinapse/tensor";
import * as other from "./second-tensor/dist/index.js";
console.log(array([1]) instanceof other.NDArray);
`,
    );
    const result = spawnSync(process.execPath, ["two.mjs"], { cwd: dir, encoding: "utf8" });
    expect(result.stdout.trim()).toBe("false");
    expect(result.stderr).toMatch(
      /@sinapse\/tensor: two copies are loaded \(0\.\d+\.\d+ at file:.*node_modules\/@sinapse\/tensor\/dist\/index\.js; 0\.\d+\.\d+ at file:.*second-tensor\/dist\/index\.js\)/,
    );
    // One copy loaded twice (import and require) is one copy: no warning.
    expect(spawnSync(process.execPath, ["both.mjs"], { cwd: dir, encoding: "utf8" }).stderr).toBe("");
  });

  it.each([
    ["node16", { module: "node16", moduleResolution: "node16" }],
    ["bundler", { module: "esnext", moduleResolution: "bundler" }],
  ])("type-checks strictly with %s resolution, the packages' .d.ts included", (name, options) => {
    write(
      `ts-${name}/main.ts`,
      program(
        `import { add, array, availableBackends, Random, type NDArray } from "@sinapse/tensor";
import { mul, sum, tensor } from "@sinapse/autograd";
import { Dense } from "@sinapse/layers";
import { spiral } from "@sinapse/data";
import { layoutNetwork, type NetworkLayout } from "@sinapse/viz/layout";
import { NetworkDiagram } from "@sinapse/viz";`,
        `const typed: NDArray = a;
const shown: NetworkLayout = layout;
void typed;
void shown;`,
      ),
    );
    // A CommonJS file of a node16 project requires the packages through their .d.cts types.
    if (name === "node16")
      write(
        `ts-${name}/cjs.cts`,
        `import tensor = require("@sinapse/tensor");
import layers = require("@sinapse/layers");
const x: tensor.NDArray = tensor.zeros([2, 2]);
export const y = new layers.Dense(2, 1).forward(x).shape;
`,
      );
    write(
      `ts-${name}/tsconfig.json`,
      JSON.stringify({
        compilerOptions: {
          ...options,
          target: "es2022",
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
          lib: ["es2022", "dom"],
          jsx: "react-jsx",
        },
        include: ["*.ts", "*.cts"],
      }),
    );
    const result = spawnSync(tsc, ["-p", `ts-${name}`], { cwd: dir, encoding: "utf8" });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("bundles with Vite for the browser, the wasm kernels emitted as an asset", async () => {
    write("web/index.html", `<!doctype html><script type="module" src="./main.js"></script>\n`);
    write(
      "web/main.js",
      `import { add, array } from "@sinapse/tensor";
import { NetworkDiagram } from "@sinapse/viz";
import { createElement } from "react";
import { createRoot } from "react-dom/client";
createRoot(document.body).render(createElement(NetworkDiagram, { sizes: [2, 3] }));
console.log(add(array([1]), 1).toString());
`,
    );
    await build({ root: join(dir, "web"), logLevel: "silent", build: { outDir: "dist" } });
    const assets = readdirSync(join(dir, "web/dist/assets"));
    const wasm = assets.filter((f) => f.endsWith(".wasm"));
    expect(wasm).toHaveLength(1);
    const js = assets
      .filter((f) => f.endsWith(".js"))
      .map((f) => readFileSync(join(dir, "web/dist/assets", f), "utf8"));
    expect(js.join("")).toContain(wasm[0]);
  }, 120_000);
});

describe("the CLI installed from its tarball", () => {
  const sinapse = (...args: string[]) =>
    spawnSync(join(dir, "node_modules/.bin/sinapse"), args, { cwd: dir, encoding: "utf8" });

  it("trains, saves, evaluates and predicts", () => {
    const train = sinapse("train", "spiral", "--epochs", "3", "--log", "--save", "model.safetensors");
    expect(train.status, train.stderr).toBe(0);
    expect(train.stdout).toMatch(/^epoch: 2, acc: /m); // the last of iterations 0-2, numbered as the book
    expect(train.stderr).toContain("saved model to model.safetensors");
    const evaluate = sinapse("evaluate", "model.safetensors", "spiral", "--json");
    expect(evaluate.status, evaluate.stderr).toBe(0);
    expect(JSON.parse(evaluate.stdout)).toMatchObject({ samples: 300 });
    write("points.csv", 'x1,x2\n"0.5",0.1\r0.2,-0.3\r');
    const predict = sinapse("predict", "model.safetensors", "points.csv");
    expect(predict.status, predict.stderr).toBe(0);
    expect(predict.stdout.trim().split("\n")).toHaveLength(2);
  });

  it("runs info", () => {
    const info = sinapse("info", "--json");
    expect(info.status, info.stderr).toBe(0);
    expect(JSON.parse(info.stdout).backends).toContain("wasm");
  });
});

/** Bundle-size budgets (minified + gzip) of single imports, bundled by rolldown (Vite's bundler). */
const budgets: { name: string; code: string; limit: number }[] = [
  { name: "ValueError from @sinapse/tensor", code: `export { ValueError } from "@sinapse/tensor";`, limit: 500 },
  { name: "array + add", code: `export { array, add } from "@sinapse/tensor";`, limit: 24_000 },
  { name: "Dense", code: `export { Dense } from "@sinapse/layers";`, limit: 35_000 },
  { name: "layoutNetwork", code: `export { layoutNetwork } from "@sinapse/viz/layout";`, limit: 1_500 },
  { name: "NetworkDiagram", code: `export { NetworkDiagram } from "@sinapse/viz";`, limit: 6_000 },
];

describe("bundle size of one import (rolldown, minified + gzip)", () => {
  it.each(budgets)("$name stays within $limit bytes", async ({ name, code, limit }) => {
    const entry = join(dir, `size-${name.replace(/\W+/g, "-")}.js`);
    writeFileSync(entry, code);
    const bundle = await rolldown({
      input: entry,
      cwd: dir,
      platform: "browser",
      logLevel: "silent",
      external: ["react", "react/jsx-runtime", "react-dom"],
    });
    const { output } = await bundle.generate({ format: "es", minify: true });
    const bytes = gzipSync(output.map((o) => (o.type === "chunk" ? o.code : "")).join("")).length;
    console.log(`size: ${name}: ${bytes} B gzip (budget ${limit})`);
    expect(bytes).toBeLessThanOrEqual(limit);
  });
});
