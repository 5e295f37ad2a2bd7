import type fc from "fast-check";
import { canonicalAddress } from "../../helpers/core/address.ts";
import type { Flow } from "../../helpers/core/model.ts";
import type { FlowProperty } from "../core/property.ts";
import { addressTokens, segmentText } from "./sip-text.ts";

function same(a: string, b: string): boolean {
  try {
    return canonicalAddress(a) === canonicalAddress(b);
  } catch {
    return a === b;
  }
}

/** Under source NAT, nf_nat_sip only swaps the connection's own client address for the NAT
 * address (client → server) and back (server → client) in the headers: every other address
 * stays, none is added or lost, and the message keeps its lines and its first word, so it
 * parses back. In the SDP the session o=/c= take the last processed media's address
 * (measured, docs/sip.md), so there the rule is: no address that was not already in
 * the body, or the swap's target, appears (or, on a kernel before the 2026-03 fixes, the
 * all-zero address its uninitialised rtp_addr held). */
export function natRewritesOwnEndpoints(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "nat-rewrites-own-endpoints",
    description:
      "Under SNAT a forwarded message differs from its input only where the client's address became the NAT address (or back, toward the client), and keeps its line count and first word.",
    arbitrary: flows.filter((f) => f.nat !== undefined),
    check(flow, { target }) {
      if (!flow.nat) return;
      const client = flow.client.addr;
      const nat = flow.nat.client.addr;
      target.run(flow).segments.forEach((s, i) => {
        if (s.verdict !== "accept") return;
        const input = segmentText(flow.segments[i].data);
        const output = segmentText(s.data);
        if (input === output) return;
        const [from, to] = flow.segments[i].dir === "orig" ? [client, nat] : [nat, client];
        // The SDP is wherever its v= line is (the kernel does not need the blank line).
        const split = (t: string) => {
          const at = t.search(/[\r\n][vV]=/);
          return at < 0 ? [t, ""] : [t.slice(0, at), t.slice(at)];
        };
        const [inHead, inBody] = split(input);
        const [outHead, outBody] = split(output);
        const before = addressTokens(inHead);
        const after = addressTokens(outHead);
        const where = `segment #${i} (${flow.segments[i].dir})`;
        const bodyKnown = [...addressTokens(inBody), to];
        // Before the 2026-03 have_rtp_addr fix (strictParsing false) an SDP without a
        // processed media got the zeroed rtp_addr: that kernel's bug, modelled, not ours.
        if (flow.config?.strictParsing === false) bodyKnown.push("0.0.0.0", "::");
        // The kernel can cut the session address short (measured, corpus
        // k9c-nat-ipv6-session-address-truncated): a prefix of a body address is its own.
        const known = (a: string) => bodyKnown.some((k) => same(k, a) || k.startsWith(a));
        for (const a of addressTokens(outBody)) {
          if (!known(a)) {
            throw new Error(
              `${where}: address ${a} was rewritten into the SDP; only ${to} or the body's own addresses may appear`,
            );
          }
        }
        if (before.length !== after.length) {
          throw new Error(
            `${where}: ${before.length} addresses went in, ${after.length} came out: [${before}] -> [${after}]`,
          );
        }
        before.forEach((a, k) => {
          if (same(a, after[k])) return;
          if (same(a, from) && same(after[k], to)) return;
          throw new Error(
            `${where}: address ${a} was rewritten to ${after[k]}; only ${from} -> ${to} may be`,
          );
        });
        const lines = (t: string) => t.split("\n").length;
        const firstWord = (t: string) => t.split(/[ \t\r\n:]/, 1)[0];
        if (lines(input) !== lines(output) || firstWord(input) !== firstWord(output)) {
          throw new Error(
            `${where}: the rewrite changed the message's shape (${lines(input)} -> ${lines(output)} lines, first word ${firstWord(input)} -> ${firstWord(output)})`,
          );
        }
      });
    },
  };
}
