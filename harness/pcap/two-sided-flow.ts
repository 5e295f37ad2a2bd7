// Two captures of one NAT box — on the client's side and on the server's side — paired
// into the flow the box itself received: the client's segments as the client side shows
// them, the server's as the server side shows them, in the client side's order. The NAT
// address is the client address the server side shows. Offsets are each capture's own
// stream offsets (0 = the byte after that side's SYN), so a box that also changes the
// initial sequence numbers or the client's port still pairs.

import { canonicalAddress } from "../../helpers/core/address.ts";
import { type Flow, FlowError } from "../../helpers/core/model.ts";
import { type AlignItem, alignSegments } from "./align-segments.ts";
import type { CapturedSegment, Conversation } from "./conversations.ts";

/** A conversation on the client's side of the box and the same one on the server's. */
export interface ConversationPair {
  client: Conversation;
  server: Conversation;
  /** 1-based positions among each file's conversations on the helper's port. */
  clientNumber: number;
  serverNumber: number;
}

export interface ConversationPairing {
  pairs: ConversationPair[];
  /** 1-based numbers of the conversations without a counterpart. */
  unpairedClient: number[];
  unpairedServer: number[];
}

function endpointKey(addr: string, port: number): string {
  return `${canonicalAddress(addr)}|${port}`;
}

/** By the server's address and port (destination NAT is out of the model), preferring the
 * same client port (boxes keep it when they can), else in order of appearance. */
function readsReversed(client: Conversation, server: Conversation): boolean {
  return (
    server.l4 === "udp" &&
    client.l4 === "udp" &&
    server.client.port === server.server.port &&
    endpointKey(server.client.addr, server.client.port) ===
      endpointKey(client.server.addr, client.server.port) &&
    endpointKey(server.server.addr, server.server.port) !==
      endpointKey(client.server.addr, client.server.port)
  );
}

function reversed(conversation: Conversation): Conversation {
  return {
    ...conversation,
    client: conversation.server,
    server: conversation.client,
    segments: conversation.segments.map((s) => ({
      ...s,
      dir: s.dir === "orig" ? "reply" : "orig",
    })),
  };
}

export function pairConversations(
  clientSide: readonly Conversation[],
  serverCaptured: readonly Conversation[],
): ConversationPairing {
  const sameServer = (client: Conversation, server: Conversation) =>
    server.l4 === client.l4 &&
    endpointKey(server.server.addr, server.server.port) ===
      endpointKey(client.server.addr, client.server.port);
  // A UDP conversation between two equal ports is oriented by its first datagram; when the
  // box dropped the client's, the server side starts with the server's and reads reversed.
  const serverSide = serverCaptured.map((candidate) =>
    clientSide.some((client) => readsReversed(client, candidate)) ? reversed(candidate) : candidate,
  );
  const chosen: (number | undefined)[] = clientSide.map(() => undefined);
  const used = new Set<number>();
  const choose = (samePort: boolean) => {
    clientSide.forEach((client, i) => {
      if (chosen[i] !== undefined) return;
      const j = serverSide.findIndex(
        (server, j) =>
          !used.has(j) &&
          sameServer(client, server) &&
          (!samePort || server.client.port === client.client.port),
      );
      if (j < 0) return;
      chosen[i] = j;
      used.add(j);
    });
  };
  choose(true);
  choose(false);
  const pairs: ConversationPair[] = [];
  const unpairedClient: number[] = [];
  chosen.forEach((j, i) => {
    if (j === undefined) unpairedClient.push(i + 1);
    else
      pairs.push({
        client: clientSide[i],
        server: serverSide[j],
        clientNumber: i + 1,
        serverNumber: j + 1,
      });
  });
  const unpairedServer = serverSide.map((_, j) => j + 1).filter((n) => !used.has(n - 1));
  return { pairs, unpairedClient, unpairedServer };
}

/** Which capture a segment of the two-sided flow was taken from. */
export type CaptureSideName = "client" | "server";

/** The flow the box received, with where each of its segments came from. */
export interface TwoSidedFlow {
  flow: Flow;
  /** One per flow segment: the captured segment the box received. */
  inputs: CapturedSegment[];
  /** One per flow segment, for reply segments: the client side's copy (what the box sent),
   * or null when the client side shows none. Orig segments: undefined (paired later,
   * against the model's prediction). */
  replyOutputs: (CapturedSegment | null | undefined)[];
  /** Client-side reply segments the box sent that no server segment accounts for. */
  unexplainedReplies: CapturedSegment[];
  /** The server side's orig segments: what the box sent of the client's. */
  serverSideOrig: CapturedSegment[];
}

export function segmentKey(seq: number, data: Uint8Array): string {
  return `${seq}:${Buffer.from(data).toString("base64")}`;
}

const keyed = (segment: CapturedSegment): AlignItem => ({
  key: segmentKey(segment.seq, segment.data),
});

/** The server's segments are paired with their client-side copies before any model runs
 * (they are needed to place the server's segments in the client side's order), by exact
 * agreement and then in order. */
export function twoSidedFlow(
  pair: ConversationPair,
  config?: Record<string, unknown>,
): TwoSidedFlow {
  const { client, server } = pair;
  if (client.helper !== server.helper || client.l4 !== server.l4) {
    throw new FlowError("the two sides are conversations of different helpers or transports");
  }
  const serverReplies = server.segments.filter((s) => s.dir === "reply");
  const clientReplies = client.segments.filter((s) => s.dir === "reply");
  const replyPairs = alignSegments(serverReplies.map(keyed), clientReplies.map(keyed));
  const serverOfClientReply = new Map<number, number>();
  replyPairs.forEach((k, j) => {
    if (k !== null) serverOfClientReply.set(k, j);
  });

  const inputs: CapturedSegment[] = [];
  const replyOutputs: (CapturedSegment | null | undefined)[] = [];
  const unexplainedReplies: CapturedSegment[] = [];
  // A server segment the box did not forward goes right after the one before it (as early
  // as the server side allows): its moment among the client's segments is not seen.
  let nextServerReply = 0;
  const takeServerReply = () => {
    const k = replyPairs[nextServerReply];
    inputs.push(serverReplies[nextServerReply++]);
    replyOutputs.push(k === null ? null : clientReplies[k]);
  };
  const takeUnforwarded = () => {
    while (nextServerReply < serverReplies.length && replyPairs[nextServerReply] === null) {
      takeServerReply();
    }
  };
  takeUnforwarded();
  let clientReplyIndex = 0;
  for (const segment of client.segments) {
    if (segment.dir === "orig") {
      inputs.push(segment);
      replyOutputs.push(undefined);
      continue;
    }
    const j = serverOfClientReply.get(clientReplyIndex++);
    if (j === undefined) {
      unexplainedReplies.push(segment);
      continue;
    }
    while (nextServerReply <= j) takeServerReply();
    takeUnforwarded();
  }
  while (nextServerReply < serverReplies.length) takeServerReply();

  const natted = canonicalAddress(server.client.addr) !== canonicalAddress(client.client.addr);
  const flow: Flow = {
    helper: client.helper,
    l4: client.l4,
    client: { ...client.client },
    server: { ...client.server },
    ...(config === undefined ? {} : { config }),
    ...(natted ? { nat: { client: { addr: server.client.addr } } } : {}),
    segments: inputs.map(({ dir, data, seq }) =>
      client.l4 === "tcp" ? { dir, data, seq } : { dir, data },
    ),
  };
  const serverSideOrig = server.segments.filter((s) => s.dir === "orig");
  return { flow, inputs, replyOutputs, unexplainedReplies, serverSideOrig };
}
