import fc from "fast-check";
import { addressRole, hostText } from "./sip-address.ts";
import { portSuffix } from "./sip-port.ts";
import type { SipText } from "./sip-view.ts";

/** A name-addr or addr-spec as user agents write it: with or without a display name and
 * angle brackets, a user part (or none), the host, a port, URI parameters (transport=,
 * ob, rinstance, lr) and header parameters after '>'. `params` are header parameters to
 * append (Contact's expires=). */
export function sipUri(params: fc.Arbitrary<string> = fc.constant("")): fc.Arbitrary<SipText> {
  const display = fc.constantFrom("", "", "Alice ", '"Alice Smith" ', '"J \\"R\\"" ', "sipp ");
  const user = fc.constantFrom("alice@", "1001@", "+15551234567@", "", "a%40b@", "samy@");
  const uriParams = fc.constantFrom(
    "",
    "",
    ";transport=udp",
    ";transport=tcp",
    ";transport=TCP",
    ";ob",
    ";rinstance=v40f3",
    ";lr",
    ";user=phone",
  );
  const scheme = fc.oneof(
    { weight: 12, arbitrary: fc.constant("sip:") },
    fc.constantFrom("SIP:", "sips:", "tel:"),
  );
  return fc
    .record({
      display,
      angle: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
      scheme,
      user,
      role: addressRole(),
      brackets: fc.oneof({ weight: 12, arbitrary: fc.constant(true) }, fc.constant(false)),
      port: portSuffix(),
      uriParams,
      params,
    })
    .map(({ display, angle, scheme, user, role, brackets, port, uriParams, params }): SipText => {
      const host = hostText(role, brackets);
      return (v) => {
        const uri = `${scheme}${user}${host(v)}${port(v)}${uriParams}`;
        return angle ? `${display}<${uri}>${params}` : `${uri}${params}`;
      };
    });
}
