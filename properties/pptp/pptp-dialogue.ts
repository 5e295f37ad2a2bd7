// A PPTP control connection as exchanges (RFC 2637): mostly the session set up
// (Start-Control-Connection Request/Reply) and then calls: outgoing (OCRQ/OCRP), incoming
// (ICRQ/ICRP/ICCN), cleared (CCRQ/CDN), link info, echo, WAN errors, the session stopped
// and started again. Sometimes no session at all (calls out of state), results other than
// success, a PAC answering with a call id the PNS never sent, a message from the wrong
// side, or damaged bytes either way.
//
// A PAC answers with the call id it saw: under source NAT that is the PNS's TCP port
// (nf_nat_pptp puts it in place of the PNS's id), which the line renders from the flow.

import fc from "fast-check";
import type { Dir } from "../../helpers/core/model.ts";
import type { LineTemplate } from "../core/dialogue-flow.ts";
import type { FlowSkeleton } from "../core/flow-skeleton.ts";
import { anyMessage, callId, oddMessage, resultCode } from "./pptp-messages.ts";
import { type MessageFields, type MessageName, message } from "./pptp-wire.ts";

const line = (dir: Dir, name: MessageName, fields: MessageFields = {}): LineTemplate => ({
  dir,
  render: () => message(name, fields),
});

/** The source NAT of the skeleton changes what the PAC sees (not onto the client itself). */
export function natted(skeleton: FlowSkeleton): boolean {
  return skeleton.nat !== undefined && skeleton.nat.client.addr !== skeleton.client.addr;
}

/** How the PAC names the PNS's call id: as it saw it, as the PNS wrote it, or another id. */
type PeerChoice = "seen" | "written" | number;
const peerChoice: fc.Arbitrary<PeerChoice> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<PeerChoice>("seen") },
  { weight: 1, arbitrary: fc.constant<PeerChoice>("written") },
  { weight: 1, arbitrary: callId },
);

function peerSeen(skeleton: FlowSkeleton, pnsId: number, choice: PeerChoice): number {
  if (choice === "written") return pnsId;
  if (typeof choice === "number") return choice;
  return natted(skeleton) ? skeleton.client.port : pnsId;
}

function sessionStart(): fc.Arbitrary<LineTemplate[]> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constant<LineTemplate[]>([
        line("orig", "SCCRQ"),
        line("reply", "SCCRP", { result: 1 }),
      ]),
    },
    {
      weight: 2,
      arbitrary: resultCode(1).map((result) => [
        line("orig", "SCCRQ"),
        line("reply", "SCCRP", { result }),
      ]),
    },
    { weight: 1, arbitrary: fc.constant<LineTemplate[]>([line("orig", "SCCRQ")]) },
    { weight: 1, arbitrary: fc.constant<LineTemplate[]>([line("reply", "SCCRP", { result: 1 })]) },
  );
}

function outgoingCall(): fc.Arbitrary<LineTemplate[]> {
  return fc
    .record({
      pns: callId,
      pac: callId,
      result: resultCode(5),
      peer: peerChoice,
      repeatReply: fc.oneof(
        { weight: 6, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    })
    .map(({ pns, pac, result, peer, repeatReply }) => {
      const reply: LineTemplate = {
        dir: "reply",
        render: (skeleton) =>
          message("OCRP", { callId: pac, peerCallId: peerSeen(skeleton, pns, peer), result }),
      };
      return [line("orig", "OCRQ", { callId: pns }), reply, ...(repeatReply ? [reply] : [])];
    });
}

function incomingCall(): fc.Arbitrary<LineTemplate[]> {
  return fc
    .record({
      pns: callId,
      pac: callId,
      result: resultCode(5),
      peerOfPac: fc.option(callId, { freq: 8 }),
      peerOfPns: fc.option(callId, { freq: 8 }),
      connect: fc.boolean(),
    })
    .map(({ pns, pac, result, peerOfPac, peerOfPns, connect }) => [
      line("reply", "ICRQ", { callId: pac }),
      line("orig", "ICRP", { callId: pns, peerCallId: peerOfPac ?? pac, result }),
      ...(connect || result === 1 ? [line("reply", "ICCN", { peerCallId: peerOfPns ?? pns })] : []),
    ]);
}

function clearCall(): fc.Arbitrary<LineTemplate[]> {
  return fc
    .record({ pns: callId, pac: callId, result: resultCode() })
    .chain(({ pns, pac, result }) =>
      fc.constantFrom<LineTemplate[]>(
        [line("orig", "CCRQ", { callId: pns }), line("reply", "CDN", { callId: pac, result })],
        [line("reply", "CDN", { callId: pac, result })],
        [line("orig", "CCRQ", { callId: pns })],
      ),
    );
}

function stopSession(): fc.Arbitrary<LineTemplate[]> {
  return resultCode(3).chain((result) =>
    fc.constantFrom<LineTemplate[]>(
      [line("orig", "StopCCRQ"), line("reply", "StopCCRP", { result })],
      [line("reply", "StopCCRP", { result })],
      [line("orig", "StopCCRQ")],
    ),
  );
}

const anyDir = fc.constantFrom<Dir>("orig", "reply");

function linkMessages(): fc.Arbitrary<LineTemplate[]> {
  return fc
    .tuple(anyDir, fc.constantFrom<MessageName>("SLI", "EchoRQ", "EchoRP", "WEN"), callId)
    .map(([dir, name, peer]) => [line(dir, name, { peerCallId: peer, result: 1 })]);
}

function exchange(): fc.Arbitrary<LineTemplate[]> {
  return fc.oneof(
    { weight: 6, arbitrary: outgoingCall() },
    { weight: 3, arbitrary: incomingCall() },
    { weight: 2, arbitrary: clearCall() },
    { weight: 2, arbitrary: linkMessages() },
    { weight: 1, arbitrary: stopSession() },
    { weight: 1, arbitrary: sessionStart() },
    {
      weight: 1,
      arbitrary: fc
        .tuple(anyDir, anyMessage())
        .map(([dir, bytes]) => [{ dir, render: () => bytes }]),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(anyDir, oddMessage())
        .map(([dir, bytes]) => [{ dir, render: () => bytes }]),
    },
  );
}

export function pptpDialogue(): fc.Arbitrary<LineTemplate[]> {
  return fc
    .tuple(
      fc.oneof(
        { weight: 4, arbitrary: sessionStart() },
        { weight: 1, arbitrary: fc.constant<LineTemplate[]>([]) },
      ),
      fc.array(exchange(), { maxLength: 5 }),
    )
    .map(([start, exchanges]) => [...start, ...exchanges.flat()]);
}
