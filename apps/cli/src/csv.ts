/**
 * Reads numeric tables from CSV with csv-parse (RFC 4180: quoted fields may hold commas,
 * doubled quotes and line breaks; `\n`, `\r\n` and lone `\r` line ends): an optional header
 * line, blank lines skipped, fields trimmed. Every error names the file and the line:
 * `data.csv:7: …`.
 */
import { CsvError, parse } from "csv-parse/sync";
import { CliError } from "./errors.js";

export interface CsvTable {
  /** The header's names, when the first line is a header. */
  header: string[] | null;
  /** Data rows, each as many fields as the first line. */
  rows: string[][];
  /** The 1-based line number of each row, for messages. */
  lines: number[];
}

/** Every record of `text` with the line it starts on, or a CliError naming the line csv-parse stopped at. */
function records(text: string, file: string): { fields: string[]; line: number }[] {
  try {
    // NOTE: csv-parse's types return string[][] whatever the options; `info: true` makes each
    // record { record, info }.
    const parsed = parse(text, {
      bom: true, // spreadsheets write one; it would hide a number in the first field
      info: true,
      // Every line end, each file may mix them (csv-parse would otherwise keep the first it meets).
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true, // ragged rows get this reader's own message, below
      skip_empty_lines: true,
      skip_records_with_empty_values: true, // lines of blanks only
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    // info.lines is the line a record ends on; the line breaks inside its quoted fields say
    // how many lines earlier it started.
    return parsed.map(({ record, info }) => ({
      fields: record,
      line: info.lines - record.reduce((n, field) => n + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0),
    }));
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new CliError(`${file}:${line ?? "?"}: ${error.message.replace(/^Invalid [^:]*: /, "")}`);
    }
    throw error;
  }
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
  for (const { fields, line } of records(text, file)) {
    if (firstLine === 0) {
      firstLine = line;
      width = fields.length;
      if (!fields.slice(0, options.labelColumn ? -1 : undefined).every(isNumber)) {
        header = fields;
        continue;
      }
    } else if (fields.length !== width) {
      throw new CliError(
        `${file}:${line}: ${fields.length} field${fields.length === 1 ? "" : "s"}, expected ${width} as on line ${firstLine} (ragged CSV)`,
      );
    }
    rows.push(fields);
    lines.push(line);
  }
  if (rows.length === 0) throw new CliError(`${file}: no data rows${header ? " after the header" : ""}`);
  return { header, rows, lines };
}

/** The largest finite float32, 2¹²⁸ − 2¹⁰⁴: a value beyond it would be stored as ±Infinity. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Columns `[from, to)` of every row as float32 values, row after row.
 * @throws CliError naming the line and column of the first field that is not a number, or
 * whose magnitude does not fit float32 (it would become ±Infinity).
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
      const value = Number(field);
      if (Math.abs(value) > FLOAT32_MAX) {
        throw new CliError(
          `${file}:${table.lines[r]}: column ${c + 1} is ${field}, outside float32's range (±3.4028235e38)`,
        );
      }
      out[r * width + (c - from)] = value;
    }
  });
  return out;
}
