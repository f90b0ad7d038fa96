/**
 * A small CSV reader for numeric tables: comma-separated fields, an optional header line,
 * blank lines skipped, fields trimmed and stripped of surrounding double quotes (no commas
 * inside fields). Every error names the file and the line: `data.csv:7: …`.
 */
import { CliError } from "./errors.js";

export interface CsvTable {
  /** The header's names, when the first line is a header. */
  header: string[] | null;
  /** Data rows, each as many fields as the first line. */
  rows: string[][];
  /** The 1-based line number of each row, for messages. */
  lines: number[];
}

function splitLine(line: string): string[] {
  return line.split(",").map((field) => {
    const trimmed = field.trim();
    return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  });
}

/** A finite number written in decimal or exponent notation (`1`, `-0.5`, `3e-2`). */
export function isNumber(field: string): boolean {
  return field !== "" && Number.isFinite(Number(field));
}

/**
 * Splits `text` into rows. The first line is taken for a header when one of its fields is
 * not a number (the last field is not looked at with `labelColumn`: labels may be words).
 * @throws CliError for an empty file or a row with another number of fields than the first line.
 */
export function parseCsv(text: string, file: string, options: { labelColumn?: boolean } = {}): CsvTable {
  const rows: string[][] = [];
  const lines: number[] = [];
  let header: string[] | null = null;
  let width = 0;
  let firstLine = 0;
  // A byte-order mark (spreadsheets write one) would hide a number in the first field.
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (line.trim() === "") return;
      const fields = splitLine(line);
      const lineNumber = index + 1;
      if (firstLine === 0) {
        firstLine = lineNumber;
        width = fields.length;
        if (!fields.slice(0, options.labelColumn ? -1 : undefined).every(isNumber)) {
          header = fields;
          return;
        }
      } else if (fields.length !== width) {
        throw new CliError(
          `${file}:${lineNumber}: ${fields.length} field${fields.length === 1 ? "" : "s"}, expected ${width} as on line ${firstLine} (ragged CSV)`,
        );
      }
      rows.push(fields);
      lines.push(lineNumber);
    });
  if (rows.length === 0) throw new CliError(`${file}: no data rows${header ? " after the header" : ""}`);
  return { header, rows, lines };
}

/**
 * Columns `[from, to)` of every row as float32 values, row after row.
 * @throws CliError naming the line and column of the first field that is not a number.
 */
export function numericColumns(table: CsvTable, file: string, from: number, to: number): Float32Array {
  const width = to - from;
  const out = new Float32Array(table.rows.length * width);
  table.rows.forEach((row, r) => {
    for (let c = from; c < to; c++) {
      const field = row[c] as string;
      if (!isNumber(field)) {
        const what = field === "" ? "is empty" : `is ${JSON.stringify(field)}, not a finite number`;
        throw new CliError(`${file}:${table.lines[r]}: column ${c + 1} ${what}`);
      }
      out[r * width + (c - from)] = Number(field);
    }
  });
  return out;
}
