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

export interface ResponseOptions {
  /** The CSeq method; any of the usual ones by default. */
  method?: fc.Arbitrary<string>;
  /** The CSeq number; plain or odd by default. */
  cseq?: fc.Arbitrary<string>;
}

export const RESPONSE_METHOD = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("INVITE", "REGISTER") },
  fc.constantFrom("UPDATE", "PRACK", "BYE", "OPTIONS"),
);

export function responseCseq(
  plain: fc.Arbitrary<string> = fc.constantFrom("1", "2", "20"),
): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 30, arbitrary: plain },
    fc.constantFrom("", "abc", "0x1", "4294967296"),
  );
}

/** The registrar's echo of the Contact it registered: the request's sender as this side
 * sees it (its NAT address under NAT), at its port, often with expires= (any spelling, or
 * none after it); now and then a host name it resolved instead. */
function registeredContact(): fc.Arbitrary<SipText[]> {
  return fc
    .tuple(
      headerName("Contact"),
      fc.oneof(
        { weight: 3, arbitrary: fc.constant<SipText>(receiverHost) },
        fc.constant<SipText>(() => "pbx.example.com"),
      ),
      fc.oneof(
        { weight: 2, arbitrary: fc.constant("") },
        { weight: 2, arbitrary: sipNumber().map((n) => `;expires=${n}`) },
        fc.constant(";expires"),
      ),
    )
    .map(([name, host, expires]) => [(v) => `${name}<sip:alice@${host(v)}>${expires}`]);
}

/** The response's top Via parameters; received= and rport= as a registrar writes them for
 * the request's sender (as this side sees it). */
const VIA_PARAMS = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(
        ";branch=z9hG4bK776asdhds",
        ";rport=5060;received=192.0.2.99;branch=z9hG4bK1",
        ";branch=z9hG4bKx;rport",
        "",
      )
      .map(
        (text): SipText =>
          () =>
            text,
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constant<SipText>(
      (v) => `;rport=${v.receiverPort};received=${v.receiver};branch=z9hG4bK4`,
    ),
  },
);

/** A response to INVITE/REGISTER/UPDATE/PRACK/BYE/OPTIONS with the CSeq method and number,
 * the Via naming the request's sender (as this side sees it), Contacts with expires= (2xx to
 * REGISTER, often the registered one echoed), and SDP on 1xx/2xx to INVITE mostly. */
export function sipResponse(options: ResponseOptions = {}): fc.Arbitrary<SipMessage> {
  return fc
    .record({
      status: STATUS,
      version: fc.oneof(
        { weight: 20, arbitrary: fc.constant("SIP/2.0") },
        fc.constantFrom("sip/2.0", "SIP/2.1"),
      ),
      method: options.method ?? RESPONSE_METHOD,
      cseq: options.cseq ?? responseCseq(),
      cseqMissing: fc.oneof({ weight: 20, arbitrary: fc.constant(false) }, fc.constant(true)),
      via: fc.tuple(headerName("Via"), VIA_PARAMS),
      contacts: fc.option(fc.oneof({ weight: 2, arbitrary: registeredContact() }, contactLines()), {
        freq: 2,
      }),
      expires: fc.option(sipNumber(), { freq: 3 }),
      to: sipUri(fc.constant(";tag=a6c85cf")),
      body: fc.option(sdpBody(), { freq: 2 }),
      contentLength: contentLengthSpelling(),
      contentLengthName: headerName("Content-Length"),
      contentLengthAt: fc.nat(8),
    })
    .map((r): SipMessage => {
      const headers: SipText[] = [
        (v) => `${r.via[0]}SIP/2.0/${v.l4.toUpperCase()} ${receiverHost(v)}${r.via[1](v)}`,
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
