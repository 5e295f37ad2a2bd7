// The address a talk datagram names in addr or ctl_addr, chosen relative to the flow: the
// connection's own ends (client, its NAT address, server), INADDR_ANY, or a third host.

import fc from "fast-check";
import { parseIPv4 } from "../../helpers/core/address.ts";
import type { FlowSkeleton } from "../core/flow-skeleton.ts";
import { testIPv4Address } from "../core/test-addresses.ts";
import { AF_INET, type SockAddr } from "./talk-bytes.ts";

export type NamedHost =
  | { kind: "client" | "nat" | "server" | "any" }
  | { kind: "other"; addr: string };

export interface AddressTemplate {
  host: NamedHost;
  family: number;
  port: number;
}

function ipOf(host: NamedHost, skeleton: FlowSkeleton): readonly number[] {
  const text =
    host.kind === "client"
      ? skeleton.client.addr
      : host.kind === "nat"
        ? (skeleton.nat?.client.addr ?? skeleton.client.addr)
        : host.kind === "server"
          ? skeleton.server.addr
          : host.kind === "other"
            ? host.addr
            : "0.0.0.0";
  return [...(parseIPv4(text) ?? new Uint8Array(4))];
}

export function renderAddress(template: AddressTemplate, skeleton: FlowSkeleton): SockAddr {
  return { family: template.family, port: template.port, ip: ipOf(template.host, skeleton) };
}

function port(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 1024, max: 65535 }) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, 517, 518, 65535) },
  );
}

function host(): fc.Arbitrary<NamedHost> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<NamedHost>({ kind: "client" }, { kind: "server" }) },
    { weight: 1, arbitrary: fc.constantFrom<NamedHost>({ kind: "nat" }, { kind: "any" }) },
    { weight: 1, arbitrary: testIPv4Address().map((addr): NamedHost => ({ kind: "other", addr })) },
  );
}

/** addr / ctl_addr: AF_INET in network order mostly (what BSD talk sends), sometimes
 * another family word (the helper never reads it). */
export function talkAddress(): fc.Arbitrary<AddressTemplate> {
  return fc.record({
    host: host(),
    family: fc.oneof({ weight: 5, arbitrary: fc.constant(AF_INET) }, fc.nat(0xffff)),
    port: port(),
  });
}
