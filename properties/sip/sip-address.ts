import fc from "fast-check";
import type { SipText, SipView } from "./sip-view.ts";

/** Whose address a URI, Via or SDP line names. */
export type AddressRole =
  | "sender"
  | "receiver"
  | "client"
  | "server"
  | "nat"
  | "third-party"
  | "hostname"
  | "other-family"
  | "garbage";

const THIRD = { 4: "192.0.2.99", 6: "2001:db8:77::99" } as const;
const OTHER = { 4: "2001:db8:1::2", 6: "198.18.0.2" } as const;

/** The address as text, unbracketed (SDP form). */
export function addressText(role: AddressRole, view: SipView): string {
  switch (role) {
    case "sender":
      return view.sender;
    case "receiver":
      return view.receiver;
    case "client":
      return view.client;
    case "server":
      return view.server;
    case "nat":
      return view.nat ?? view.client;
    case "third-party":
      return THIRD[view.family];
    case "hostname":
      return "pbx.example.com";
    case "other-family":
      return OTHER[view.family];
    case "garbage":
      return view.family === 4 ? "198.18.0" : "2001:db8::zz";
  }
}

/** The address as a URI or Via host: IPv6 in brackets, or (sometimes) without them. */
export function hostText(role: AddressRole, bracketV6 = true): SipText {
  return (view) => {
    const a = addressText(role, view);
    return a.includes(":") && bracketV6 ? `[${a}]` : a;
  };
}

/** Mostly the sender's own address (what makes the helper act), else every other kind. */
export function addressRole(): fc.Arbitrary<AddressRole> {
  return fc.oneof(
    { weight: 16, arbitrary: fc.constant<AddressRole>("sender") },
    { weight: 2, arbitrary: fc.constant<AddressRole>("receiver") },
    { weight: 1, arbitrary: fc.constantFrom<AddressRole>("client", "server", "nat") },
    {
      weight: 2,
      arbitrary: fc.constantFrom<AddressRole>("third-party", "hostname", "other-family", "garbage"),
    },
  );
}
