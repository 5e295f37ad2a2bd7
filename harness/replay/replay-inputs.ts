// What `replay` and `capture` read: case files and captures, a directory standing for every
// one under it. A capture's conversations on a helper's port become cases (with the NAT
// address of the capture, when given).

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { addressFamily } from "../../helpers/core/address.ts";
import { FlowError } from "../../helpers/core/model.ts";
import { helperRegistry } from "../../helpers/registry.ts";
import { chooseHelpers } from "../choose-helpers.ts";
import type { CorpusCase } from "../corpus.ts";
import { type Conversation, conversationToFlow } from "../pcap/conversations.ts";
import { conversationsFromCapture } from "../pcap/read-flows.ts";
import { UsageError } from "../usage.ts";

export const CAPTURE_FILE = /\.(pcap|pcapng|cap)$/i;
const CASE_FILE = /\.json$/i;

/** The inputs named, each directory replaced by the case files and captures under it
 * (subfolders too, by path order). A path that cannot be read stays, for the loader to
 * report; a directory that cannot be listed goes into `problems`. */
export function expandInputs(paths: readonly string[], problems: string[]): string[] {
  return paths.flatMap((path) => {
    if (!isDirectory(path)) return [path];
    const files = knownFilesUnder(path, problems).sort();
    if (files.length === 0) problems.push(`${path}: no case file or capture in the directory`);
    return files;
  });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function knownFilesUnder(dir: string, problems: string[]): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (error) {
    problems.push(`${dir}: cannot read the directory: ${(error as Error).message}`);
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (isDirectory(path)) return knownFilesUnder(path, problems);
    return CASE_FILE.test(name) || CAPTURE_FILE.test(name) ? [path] : [];
  });
}

export interface CaptureOptions {
  /** The helper whose conversations to take; absent = every helper with one on its port. */
  helper?: string;
  /** The server port (with no helper named: FTP's conversations on it). */
  port?: number;
  /** The NAT address the capture was taken behind: the server saw the client as this. */
  nat?: string;
  /** The helper's options the capture's box ran with (a capture does not show them). */
  config?: Record<string, unknown>;
}

function readCapture(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new FlowError(`cannot read capture ${file}: ${(error as Error).message}`);
  }
}

/** The conversations of a capture on the chosen helper's port, or on every helper's. */
export function captureConversations(file: string, options: CaptureOptions): Conversation[] {
  const bytes = readCapture(file);
  const helper = options.helper ?? (options.port === undefined ? undefined : "ftp");
  const helpers = helper === undefined ? Object.keys(helperRegistry) : [helper];
  let conversations: Conversation[];
  try {
    conversations = helpers.flatMap((name) =>
      conversationsFromCapture(bytes, { helper: name, port: options.port }),
    );
  } catch (error) {
    // Name the file: a broken capture's own message knows only the byte offset.
    if (error instanceof FlowError) throw new FlowError(`${file}: ${error.message}`);
    throw error;
  }
  if (conversations.length === 0) {
    const where =
      helper === undefined
        ? `on any helper's port (${helpers.map((h) => `${h} ${helperRegistry[h].helper.defaultPort}`).join(", ")}); name --helper and --port`
        : `of ${helper}${options.port === undefined ? "" : ` on port ${options.port}`}`;
    throw new FlowError(`${file}: no conversation ${where}`);
  }
  return conversations;
}

export function conversationName(conversation: Conversation, number: number): string {
  const { helper, client, server } = conversation;
  return `${helper} conversation #${number} (${hostPort(client.addr, client.port)} -> ${hostPort(server.addr, server.port)})`;
}

function hostPort(addr: string, port: number): string {
  return addr.includes(":") ? `[${addr}]:${port}` : `${addr}:${port}`;
}

/** A capture's conversations as cases (no expected outcome: replayed against the reference). */
export function captureCases(file: string, options: CaptureOptions): CorpusCase[] {
  return captureConversations(file, options).map((conversation, i) => {
    const flow = conversationToFlow(conversation);
    if (options.config !== undefined) flow.config = structuredClone(options.config);
    if (options.nat !== undefined) flow.nat = { client: { addr: options.nat } };
    return { name: conversationName(conversation, i + 1), property: "capture", flow };
  });
}

/** The capture flags as typed, checked. */
export function captureOptionsFrom(flags: {
  helper?: string;
  port?: string;
  nat?: string;
  config?: string;
}): CaptureOptions {
  return {
    helper: flags.helper === undefined ? undefined : chooseHelpers([flags.helper])[0],
    port: parsePort(flags.port),
    nat: parseNatAddress(flags.nat),
    config: parseConfig(flags.config),
  };
}

export function parseNatAddress(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (addressFamily(text) === null) {
    throw new UsageError(`--nat needs an IPv4 or IPv6 address, got "${text}"`);
  }
  return text;
}

export function parseConfig(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError(
      `--config needs a JSON object of helper options, e.g. '{"loose":true}', got ${JSON.stringify(text)}`,
    );
  }
  return value as Record<string, unknown>;
}

export function parsePort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    throw new UsageError(`--port needs a port number 1-65535, got "${text}"`);
  }
  return port;
}
