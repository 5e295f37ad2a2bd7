import fc from "fast-check";
import { type AddressRole, addressRole, addressText } from "./sip-address.ts";
import type { SipText } from "./sip-view.ts";

const MEDIA = fc.oneof(
  { weight: 6, arbitrary: fc.constant("audio") },
  { weight: 2, arbitrary: fc.constant("video") },
  { weight: 1, arbitrary: fc.constantFrom("image", "application", "text", "AUDIO") },
);
const PORT = fc.oneof(
  { weight: 14, arbitrary: fc.integer({ min: 1024, max: 65534 }).map(String) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "0",
      "1000",
      "1023",
      "1024",
      "65535",
      "65536",
      "0x4e20",
      "020000",
      "",
      "6000/2",
    ),
  },
);

/** Now and then media on the sender's signalling port (a phone that binds one port for
 * both): its RTP (even port) or RTCP (odd) meets a REGISTER's signalling expectation. */
const MEDIA_PORT = fc.oneof(
  {
    weight: 12,
    arbitrary: PORT.map(
      (port): SipText =>
        () =>
          port,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constant<SipText>((v) => String(v.senderPort)),
  },
);

interface MediaPart {
  kind: string;
  port: SipText;
  role: AddressRole | null;
  attrs: string;
}

function cLine(role: AddressRole, v: Parameters<SipText>[0], ipv: string): string {
  const a = addressText(role, v);
  const family = a.includes(":") ? "IP6" : "IP4";
  return `c=IN ${ipv === "match" ? family : ipv} ${a}\r\n`;
}

/** An SDP body: one to four media (the kernel reads three), session and/or media-level c=
 * (IPv4 or IPv6, the sender's address or not), inactive (port 0) and odd or out-of-range
 * ports, the signalling port, attributes as Linphone/baresip/Asterisk write them; sometimes no v= or no c=. */
export function sdpBody(): fc.Arbitrary<SipText> {
  const media = fc.record({
    kind: MEDIA,
    port: MEDIA_PORT,
    role: fc.option(addressRole(), { freq: 3 }),
    attrs: fc.constantFrom(
      "",
      "a=rtpmap:0 PCMU/8000\r\n",
      "a=rtcp:7079\r\na=sendrecv\r\n",
      "a=inactive\r\n",
      "b=AS:64\r\na=rtcp-mux\r\n",
    ),
  });
  return fc
    .record({
      version: fc.oneof(
        { weight: 12, arbitrary: fc.constant("v=0\r\n") },
        fc.constantFrom("", "v=1\r\n", "V=0\r\n"),
      ),
      owner: addressRole(),
      session: fc.option(addressRole(), { freq: 6 }),
      ipv: fc.oneof({ weight: 10, arbitrary: fc.constant("match") }, fc.constantFrom("IP4", "IP6")),
      media: fc.array(media, { minLength: 0, maxLength: 4 }),
      lineEnd: fc.oneof({ weight: 10, arbitrary: fc.constant("\r\n") }, fc.constant("\n")),
    })
    .map(
      ({ version, owner, session, ipv, media, lineEnd }): SipText =>
        (v) => {
          let text = version;
          text += `o=- 1 1 IN ${addressText(owner, v).includes(":") ? "IP6" : "IP4"} ${addressText(owner, v)}\r\ns=-\r\n`;
          if (session) text += cLine(session, v, ipv);
          text += "t=0 0\r\n";
          for (const m of media as MediaPart[]) {
            text += `m=${m.kind} ${m.port(v)} RTP/AVP 0 101\r\n`;
            if (m.role) text += cLine(m.role, v, ipv);
            text += m.attrs;
          }
          return lineEnd === "\r\n" ? text : text.replaceAll("\r\n", "\n");
        },
    );
}
