/** The API reference (TypeDoc, from the packages' TSDoc) is served with the built playground under /api/. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveBuiltApp } from "./browser.js";

let app: { url: string; close: () => Promise<void> };
beforeAll(async () => {
  app = await serveBuiltApp();
});
afterAll(() => app.close());

describe("API reference at /api/", () => {
  it("lists every published package", async () => {
    const html = await (await fetch(new URL("api/", app.url))).text();
    for (const name of ["tensor", "autograd", "layers", "data", "viz"]) expect(html).toContain(`@sinapse/${name}`);
  });

  it.each([
    ["tensor", "functions/_sinapse_tensor.matmul.html", "inner dimensions"],
    ["layers", "classes/_sinapse_layers.Dense.html", "nInputs"],
    ["viz", "functions/_sinapse_viz.layoutNetwork.html", "layoutNetwork"],
  ])("documents %s from its TSDoc (%s)", async (_name, page, text) => {
    const response = await fetch(new URL(`api/${page}`, app.url));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(text);
  });
});
