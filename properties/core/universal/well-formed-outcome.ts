import type fc from "fast-check";
import { addressFamily, canonicalAddress } from "../../../helpers/core/address.ts";
import type { Expectation, Flow } from "../../../helpers/core/model.ts";
import { inputSeqs } from "../input-seqs.ts";
import { bytesText, expectationText, sameBytes } from "../outcome-text.ts";
import type { FlowProperty, Subject } from "../property.ts";

function isPort(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 65535;
}

function isCanonicalOfFamily(addr: unknown, family: 4 | 6 | null): boolean {
  if (typeof addr !== "string" || addressFamily(addr) !== family) return false;
  return canonicalAddress(addr) === addr;
}

function expectationProblem(e: Expectation, flow: Flow, subject: Subject): string | undefined {
  const family = addressFamily(flow.client.addr);
  // relatedL4 may list several; a helper on several transports (SIP) also expects
  // signalling over the connection's own transport.
  const related = [
    ...[subject.helper.relatedL4 ?? subject.helper.l4].flat(),
    ...(subject.helper.transports ?? []),
  ];
  if (!related.includes(e.l4)) {
    return `l4 is ${e.l4}, the helper expects ${[...new Set(related)].join(" or ")} connections`;
  }
  if (!isCanonicalOfFamily(e.dst, family))
    return `dst ${e.dst} is not a canonical IPv${family} address`;
  if (e.src !== null && !isCanonicalOfFamily(e.src, family)) {
    return `src ${e.src} is neither null nor a canonical IPv${family} address`;
  }
  if (!isPort(e.dport)) return `dport ${e.dport} is not 0..65535`;
  if (e.sport !== null && !isPort(e.sport)) return `sport ${e.sport} is neither null nor 0..65535`;
  return undefined;
}

export function wellFormedOutcome(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "well-formed-outcome",
    description:
      "One segment outcome per input segment with a valid verdict; dropped segments carry their input bytes and seq; expectations name canonical addresses of the flow's family, ports 0..65535 and the helper's l4.",
    arbitrary: flows,
    check(flow, subject) {
      const outcome = subject.target.run(flow);
      if (outcome.segments.length !== flow.segments.length) {
        throw new Error(
          `${outcome.segments.length} segment outcomes for ${flow.segments.length} input segments`,
        );
      }
      const seqs = inputSeqs(flow);
      outcome.segments.forEach((s, i) => {
        if (s.verdict !== "accept" && s.verdict !== "drop") {
          throw new Error(`segment #${i}: verdict ${JSON.stringify(s.verdict)}`);
        }
        if (!(s.data instanceof Uint8Array)) throw new Error(`segment #${i}: data is not bytes`);
        if (!Number.isInteger(s.seq) || s.seq < 0 || s.seq >= 2 ** 32) {
          throw new Error(`segment #${i}: seq ${s.seq} is not 0..2^32-1`);
        }
        if (s.verdict === "drop") {
          if (!sameBytes(s.data, flow.segments[i].data)) {
            throw new Error(
              `segment #${i} dropped with bytes "${bytesText(s.data)}", not its input "${bytesText(flow.segments[i].data)}"`,
            );
          }
          if (s.seq !== seqs[i]) {
            throw new Error(
              `segment #${i} dropped with seq ${s.seq}, not its input seq ${seqs[i]}`,
            );
          }
        }
      });
      outcome.expectations.forEach((e, i) => {
        const problem = expectationProblem(e, flow, subject);
        if (problem) throw new Error(`expectation #${i} ${expectationText(e)}: ${problem}`);
      });
    },
  };
}
