// CTL_MSG requests as the talk client sends them to a daemon: each type (LEAVE_INVITE,
// LOOK_UP, DELETE, ANNOUNCE, ntalk2's REPLY_QUERY, and unknown ones), names and ttys of
// any length, ntalk2 extensions, and addr/ctl_addr naming the connection's own ends,
// INADDR_ANY or some other host.

import fc from "fast-check";
import type { FlowSkeleton } from "../core/flow-skeleton.ts";
import { type AddressTemplate, renderAddress, talkAddress } from "./talk-address.ts";
import { messageBytes } from "./talk-bytes.ts";
import { flavourOn, ntalkFlavour } from "./talk-flavour.ts";

export interface RequestTemplate {
  render(skeleton: FlowSkeleton): Uint8Array;
}

const NAMES = ["alice", "bob", "root", "", "averyveryverylongname", "ü"];
const TTYS = ["pts/0", "pts/17", "tty1", "", "console", "/dev/pts/123456789"];

export function requestType(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 4 }) },
    { weight: 1, arbitrary: fc.nat(255) },
  );
}

export function talkRequest(): fc.Arbitrary<RequestTemplate> {
  return fc
    .record({
      on518: ntalkFlavour(),
      type: requestType(),
      idNum: fc.oneof(fc.constantFrom(0, 1, 0xffff_ffff), fc.nat()),
      addr: talkAddress(),
      ctlAddr: talkAddress(),
      pid: fc.nat(),
      callerName: fc.constantFrom(...NAMES),
      calleeName: fc.constantFrom(...NAMES),
      tty: fc.constantFrom(...TTYS),
      extension: fc.oneof(
        { weight: 3, arbitrary: fc.constant(new Uint8Array()) },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 255 }) },
      ),
    })
    .map((fields) => ({
      render: (skeleton: FlowSkeleton) =>
        messageBytes({
          ...fields,
          flavour: flavourOn(skeleton, fields.on518),
          addr: renderAddress(fields.addr as AddressTemplate, skeleton),
          ctlAddr: renderAddress(fields.ctlAddr as AddressTemplate, skeleton),
        }),
    }));
}
