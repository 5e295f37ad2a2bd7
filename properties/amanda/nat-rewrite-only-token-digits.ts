// Amanda's second security property: a NAT rewrite changes nothing but the digits right
// after a token, and writes there the port of an expectation it created (plain decimal),
// followed by the digits it did not read (beyond the 5th).

import type fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { bytesText, sameBytes } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";
import { maskTokenDigits, tokenDigitRuns } from "./token-digit-runs.ts";

const MAX_DIGITS_READ = 5;

function isPortWritten(before: string, after: string, ports: Set<number>): boolean {
  for (const port of ports) {
    for (let read = 1; read <= Math.min(MAX_DIGITS_READ, before.length); read++) {
      if (after === String(port) + before.slice(read)) return true;
    }
  }
  return false;
}

export function natRewriteOnlyTokenDigits(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "nat-rewrite-only-token-digits",
    description:
      "A rewritten reply differs from its input only in the digits after DATA/MESG/INDEX/STATE, each rewritten run being an expected port in plain decimal followed by the digits beyond the 5th.",
    arbitrary: flows,
    check(flow, { target }) {
      const outcome = target.run(flow);
      const ports = new Set(outcome.expectations.map((e) => e.dport));
      outcome.segments.forEach((s, i) => {
        const input = flow.segments[i];
        if (s.verdict !== "accept" || sameBytes(s.data, input.data)) return;
        const shown = `segment #${i} "${bytesText(input.data)}" forwarded as "${bytesText(s.data)}"`;
        if (input.dir !== "reply" || !flow.nat) {
          throw new Error(`${shown}: only replies under NAT may be rewritten`);
        }
        if (maskTokenDigits(input.data) !== maskTokenDigits(s.data)) {
          throw new Error(`${shown}: bytes other than a token's digits changed`);
        }
        const before = tokenDigitRuns(input.data);
        const after = tokenDigitRuns(s.data);
        before.forEach((run, k) => {
          const written = after[k].digits;
          if (written !== run.digits && !isPortWritten(run.digits, written, ports)) {
            throw new Error(
              `${shown}: "${run.digits}" became "${written}", which is no expected port (${[...ports].join(", ") || "none"}) followed by the unread digits`,
            );
          }
        });
      });
    },
  };
}
