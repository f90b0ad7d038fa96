import { describe, expect, it } from "vitest";
import { examplesIn } from "./examples.js";

// The parser is exercised on a small document so that a README with no example fails loudly
// rather than passing for want of anything to run.
describe("README example extraction", () => {
  it("pairs each ts block with the text block after it", () => {
    const md = ["# T", "```ts", "console.log(1);", "```", "", "```text", "1", "```", "```ts", "no output", "```"].join(
      "\n",
    );
    expect(examplesIn(md)).toEqual([{ code: "console.log(1);\n", output: "1", line: 2 }]);
  });

  it("skips a ts block without output instead of swallowing the next one", () => {
    const md = ["```ts", "a()", "```", "prose", "```ts", "b()", "```", "```text", "B", "```"].join("\n");
    expect(examplesIn(md)).toEqual([{ code: "b()\n", output: "B", line: 5 }]);
  });
});
