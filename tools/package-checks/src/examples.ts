/** Finds the runnable examples of a README: a ```ts block followed by its ```text output. */

export interface Example {
  code: string;
  output: string;
  line: number;
}

/** Pairs of a ```ts block and the ```text block right after it (blank lines allowed between). */
export function examplesIn(markdown: string): Example[] {
  const examples: Example[] = [];
  const pattern = /```ts\n((?:(?!```)[\s\S])*)```[ \t]*\n\s*```text\n((?:(?!```)[\s\S])*)```/g;
  for (const match of markdown.matchAll(pattern)) {
    const line = markdown.slice(0, match.index).split("\n").length;
    examples.push({ code: match[1] ?? "", output: (match[2] ?? "").trimEnd(), line });
  }
  return examples;
}
