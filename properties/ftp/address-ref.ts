// Which host a command or reply names. Chosen before the flow's addresses are known and
// resolved against its skeleton, so generation needs no fc.chain.

import fc from "fast-check";
import { addressBytes } from "../../helpers/core/address.ts";
import type { Family } from "../../helpers/core/helper.ts";
import type { Dir } from "../../helpers/core/model.ts";
import type { FlowSkeleton } from "../core/flow-skeleton.ts";
import { testIPv4Address, testIPv6Address } from "../core/test-addresses.ts";

export type AddressRef =
  | { kind: "sender" }
  | { kind: "receiver" }
  | { kind: "nat" }
  | { kind: "foreign"; v4: string; v6: string };

export function foreignAddress(): fc.Arbitrary<AddressRef> {
  return fc.record({
    kind: fc.constant("foreign" as const),
    v4: testIPv4Address(),
    v6: testIPv6Address(),
  });
}

/** Mostly the sender's own address, so that expectations do get created. */
export function addressRef(): fc.Arbitrary<AddressRef> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant<AddressRef>({ kind: "sender" }) },
    { weight: 1, arbitrary: fc.constant<AddressRef>({ kind: "receiver" }) },
    { weight: 1, arbitrary: fc.constant<AddressRef>({ kind: "nat" }) },
    { weight: 2, arbitrary: foreignAddress() },
  );
}

/** The address text a ref stands for in family `family`. A flow's own hosts are used when
 * they are of that family; else (or for a foreign ref) the ref's foreign address. */
export function resolveAddress(
  ref: AddressRef,
  dir: Dir,
  flow: FlowSkeleton,
  family: Family,
): string {
  const own = (() => {
    const sender = dir === "orig" ? flow.client.addr : flow.server.addr;
    const receiver = dir === "orig" ? flow.server.addr : flow.client.addr;
    if (ref.kind === "sender") return sender;
    if (ref.kind === "receiver") return receiver;
    if (ref.kind === "nat") return flow.nat?.client.addr ?? sender;
    return null;
  })();
  if (own !== null && flow.family === family) return own;
  if (ref.kind === "foreign") return notAHostOf(flow, family === 4 ? ref.v4 : ref.v6);
  // An IPv4 field on an IPv6 flow: the first four bytes of the host, the only bytes the
  // kernel's PORT/227 parsers overwrite, so the comparison with the sender can still match.
  if (own !== null && family === 4) return [...addressBytes(own).subarray(0, 4)].join(".");
  return family === 4 ? "192.0.2.1" : "2001:db8::1";
}

const STAND_INS = ["192.0.2.254", "192.0.2.253", "192.0.2.252", "192.0.2.251"];
const STAND_INS_V6 = ["2001:db8::fe", "2001:db8::fd", "2001:db8::fc", "2001:db8::fb"];

/** A foreign address that happens to be one of the flow's hosts is replaced, so "foreign"
 * always means "not an endpoint of this flow". */
function notAHostOf(flow: FlowSkeleton, address: string): string {
  const hosts = [flow.client.addr, flow.server.addr, flow.nat?.client.addr];
  if (!hosts.includes(address)) return address;
  const standIns = address.includes(":") ? STAND_INS_V6 : STAND_INS;
  return standIns.find((candidate) => !hosts.includes(candidate))!;
}
