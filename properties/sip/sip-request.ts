import fc from "fast-check";
import { addressRole, hostText } from "./sip-address.ts";
import { headerName } from "./sip-header-name.ts";
import { contentLengthSpelling, type SipMessage } from "./sip-message.ts";
import { sipNumber } from "./sip-number.ts";
import { portSuffix } from "./sip-port.ts";
import { sdpBody } from "./sip-sdp.ts";
import { sipUri } from "./sip-uri.ts";
import type { SipText } from "./sip-view.ts";

export const SDP_METHODS = ["INVITE", "UPDATE", "ACK", "PRACK"];
const METHOD = fc.oneof(
  { weight: 5, arbitrary: fc.constant("INVITE") },
  { weight: 4, arbitrary: fc.constant("REGISTER") },
  { weight: 2, arbitrary: fc.constantFrom("ACK", "BYE", "UPDATE", "PRACK") },
  {
    weight: 2,
    arbitrary: fc.constantFrom("OPTIONS", "CANCEL", "MESSAGE", "SUBSCRIBE", "NOTIFY", "INFO"),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom("invite", "Register", "INVITEX", "REGISTER\t", "!weird"),
  },
);
const USER_AGENT = fc.constantFrom(
  "Linphone-Desktop/5.2.4 (belle-sip/5.2.94)",
  "baresip v3.10.1 (x86_64/linux)",
  "Asterisk PBX 20.5.0",
  "Cisco-CP7965G/9.4.2",
  "SIPp",
  "",
);

/** The Via header value: transport (mostly the flow's), the sender's host and port, and
 * parameters (branch, rport, received=, maddr= naming a third host or the sender itself);
 * sometimes a second Via after it. */
export function viaValue(): fc.Arbitrary<SipText> {
  const transport = fc.oneof(
    { weight: 8, arbitrary: fc.constant("flow") },
    fc.constantFrom("UDP", "TCP", "udp", "TLS", "SCTP"),
  );
  const params = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .constantFrom(
          ";branch=z9hG4bK776asdhds",
          ";branch=z9hG4bK.PAWn4Hmqt;rport",
          ";rport;branch=z9hG4bKx",
          ";branch=z9hG4bK1;rport=5060;received=192.0.2.99",
          ";maddr=192.0.2.99;branch=z9hG4bK2",
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
      arbitrary: fc.constant<SipText>((v) => `;maddr=${hostText("sender")(v)};branch=z9hG4bK3`),
    },
  );
  return fc
    .record({ transport, role: addressRole(), port: portSuffix(), params, second: fc.boolean() })
    .map(
      ({ transport, role, port, params, second }): SipText =>
        (v) => {
          const t = transport === "flow" ? v.l4.toUpperCase() : transport;
          const first = `SIP/2.0/${t} ${hostText(role)(v)}${port(v)}${params(v)}`;
          return second ? `${first}, SIP/2.0/UDP 192.0.2.200;branch=z9hG4bKp` : first;
        },
    );
}

/** A request's CSeq number: mostly plain, else odd spellings; `plain` fixes the plain one
 * (a dialogue's responses answer it). */
export function requestCseq(
  plain: fc.Arbitrary<string> = fc.constantFrom("1", "2", "20"),
): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 30, arbitrary: plain },
    fc.constantFrom("", "0x1", "abc", "4294967296", "0009"),
  );
}

/** Contact header lines: one to three, as a comma list or separate headers, each with an
 * optional expires= (the REGISTER knob, in every spelling sipNumber knows). */
export function contactLines(): fc.Arbitrary<SipText[]> {
  const expiresParam = fc.oneof(
    { weight: 3, arbitrary: fc.constant("") },
    { weight: 2, arbitrary: sipNumber().map((n) => `;expires=${n}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        ";q=0.7;expires=3600",
        ';+sip.instance="<urn:uuid:7b8a>"',
        ";expires",
      ),
    },
  );
  return fc
    .record({
      name: headerName("Contact"),
      uris: fc.array(sipUri(expiresParam), { minLength: 1, maxLength: 3 }),
      commaList: fc.boolean(),
    })
    .map(({ name, uris, commaList }) =>
      commaList
        ? [(v) => name + uris.map((u) => u(v)).join(", ")]
        : uris.map(
            (u): SipText =>
              (v) =>
                name + u(v),
          ),
    );
}

/** A request as common user agents write it (Linphone, baresip, Asterisk, Cisco, SIPp
 * header sets, compact forms, any header order), its method's body (SDP for INVITE, UPDATE,
 * ACK, PRACK mostly), and sometimes a missing or odd CSeq. */
export function sipRequest(
  method: fc.Arbitrary<string> = METHOD,
  cseq: fc.Arbitrary<string> = requestCseq(),
): fc.Arbitrary<SipMessage> {
  return fc
    .record({
      method,
      uri: sipUri(),
      via: fc.tuple(headerName("Via"), viaValue()),
      from: fc.tuple(headerName("From"), sipUri(fc.constant(";tag=1928301774"))),
      to: fc.tuple(headerName("To"), sipUri()),
      callId: headerName("Call-ID"),
      cseq,
      cseqMissing: fc.oneof({ weight: 20, arbitrary: fc.constant(false) }, fc.constant(true)),
      contacts: fc.option(contactLines(), { freq: 6 }),
      expires: fc.option(sipNumber(), { freq: 2 }),
      userAgent: USER_AGENT,
      withBody: fc.oneof(
        { weight: 4, arbitrary: fc.constant("method") },
        fc.constantFrom("always", "never"),
      ),
      body: sdpBody(),
      contentLength: contentLengthSpelling(),
      contentLengthName: headerName("Content-Length"),
      contentLengthAt: fc.nat(12),
      order: fc.oneof(
        { weight: 4, arbitrary: fc.constant(null) },
        fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
      ),
      terminated: fc.oneof({ weight: 30, arbitrary: fc.constant(true) }, fc.constant(false)),
    })
    .map((r): SipMessage => {
      const m = r.method.trim().toUpperCase();
      const headers: SipText[] = [
        (v) => r.via[0] + r.via[1](v),
        (v) => r.from[0] + r.from[1](v),
        (v) => r.to[0] + r.to[1](v),
        () => `${r.callId}a84b4c76e66710@pc33`,
      ];
      if (!r.cseqMissing) headers.push(() => `CSeq: ${r.cseq} ${r.method.trim()}`);
      headers.push(...(r.contacts ?? []));
      if (r.expires !== null) headers.push(() => `Expires: ${r.expires}`);
      headers.push(() => "Max-Forwards: 70");
      if (r.userAgent) headers.push(() => `User-Agent: ${r.userAgent}`);
      const hasBody =
        r.withBody === "always" || (r.withBody === "method" && SDP_METHODS.includes(m));
      if (hasBody) headers.push(() => "Content-Type: application/sdp");
      const ordered = r.order ? reorder(headers, r.order) : headers;
      return {
        start: (v) => `${r.method} ${r.uri(v).replace(/^[^<]*<|>.*$/g, "")} SIP/2.0`,
        headers: ordered,
        body: hasBody ? r.body : null,
        contentLength: r.contentLength,
        contentLengthName: r.contentLengthName,
        contentLengthAt: r.contentLengthAt,
        terminated: r.terminated,
      };
    });
}

function reorder<T>(items: T[], keys: number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % keys.length] * 100 + i }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.item);
}
