// Checks a flow as tool input and builds the conntrack tuples the TFTP helper reads
// (kernel-helpers.md §1.2, §4.2). Anything wrong here is the tool user's mistake: FlowError.

import { addressFamily, canonicalAddress } from "../../core/address.ts";
import type { Family, Tuple } from "../../core/helper.ts";
import { type Dir, type Flow, FlowError } from "../../core/model.ts";

export interface Connection {
  family: Family;
  /** orig = client → server; reply = server → the client as the server sees it. */
  tuple: Record<Dir, Tuple>;
  /** Source NAT on: nf_nat_tftp runs (§1.4). */
  natted: boolean;
}

function isPortNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 65535;
}

function familyOf(text: unknown, what: string): Family {
  const family = typeof text === "string" ? addressFamily(text) : null;
  if (family === null) throw new FlowError(`tftp: ${what} is not an IP address: ${String(text)}`);
  return family;
}

function checkEndpoint(endpoint: unknown, what: string): Family {
  if (typeof endpoint !== "object" || endpoint === null) {
    throw new FlowError(`tftp: ${what} endpoint missing`);
  }
  const { addr, port } = endpoint as { addr?: unknown; port?: unknown };
  if (!isPortNumber(port)) throw new FlowError(`tftp: ${what}.port must be 0..65535`);
  return familyOf(addr, `${what}.addr`);
}

function checkSegments(flow: Flow): void {
  if (!Array.isArray(flow.segments)) throw new FlowError("tftp: segments must be an array");
  flow.segments.forEach((segment, index) => {
    if (segment.dir !== "orig" && segment.dir !== "reply") {
      throw new FlowError(`tftp: segment ${index}: dir must be "orig" or "reply"`);
    }
    if (!(segment.data instanceof Uint8Array)) {
      throw new FlowError(`tftp: segment ${index}: data must be bytes`);
    }
    if (segment.seq !== undefined && !Number.isSafeInteger(segment.seq)) {
      throw new FlowError(`tftp: segment ${index}: seq must be an integer`);
    }
  });
}

export function connectionOf(flow: Flow): Connection {
  if (flow.helper !== "tftp") throw new FlowError(`tftp spec cannot run helper ${flow.helper}`);
  if (flow.l4 !== "udp") throw new FlowError("tftp: l4 must be udp");
  const family = checkEndpoint(flow.client, "client");
  if (checkEndpoint(flow.server, "server") !== family) {
    throw new FlowError("tftp: client and server addresses are of different families");
  }
  let seenClient = flow.client.addr;
  if (flow.nat !== undefined) {
    const natAddress = flow.nat?.client?.addr;
    if (familyOf(natAddress, "nat.client.addr") !== family) {
      throw new FlowError("tftp: the NAT address is of another family than the endpoints");
    }
    seenClient = natAddress;
  }
  checkSegments(flow);
  const client = canonicalAddress(flow.client.addr);
  const server = canonicalAddress(flow.server.addr);
  return {
    family,
    tuple: {
      orig: { src: client, sport: flow.client.port, dst: server, dport: flow.server.port },
      // Source NAT keeps the client's port (model.ts Flow.nat).
      reply: {
        src: server,
        sport: flow.server.port,
        dst: canonicalAddress(seenClient),
        dport: flow.client.port,
      },
    },
    // §1.4: only a changed tuple sets IPS_SRC_NAT (SNAT onto the client's own address
    // is no NAT; measured on 6.18.44).
    natted: canonicalAddress(seenClient) !== canonicalAddress(client),
  };
}
