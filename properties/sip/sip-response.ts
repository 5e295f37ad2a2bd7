import fc from "fast-check";
import { headerName } from "./sip-header-name.ts";
import { contentLengthSpelling, type SipMessage } from "./sip-message.ts";
import { sipNumber } from "./sip-number.ts";
import { contactLines } from "./sip-request.ts";
import { sdpBody } from "./sip-sdp.ts";
import { sipUri } from "./sip-uri.ts";
import type { SipText } from "./sip-view.ts";

const STATUS = fc.oneof(
  {
    weight: 16,
    arbitrary: fc.constantFrom("100 Trying", "180 Ringing", "183 Session Progress", "200 OK"),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "401 Unauthorized",
      "403 Forbidden",
      "486 Busy Here",
      "487 Request Terminated",
      "503 Service Unavailable",
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom("0 Zero", "abc OK", "4294967301 Big", "200", "099 Early", "699 Odd"),
  },
);

/** A response to INVITE/REGISTER/UPDATE/PRACK/BYE/OPTIONS with the CSeq method and number,
 * the Via naming the request's sender (as this side sees it), Contacts with expires= (2xx to
 * REGISTER), and SDP on 1xx/2xx to INVITE mostly. */
export function sipResponse(): fc.Arbitrary<SipMessage> {
  return fc
    .record({
      status: STATUS,
      version: fc.oneof(
        { weight: 20, arbitrary: fc.constant("SIP/2.0") },
        fc.constantFrom("sip/2.0", "SIP/2.1"),
      ),
      method: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom("INVITE", "REGISTER") },
        fc.constantFrom("UPDATE", "PRACK", "BYE", "OPTIONS"),
      ),
      cseq: fc.oneof(
        { weight: 30, arbitrary: fc.constantFrom("1", "2", "20") },
        fc.constantFrom("", "abc", "0x1"),
      ),
      cseqMissing: fc.oneof({ weight: 20, arbitrary: fc.constant(false) }, fc.constant(true)),
      via: fc.tuple(
        headerName("Via"),
        fc.constantFrom(
          ";branch=z9hG4bK776asdhds",
          ";rport=5060;received=192.0.2.99;branch=z9hG4bK1",
          ";branch=z9hG4bKx;rport",
          "",
        ),
      ),
      contacts: fc.option(contactLines(), { freq: 2 }),
      expires: fc.option(sipNumber(), { freq: 3 }),
      to: sipUri(fc.constant(";tag=a6c85cf")),
      body: fc.option(sdpBody(), { freq: 2 }),
      contentLength: contentLengthSpelling(),
      contentLengthName: headerName("Content-Length"),
      contentLengthAt: fc.nat(8),
    })
    .map((r): SipMessage => {
      const headers: SipText[] = [
        (v) => `${r.via[0]}SIP/2.0/${v.l4.toUpperCase()} ${receiverHost(v)}${r.via[1]}`,
        (v) => `To: ${r.to(v)}`,
        () => "Call-ID: a84b4c76e66710@pc33",
      ];
      if (!r.cseqMissing) headers.push(() => `CSeq: ${r.cseq} ${r.method}`);
      headers.push(...(r.contacts ?? []));
      if (r.expires !== null) headers.push(() => `Expires: ${r.expires}`);
      if (r.body) headers.push(() => "Content-Type: application/sdp");
      return {
        start: () => `${r.version} ${r.status}`,
        headers,
        body: r.body,
        contentLength: r.contentLength,
        contentLengthName: r.contentLengthName,
        contentLengthAt: r.contentLengthAt,
        terminated: true,
      };
    });
}

/** A response's top Via names the request's sender: the peer as this side sees it. */
function receiverHost(v: Parameters<SipText>[0]): string {
  const a = v.receiver;
  return `${a.includes(":") ? `[${a}]` : a}:${v.receiverPort}`;
}
