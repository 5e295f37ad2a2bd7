// Datagrams no talk peer sends on purpose: requests and answers with a wrong version byte,
// cut short or one byte too long, the other port's layout, an ntalk2 request whose
// `extended` count disagrees with its length, binary noise and empty datagrams.

import fc from "fast-check";
import type { FlowSkeleton } from "../core/flow-skeleton.ts";
import { talkAnswer } from "./talk-answer.ts";
import { talkRequest } from "./talk-request.ts";

export interface OddTemplate {
  render(skeleton: FlowSkeleton): Uint8Array;
}

function validDatagram(): fc.Arbitrary<OddTemplate> {
  return fc.oneof(talkRequest(), talkAnswer());
}

function wrongVersion(): fc.Arbitrary<OddTemplate> {
  return fc.tuple(validDatagram(), fc.constantFrom(0, 3, 0x81, 255)).map(([valid, version]) => ({
    render(skeleton: FlowSkeleton) {
      const data = Uint8Array.from(valid.render(skeleton));
      if (data.length > 0) data[0] = version;
      return data;
    },
  }));
}

function resized(): fc.Arbitrary<OddTemplate> {
  return fc.tuple(validDatagram(), fc.integer({ min: -30, max: 2 })).map(([valid, change]) => ({
    render(skeleton: FlowSkeleton) {
      const data = valid.render(skeleton);
      if (change === 0) return data;
      if (change > 0) return Uint8Array.of(...data, ...new Uint8Array(change));
      return data.subarray(0, Math.max(0, data.length + change));
    },
  }));
}

/** The other port's layout: an old-talk datagram on 518, an ntalk one on 517. */
function otherPortLayout(): fc.Arbitrary<OddTemplate> {
  return validDatagram().map((valid) => ({
    render: (skeleton: FlowSkeleton) =>
      valid.render({
        ...skeleton,
        server: { ...skeleton.server, port: skeleton.server.port === 517 ? 518 : 517 },
      }),
  }));
}

function wrongExtendedCount(): fc.Arbitrary<OddTemplate> {
  return fc.tuple(talkRequest(), fc.integer({ min: 1, max: 255 })).map(([valid, off]) => ({
    render(skeleton: FlowSkeleton) {
      const data = Uint8Array.from(valid.render(skeleton));
      if (data.length >= 4) data[3] = (data[3] + off) & 0xff;
      return data;
    },
  }));
}

function noise(): fc.Arbitrary<OddTemplate> {
  return fc
    .oneof(
      fc.uint8Array({ maxLength: 2 }),
      fc.uint8Array({ minLength: 20, maxLength: 100 }),
      fc.constantFrom(24, 36, 76, 84).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
    )
    .map((bytes) => ({ render: () => bytes }));
}

export function talkOddDatagram(): fc.Arbitrary<OddTemplate> {
  return fc.oneof(wrongVersion(), resized(), otherPortLayout(), wrongExtendedCount(), noise());
}
