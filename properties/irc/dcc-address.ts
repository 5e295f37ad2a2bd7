// Which address a DCC names, chosen before the flow's addresses are known and spelled as the
// one unsigned decimal IRC uses once the skeleton is: so generation needs no fc.chain.

import fc from "fast-check";
import { addressBytes } from "../../helpers/core/address.ts";
import type { FlowSkeleton } from "../core/flow-skeleton.ts";
import { testIPv4Address } from "../core/test-addresses.ts";

export type DccAddress =
  /** The client's real address (what a client behind NAT usually knows). */
  | { kind: "client" }
  /** Its NAT address (what a client learns from the server or is told to use). */
  | { kind: "nat" }
  /** The client's address plus k·2^32: the same u32 once the kernel truncates. */
  | { kind: "wrapped"; times: number }
  /** The client's address with leading zeros. */
  | { kind: "zero-padded"; zeros: number }
  /** Forged: the server (the pre-2022 check let it through), a neighbour of the client, a
   * third party, 0, or 2^32 (which reads as 0). */
  | { kind: "server" }
  | { kind: "neighbour"; delta: number }
  | { kind: "foreign"; address: string }
  | { kind: "literal"; text: string };

/** The u32 of a dotted quad. */
export function ipv4Number(address: string): number {
  const b = addressBytes(address);
  return ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
}

const TWO_32 = 2n ** 32n;

/** Addresses that name neither the client nor its NAT address. */
export function forgedDccAddress(): fc.Arbitrary<DccAddress> {
  return fc.oneof(
    fc.constant<DccAddress>({ kind: "server" }),
    fc
      .constantFrom(-1, 1, 256, -16777216)
      .map((delta): DccAddress => ({ kind: "neighbour", delta })),
    testIPv4Address().map((address): DccAddress => ({ kind: "foreign", address })),
    fc
      .constantFrom("0", "4294967296", "", "-1")
      .map((text): DccAddress => ({ kind: "literal", text })),
  );
}

/** Mostly the client itself (either spelling), sometimes forged. */
export function dccAddress(): fc.Arbitrary<DccAddress> {
  return fc.oneof(
    { weight: 10, arbitrary: fc.constant<DccAddress>({ kind: "client" }) },
    { weight: 3, arbitrary: fc.constant<DccAddress>({ kind: "nat" }) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(1, 2, 4294967295)
        .map((times): DccAddress => ({ kind: "wrapped", times })),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1, max: 12 })
        .map((zeros): DccAddress => ({ kind: "zero-padded", zeros })),
    },
    { weight: 3, arbitrary: forgedDccAddress() },
  );
}

/** The u32s the kernel accepts on this flow: tuple[ORIG].src and tuple[REPLY].dst. */
export function ownNumbers(flow: FlowSkeleton): number[] {
  return [ipv4Number(flow.client.addr), ipv4Number(flow.nat?.client.addr ?? flow.client.addr)];
}

/** A forged number that is really not the client's: moved on past the client and NAT. */
function notOwn(flow: FlowSkeleton, value: number): number {
  const own = ownNumbers(flow);
  let candidate = value >>> 0;
  while (own.includes(candidate)) candidate = (candidate + 1) >>> 0;
  return candidate;
}

export function dccAddressText(ref: DccAddress, flow: FlowSkeleton): string {
  const client = ipv4Number(flow.client.addr);
  switch (ref.kind) {
    case "client":
      return String(client);
    case "nat":
      return String(ipv4Number(flow.nat?.client.addr ?? flow.client.addr));
    case "wrapped":
      return (BigInt(client) + BigInt(ref.times) * TWO_32).toString();
    case "zero-padded":
      return "0".repeat(ref.zeros) + String(client);
    case "server":
      return String(notOwn(flow, ipv4Number(flow.server.addr)));
    case "neighbour":
      return String(notOwn(flow, client + ref.delta));
    case "foreign":
      return String(notOwn(flow, ipv4Number(ref.address)));
    case "literal":
      return ref.text;
  }
}
