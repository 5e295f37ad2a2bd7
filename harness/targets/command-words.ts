// `cmd:COMMAND` is split into words the way a shell would for a simple command — quotes,
// backslashes, leading NAME=value assignments — and run without a shell, so the child is
// the adapter itself (its pid, its memory) rather than a shell waiting on it.

import { UsageError } from "../usage.ts";

export interface CommandLine {
  env: Record<string, string>;
  command: string;
  args: string[];
}

const SHELL_ONLY = /[|&;<>()$`*?[\]{}~!#]/;

export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === "\\" && i + 1 < text.length && '"\\$`'.includes(text[i + 1]))
        word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === "\\") {
      if (i + 1 >= text.length) throw new UsageError(`command ends in a lone backslash: ${text}`);
      word += text[++i];
      inWord = true;
    } else if (c === " " || c === "\t") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      if (SHELL_ONLY.test(c)) {
        throw new UsageError(
          `cmd: runs one program without a shell; "${c}" needs one — wrap it: cmd:sh -c '...' (or a script)`,
        );
      }
      word += c;
      inWord = true;
    }
  }
  if (quote !== null) throw new UsageError(`unclosed ${quote} in command: ${text}`);
  if (inWord) words.push(word);
  return words;
}

export function parseCommandLine(text: string): CommandLine {
  const words = splitWords(text);
  const env: Record<string, string> = {};
  while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
    const assignment = words.shift()!;
    const eq = assignment.indexOf("=");
    env[assignment.slice(0, eq)] = assignment.slice(eq + 1);
  }
  const command = words.shift();
  if (command === undefined) throw new UsageError(`cmd: needs a program to run, got "${text}"`);
  return { env, command, args: words };
}
