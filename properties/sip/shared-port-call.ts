// A phone that binds one port for signalling and media: it registers its Contact at that
// port and offers audio on it in a call, in either order. The REGISTER's signalling
// expectation and the SDP's RTP/RTCP pair then meet: identical ones of another class are
// refused, and with direct media or direct signalling off (different sources) they clash,
// which drops the message, or makes the NAT half look for another port. And a plain
// registration: the registrar's 2xx echoes the binding (the expectation stays), with
// expires=0 (it goes), or unreadable (a port past 65535, expires= without a number:
// dropped).

import fc from "fast-check";
import type { Dir } from "../../helpers/core/model.ts";
import { asciiBytes, type LineTemplate } from "../core/dialogue-flow.ts";
import { type SipView, sipView } from "./sip-view.ts";

const other = (dir: Dir): Dir => (dir === "orig" ? "reply" : "orig");

const bracketed = (a: string) => (a.includes(":") ? `[${a}]` : a);

function headers(v: SipView, method: string, cseq: number): string {
  const me = bracketed(v.sender);
  return [
    `Via: SIP/2.0/${v.l4.toUpperCase()} ${me}:${v.senderPort};branch=z9hG4bKsp${cseq}`,
    `From: <sip:alice@${me}>;tag=4711`,
    `To: <sip:${method === "REGISTER" ? "alice" : "bob"}@${bracketed(v.receiver)}>`,
    "Call-ID: shared-port@pc33",
    `CSeq: ${cseq} ${method}`,
  ].join("\r\n");
}

function register(v: SipView): string {
  const me = bracketed(v.sender);
  return `REGISTER sip:${bracketed(v.receiver)} SIP/2.0\r\n${headers(v, "REGISTER", 1)}\r\nContact: <sip:alice@${me}:${v.senderPort}>;expires=3600\r\nContent-Length: 0\r\n\r\n`;
}

function invite(v: SipView): string {
  const ip = v.family === 4 ? "IP4" : "IP6";
  const sdp = `v=0\r\no=- 1 1 IN ${ip} ${v.sender}\r\ns=-\r\nc=IN ${ip} ${v.sender}\r\nt=0 0\r\nm=audio ${v.senderPort} RTP/AVP 0\r\n`;
  return `INVITE sip:bob@${bracketed(v.receiver)} SIP/2.0\r\n${headers(v, "INVITE", 2)}\r\nContact: <sip:alice@${bracketed(v.sender)}:${v.senderPort}>\r\nContent-Type: application/sdp\r\nContent-Length: ${sdp.length}\r\n\r\n${sdp}`;
}

export function sharedPortCall(): fc.Arbitrary<LineTemplate[]> {
  return fc
    .tuple(
      fc.oneof({ weight: 3, arbitrary: fc.constant<Dir>("orig") }, fc.constant<Dir>("reply")),
      fc.boolean(),
    )
    .map(([dir, callFirst]) => {
      const line = (text: (v: SipView) => string): LineTemplate => ({
        dir,
        render: (skeleton) => asciiBytes(text(sipView(skeleton, dir))),
      });
      return callFirst ? [line(invite), line(register)] : [line(register), line(invite)];
    });
}

/** How the registrar's 2xx names the binding it keeps. */
const BINDINGS = [
  (v: SipView) => `<sip:alice@${bracketed(v.receiver)}:${v.receiverPort}>;expires=3600`,
  (v: SipView) => `<sip:alice@${bracketed(v.receiver)}:${v.receiverPort}>`,
  (v: SipView) => `<sip:alice@${bracketed(v.receiver)}:${v.receiverPort}>;expires=0`,
  (v: SipView) => `<sip:alice@${bracketed(v.receiver)}:${v.receiverPort}>;expires=never`,
  (v: SipView) => `<sip:alice@${bracketed(v.receiver)}:70000>;expires=3600`,
];

function registered(v: SipView, binding: (v: SipView) => string): string {
  return [
    "SIP/2.0 200 OK",
    `Via: SIP/2.0/${v.l4.toUpperCase()} ${bracketed(v.receiver)}:${v.receiverPort};branch=z9hG4bKsp1`,
    `To: <sip:alice@${bracketed(v.receiver)}>;tag=8321`,
    "Call-ID: shared-port@pc33",
    "CSeq: 1 REGISTER",
    `Contact: ${binding(v)}`,
    "Expires: 3600",
    "Content-Length: 0",
    "",
    "",
  ].join("\r\n");
}

/** A REGISTER and the registrar's 2xx naming the binding back. */
export function registration(): fc.Arbitrary<LineTemplate[]> {
  return fc
    .tuple(
      fc.oneof({ weight: 3, arbitrary: fc.constant<Dir>("orig") }, fc.constant<Dir>("reply")),
      fc.constantFrom(...BINDINGS),
    )
    .map(([dir, binding]) => [
      { dir, render: (skeleton) => asciiBytes(register(sipView(skeleton, dir))) },
      {
        dir: other(dir),
        render: (skeleton) => asciiBytes(registered(sipView(skeleton, other(dir)), binding)),
      },
    ]);
}
