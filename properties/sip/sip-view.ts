// What a message's author knows of the connection: its own address and port, and the peer's
// as it sees it (the server sees the NAT address). Message templates render from a view.

import type { Dir } from "../../helpers/core/model.ts";
import type { FlowSkeleton } from "../core/flow-skeleton.ts";

export interface SipView {
  dir: Dir;
  family: 4 | 6;
  l4: "udp" | "tcp";
  sender: string;
  senderPort: number;
  receiver: string;
  receiverPort: number;
  client: string;
  server: string;
  /** The SNAT address, when the flow has one. */
  nat?: string;
}

export function sipView(skeleton: FlowSkeleton, dir: Dir): SipView {
  const seenClient = skeleton.nat?.client.addr ?? skeleton.client.addr;
  const base = {
    dir,
    family: skeleton.family as 4 | 6,
    l4: skeleton.l4 as "udp" | "tcp",
    client: skeleton.client.addr,
    server: skeleton.server.addr,
    nat: skeleton.nat?.client.addr,
  };
  return dir === "orig"
    ? {
        ...base,
        sender: skeleton.client.addr,
        senderPort: skeleton.client.port,
        receiver: skeleton.server.addr,
        receiverPort: skeleton.server.port,
      }
    : {
        ...base,
        sender: skeleton.server.addr,
        senderPort: skeleton.server.port,
        receiver: seenClient,
        receiverPort: skeleton.client.port,
      };
}

/** A piece of message text that depends on the connection. */
export type SipText = (view: SipView) => string;

export const literal =
  (text: string): SipText =>
  () =>
    text;

export function joinTexts(parts: SipText[], separator = ""): SipText {
  return (view) => parts.map((p) => p(view)).join(separator);
}
