// Shared by spec models only; never imported by fast helpers, and never imports fast-helper
// mechanics (docs/ARCHITECTURE.md, layout).
//
// Checks a flow as tool input and builds the conntrack tuples a helper reads
// (kernel-helpers.md §1.2): orig = client → server, reply = server → the client as the
// server sees it. Anything wrong here is the tool user's mistake, never the peers':
// FlowError.

import { addressFamily, canonicalAddress } from "../core/address.ts";
import type { Family, Tuple } from "../core/helper.ts";
import { type Dir, type Flow, FlowError, type L4 } from "../core/model.ts";
import { reach } from "./behaviour.ts";
import { isPortNumber } from "./config-values.ts";

/** What one helper accepts as its flow. */
export interface FlowRules {
  helper: string;
  /** The transport(s) the helper registers for; SIP takes UDP and TCP (docs/sip.md, config options). */
  l4: L4 | readonly L4[];
  /** The helper registers for AF_INET only (IRC, §3.1). */
  ipv4Only?: boolean;
}

export interface Connection {
  /** The flow's transport, one of FlowRules.l4. */
  l4: L4;
  family: Family;
  /** Addresses in canonical text; source NAT keeps the client's port (model.ts Flow.nat). */
  tuple: Record<Dir, Tuple>;
  /** Source NAT on: the helper's NAT half runs (§1.4). */
  natted: boolean;
}

function familyOf(rules: FlowRules, text: unknown, what: string): Family {
  const family = typeof text === "string" ? addressFamily(text) : null;
  if (family === null) {
    throw new FlowError(`${rules.helper}: ${what} is not an IP address: ${String(text)}`);
  }
  if (rules.ipv4Only && family !== 4) throw new FlowError(`${rules.helper} is IPv4 only`);
  return family;
}

function checkEndpoint(rules: FlowRules, endpoint: unknown, what: string): Family {
  if (typeof endpoint !== "object" || endpoint === null) {
    throw new FlowError(`${rules.helper}: ${what} endpoint missing`);
  }
  const { addr, port } = endpoint as { addr?: unknown; port?: unknown };
  if (!isPortNumber(port)) throw new FlowError(`${rules.helper}: ${what}.port must be 0..65535`);
  return familyOf(rules, addr, `${what}.addr`);
}

function checkSegments(helper: string, flow: Flow): void {
  if (!Array.isArray(flow.segments)) throw new FlowError(`${helper}: segments must be an array`);
  flow.segments.forEach((segment, index) => {
    if (segment.dir !== "orig" && segment.dir !== "reply") {
      throw new FlowError(`${helper}: segment ${index}: dir must be "orig" or "reply"`);
    }
    if (!(segment.data instanceof Uint8Array)) {
      throw new FlowError(`${helper}: segment ${index}: data must be bytes`);
    }
    if (segment.seq !== undefined && !Number.isSafeInteger(segment.seq)) {
      throw new FlowError(`${helper}: segment ${index}: seq must be an integer`);
    }
  });
}

/** The conntrack entry once NAT is set up. */
export function connectionOf(flow: Flow, rules: FlowRules): Connection {
  const { helper } = rules;
  if (flow.helper !== helper)
    throw new FlowError(`${helper} spec cannot run helper ${flow.helper}`);
  const transports: readonly L4[] = typeof rules.l4 === "string" ? [rules.l4] : rules.l4;
  if (!transports.includes(flow.l4)) {
    throw new FlowError(`${helper}: l4 must be ${transports.join(" or ")}`);
  }
  const family = checkEndpoint(rules, flow.client, "client");
  if (checkEndpoint(rules, flow.server, "server") !== family) {
    throw new FlowError(`${helper}: client and server addresses are of different families`);
  }
  let seenClient = flow.client.addr;
  if (flow.nat !== undefined) {
    const natAddress = flow.nat?.client?.addr;
    if (familyOf(rules, natAddress, "nat.client.addr") !== family) {
      throw new FlowError(`${helper}: the NAT address is of another family than the endpoints`);
    }
    seenClient = natAddress;
  }
  checkSegments(helper, flow);
  const client = canonicalAddress(flow.client.addr);
  const server = canonicalAddress(flow.server.addr);
  const seen = canonicalAddress(seenClient);
  reach(`IPv${family}${seen !== client ? ", source NAT" : ""}`);
  return {
    l4: flow.l4,
    family,
    tuple: {
      orig: { src: client, sport: flow.client.port, dst: server, dport: flow.server.port },
      reply: { src: server, sport: flow.server.port, dst: seen, dport: flow.client.port },
    },
    // §1.4: the NAT half runs only when the tuple really changed (IPS_SRC_NAT); SNAT onto
    // the client's own address changes nothing (measured on 6.18.44).
    natted: seen !== client,
  };
}
