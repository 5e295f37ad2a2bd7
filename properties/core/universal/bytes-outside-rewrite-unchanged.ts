import type fc from "fast-check";
import type { Flow } from "../../../helpers/core/model.ts";
import { bytesText, sameBytes } from "../outcome-text.ts";
import type { FlowProperty } from "../property.ts";

/** The one span where `output` differs from `input`: input[start, inputEnd) was replaced by
 * output[start, outputEnd). Common prefix first, then the common suffix of what is left. */
export function rewrittenSpan(
  input: Uint8Array,
  output: Uint8Array,
): { start: number; inputEnd: number; outputEnd: number } {
  let start = 0;
  const shorter = Math.min(input.length, output.length);
  while (start < shorter && input[start] === output[start]) start++;
  let suffix = 0;
  while (
    suffix < shorter - start &&
    input[input.length - 1 - suffix] === output[output.length - 1 - suffix]
  ) {
    suffix++;
  }
  return { start, inputEnd: input.length - suffix, outputEnd: output.length - suffix };
}

export interface RewriteOptions {
  /** Bytes that frame the protocol's units (e.g. CR and LF for line protocols): a rewrite
   * replaces a token inside a unit, so neither side of the span may contain one. */
  framingBytes?: readonly number[];
}

export function bytesOutsideRewriteUnchanged(
  flows: fc.Arbitrary<Flow>,
  options: RewriteOptions = {},
): FlowProperty {
  const framing = new Set(options.framingBytes ?? []);
  return {
    name: "bytes-outside-rewrite-unchanged",
    description:
      "Without NAT every accepted segment is forwarded byte for byte; with NAT only one contiguous span inside a protocol unit may change.",
    arbitrary: flows,
    check(flow, { target }) {
      const outcome = target.run(flow);
      outcome.segments.forEach((s, i) => {
        const input = flow.segments[i]?.data;
        if (!input || s.verdict !== "accept" || sameBytes(input, s.data)) return;
        const shown = `"${bytesText(input)}" forwarded as "${bytesText(s.data)}"`;
        if (!flow.nat) throw new Error(`segment #${i} rewritten without NAT: ${shown}`);
        const span = rewrittenSpan(input, s.data);
        const replaced = input.subarray(span.start, span.inputEnd);
        const replacement = s.data.subarray(span.start, span.outputEnd);
        if ([...replaced, ...replacement].some((byte) => framing.has(byte))) {
          throw new Error(
            `segment #${i}: the rewrite "${bytesText(replaced)}" -> "${bytesText(replacement)}" crosses a unit boundary: ${shown}`,
          );
        }
      });
    },
  };
}
