// The flow/outcome model of DESIGN.md. Everything a target, a property or the corpus
// exchanges is one of these types.

/** orig = from the connection's originator (the client); reply = from the server. */
export type Dir = "orig" | "reply";
export type L4 = "tcp" | "udp";
/** What a related connection runs over: a transport, or GRE (PPTP's data channel). A GRE
 * expectation keeps its tuple keys in the port fields: sport = the source key, dport = the
 * destination key (for PPTP the call ids, nf_conntrack_proto_gre's src/dst.u.gre.key). */
export type RelatedL4 = L4 | "gre";
export const RELATED_L4S: readonly RelatedL4[] = ["tcp", "udp", "gre"];
export type Verdict = "accept" | "drop";

/** An IPv4 dotted quad or IPv6 text address, and a port. */
export interface Endpoint {
  addr: string;
  port: number;
}

/** One payload segment; seq is the byte offset of data[0] in its direction's stream
 * (mod 2^32). Absent = right after the previous segment of the same direction. */
export interface Segment {
  dir: Dir;
  data: Uint8Array;
  seq?: number;
}

/** One test case: a control connection and the segments it carries. */
export interface Flow {
  helper: string;
  l4: L4;
  client: Endpoint;
  server: Endpoint;
  /** Helper options, e.g. { loose: true }. */
  config?: Record<string, unknown>;
  /** Source NAT: the server sees the client as this address (port unchanged). */
  nat?: { client: { addr: string } };
  segments: Segment[];
}

/** A pinhole: a future connection that will be RELATED. null = wildcard. For l4 "gre",
 * sport/dport are the GRE keys (0..65535), not ports. */
export interface Expectation {
  l4: RelatedL4;
  src: string | null;
  sport: number | null;
  dst: string;
  dport: number;
  /** Source-address mask as a prefix length (IPv4 0..32): the related connection's source
   * need only share this many leading bits with src (the broadcast helpers' netmask; src
   * stays the tuple's address, unmasked). Absent = src exact (or null = any). */
  srcMask?: number;
  /** NF_CT_EXPECT_PERMANENT: the expectation stays after a connection matched it (many
   * replies until it times out). Absent = removed on first match. */
  permanent?: true;
}

/** One per input segment. An accepted segment carries the bytes as forwarded (NAT
 * rewritten) and its seq after sequence adjustment. A dropped segment carries its input
 * bytes and input seq: the kernel drops it before rewriting or adjusting anything. */
export interface SegmentOutcome {
  verdict: Verdict;
  data: Uint8Array;
  seq: number;
}

export interface Outcome {
  /** Every expectation created, in creation order (evicted and replaced ones too). */
  expectations: Expectation[];
  segments: SegmentOutcome[];
}

/** An outcome with the expectations live after each segment (what the table holds once
 * evictions and replacements are done). Only in-process targets can show this. */
export interface Trace {
  outcome: Outcome;
  liveAfter: Expectation[][];
}

/** Anything that can be asked for an outcome: a fast helper, a spec model, a program, the
 * kernel. */
export interface Target {
  /** e.g. "builtin", "spec", "kernel", "cmd:./adapter" */
  name: string;
  /** The helper names this target implements. */
  helpers(): readonly string[];
  run(flow: Flow): Outcome | Promise<Outcome>;
  /** Releases processes, namespaces, ... Optional for in-process targets. */
  close?(): Promise<void>;
}

/** A flow the tool cannot run: a broken case file, an unknown helper, an option of the
 * wrong type. The command line turns it into a message and exit code 2. */
export class FlowError extends Error {
  override name = "FlowError";
}
