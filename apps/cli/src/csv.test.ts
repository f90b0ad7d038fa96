import { describe, expect, it } from "vitest";
import { numericColumns, parseCsv } from "./csv.js";
import { CliError } from "./errors.js";

describe("parseCsv", () => {
  it("takes a first line with a word for a header, skips blank lines and keeps line numbers", () => {
    const table = parseCsv("x1, x2 ,label\r\n0.1,0.2,0\n\n0.3,-1e-2,1\n", "d.csv");
    expect(table.header).toEqual(["x1", "x2", "label"]);
    expect(table.rows).toEqual([
      ["0.1", "0.2", "0"],
      ["0.3", "-1e-2", "1"],
    ]);
    expect(table.lines).toEqual([2, 4]);
  });

  it("reads a headerless file whose labels are words (the label column is not looked at)", () => {
    const table = parseCsv('1,2,"cat"\n3,4,dog\n', "d.csv", { labelColumn: true });
    expect(table.header).toBeNull();
    expect(table.rows[0]).toEqual(["1", "2", "cat"]);
  });

  it("ignores a byte-order mark, which would otherwise make the first row a header", () => {
    expect(parseCsv("\uFEFF1,2\n3,4\n", "d.csv").rows).toHaveLength(2);
  });

  it("throws CliError naming the line of a ragged row", () => {
    expect(() => parseCsv("a,b\n1,2\n3\n", "d.csv")).toThrow(
      new CliError("d.csv:3: 1 field, expected 2 as on line 1 (ragged CSV)"),
    );
  });

  it("reads RFC 4180 quoting: commas, doubled quotes and line breaks inside quoted fields", () => {
    const table = parseCsv('x,label\n"1,5",a\n"2","say ""hi"""\n3,"two\nlines"\n4,b\n', "d.csv", { labelColumn: true });
    expect(table.rows).toEqual([
      ["1,5", "a"],
      ["2", 'say "hi"'],
      ["3", "two\nlines"],
      ["4", "b"],
    ]);
    expect(table.lines).toEqual([2, 3, 4, 6]);
  });

  it("splits lines on a lone CR (old Mac line ends) as well as LF and CRLF", () => {
    const table = parseCsv("a,b\r1,2\r\r3,4\r\n5,6\n", "d.csv");
    expect(table.rows).toEqual([
      ["1", "2"],
      ["3", "4"],
      ["5", "6"],
    ]);
    expect(table.lines).toEqual([2, 4, 5]);
  });

  it("throws CliError naming the line of an unclosed quote", () => {
    expect(() => parseCsv('a,b\n1,"2\n3,4\n', "d.csv")).toThrow(/^d\.csv:\d+: .*quote/i);
  });

  it("throws CliError for a file without data rows", () => {
    expect(() => parseCsv("\n\n", "d.csv")).toThrow("d.csv: no data rows");
    expect(() => parseCsv("a,b\n", "d.csv")).toThrow("d.csv: no data rows after the header");
  });
});

describe("numericColumns", () => {
  it("reads columns [from, to) as float32 rows", () => {
    const table = parseCsv("1,2,3\n4,5,6\n", "d.csv");
    expect(Array.from(numericColumns(table, "d.csv", 0, 2))).toEqual([1, 2, 4, 5]);
  });

  it.each([
    ["1,2\n3,abc\n", 'd.csv:2: column 2 is "abc", not a finite number'],
    ["1,2\n,3\n", "d.csv:2: column 1 is empty"],
    ["1,2\nNaN,3\n", 'd.csv:2: column 1 is "NaN", not a finite number'],
    ["1,2\n1,Infinity\n", 'd.csv:2: column 2 is "Infinity", not a finite number'],
    ["1,2\n3,4\n1e39,5\n", "d.csv:3: column 1 is 1e39, outside float32's range (±3.4028235e38)"],
    ["1,2\n-3.5e38,5\n", "d.csv:2: column 1 is -3.5e38, outside float32's range (±3.4028235e38)"],
  ])("names the line and column of a bad field in %j", (text, message) => {
    const table = parseCsv(text, "d.csv");
    expect(() => numericColumns(table, "d.csv", 0, 2)).toThrow(message);
  });
});
