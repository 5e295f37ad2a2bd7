// For unit tests of the handlers: a SipMessage over one text, on a fresh connection.

import { conntrackOf } from "../core/driver.ts";
import { expectationTableFor } from "../core/expectation-table.ts";
import type { Dir, Flow } from "../core/model.ts";
import { SipMessage } from "./connection.ts";
import { sipHelper } from "./index.ts";

export const FIXTURE_CLIENT = "10.0.0.2";
export const FIXTURE_SERVER = "203.0.113.5";
export const FIXTURE_NAT = "198.51.100.7";

export function fixtureMessage(
  text: string,
  dir: Dir = "orig",
  over: Partial<Flow> = {},
  config: Record<string, unknown> = {},
): SipMessage {
  const flow: Flow = {
    helper: "sip",
    l4: "udp",
    client: { addr: FIXTURE_CLIENT, port: 5060 },
    server: { addr: FIXTURE_SERVER, port: 5060 },
    segments: [],
    ...over,
  };
  const family = flow.client.addr.includes(":") ? 6 : 4;
  const conntrack = conntrackOf(flow, family);
  const parsed = sipHelper.parseConfig(config);
  const m = new SipMessage();
  m.begin(
    {
      conntrack,
      config: parsed,
      state: sipHelper.newState(conntrack, parsed),
      expectations: expectationTableFor(sipHelper.policy),
    },
    dir,
    Uint8Array.from(text, (c) => c.charCodeAt(0)),
  );
  m.start = 0;
  m.length = text.length;
  return m;
}

export const fixtureText = (m: SipMessage) => String.fromCharCode(...m.data);
