// The interface every fast helper implements. It mirrors the kernel's split: the driver
// (core/driver.ts) plays conntrack (tuples, expectation table, sequence adjustment after
// the helper); a helper only sees one packet at a time with its connection's state.

import type { Dir, Expectation, L4, RelatedL4, Verdict } from "./model.ts";

export type Family = 4 | 6;

/** One direction of a conntrack entry. Addresses are canonical text. */
export interface Tuple {
  src: string;
  sport: number;
  dst: string;
  dport: number;
}

/** The conntrack entry a helper is attached to, as the kernel holds it once NAT is set up:
 * orig = client → server; reply = server → the client as the server sees it (the NAT
 * address under source NAT, the client's own address otherwise). */
export interface Conntrack {
  l4: L4;
  family: Family;
  orig: Tuple;
  reply: Tuple;
  /** Source NAT is active (the kernel's IPS_SRC_NAT): the NAT half of a helper runs. */
  natted: boolean;
}

/** What a helper sees of one segment. seq is in the sender's original sequence space
 * (before any sequence adjustment), mod 2^32. data is never modified by a helper. */
export interface Packet {
  dir: Dir;
  seq: number;
  data: Uint8Array;
}

/** The helper's decision on one packet. data = the payload to forward when the NAT half
 * rewrote it (the driver records the length change for sequence adjustment). */
export interface PacketResult {
  verdict: Verdict;
  data?: Uint8Array;
  /** The TCP sequence-adjustment delta to record for this segment when it is not the
   * payload's length change (SIP records one s16 sum per segment, and none when it stops
   * early); absent = data's length change. */
  seqAdjust?: number;
}

/** nf_ct_expect_related's answers: ok (inserted, possibly replacing an identical one or
 * evicting the oldest over max_expected), busy (clashes with a live one), already (an
 * identical one of another class), full (no room even after eviction). */
export type ExpectResult = "ok" | "busy" | "already" | "full";

export interface ExpectationRequest extends Expectation {
  /** Expectation class (0 for every classic helper; SIP uses per-media classes). */
  expectClass?: number;
}

/** The per-flow expectation table: what the helper inserted, with the kernel's rules. */
export interface ExpectationSink {
  expect(request: ExpectationRequest): ExpectResult;
}

/** Picks live expectations by tuple and class. */
export type ExpectationMatch = (expectation: Expectation, expectClass: number) => boolean;

/** The table as a helper that also removes and looks up its live expectations sees it
 * (SIP's flush_expectations, nf_ct_unexpect_related, and the REGISTER 2xx lookup). */
export interface ExpectationStore extends ExpectationSink {
  /** Removes live expectations the match picks, newest first (the master's list order),
   * at most `limit` of them; returns how many. Removed ones stay in the creation record. */
  remove(match: ExpectationMatch, limit?: number): number;
  /** The newest live expectation the match picks. */
  find(match: ExpectationMatch): Expectation | undefined;
}

/** Everything a helper knows about its connection while processing a packet. */
export interface ConnectionContext<Config, State> {
  conntrack: Conntrack;
  config: Config;
  state: State;
  expectations: ExpectationStore;
}

export interface HelperPolicy {
  /** Per-class cap on live expectations of one master; the oldest is evicted. */
  maxExpected: number;
  /** One cap per expectation class (index = class), for helpers with several classes
   * (SIP: signalling, audio, video, image); absent = `maxExpected` for class 0. */
  maxExpectedByClass?: readonly number[];
  timeoutSeconds: number;
}

export interface HelperDefinition<Config = unknown, State = unknown> {
  name: string;
  /** The transport of its connections (the first of `transports` when there are several). */
  l4: L4;
  /** Every transport it runs on (SIP: UDP and TCP); absent = `[l4]`. */
  transports?: readonly L4[];
  /** The protocol(s) of the related connections it expects, when not its own (Amanda
   * announces TCP data streams over UDP; talk expects a UDP daemon message after ANNOUNCE
   * and a TCP conversation after LOOK_UP; SIP media is UDP, a REGISTER expects its own
   * transport). */
  relatedL4?: RelatedL4 | readonly RelatedL4[];
  defaultPort: number;
  families: readonly Family[];
  policy: HelperPolicy;
  /** The policy for one connection's config, where options change it (IRC's
   * max_dcc_channels); absent = `policy` always. */
  policyFor?(config: Config): HelperPolicy;
  /** Validates and completes the flow's config; throws FlowError naming a bad option. */
  parseConfig(raw: Record<string, unknown> | undefined): Config;
  newState(conntrack: Conntrack, config: Config): State;
  /** Never throws on any bytes. */
  process(connection: ConnectionContext<Config, State>, packet: Packet): PacketResult;
}
