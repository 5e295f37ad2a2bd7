// Flows in which no segment starts at a position the kernel tracks: segment boundaries fall
// only after a byte that is not '\n', so no segment but each direction's last ends a line,
// and nothing starts where that one ends. Lines that could open pinholes sit at the start
// of segments (after an unterminated fragment or first in their direction) or mid-segment.

import fc from "fast-check";
import type { Dir, Flow } from "../../helpers/core/model.ts";
import { delivery } from "../core/delivery.ts";
import { asciiBytes, type LineTemplate } from "../core/dialogue-flow.ts";
import { flowSkeleton, withSegments } from "../core/flow-skeleton.ts";
import { applyDelivery, cutBytes, cutOffsets, toFlowSegments } from "../core/segmentation.ts";
import { seqAdd } from "../core/sequence-space.ts";
import { clientChatter, serverChatter } from "./chatter.ts";
import { ftpConfig } from "./ftp-config.ts";
import { ftpDataLine } from "./ftp-dialogue.ts";
import { FTP_HELPER } from "./ftp-flow.ts";

const LF = 0x0a;

/** A piece of a direction's stream. `boundary`: a segment starts with this piece (only
 * honoured when the previous piece does not end with '\n'). */
interface Piece {
  line: LineTemplate;
  boundary: boolean;
}

function fragment(): fc.Arbitrary<LineTemplate> {
  const texts = fc.constantFrom("NOOP", "USER a", "TYPE I\r", "220 ready", "230-", "PORT", "x");
  return fc
    .tuple(fc.constantFrom<Dir>("orig", "reply"), texts)
    .map(([dir, text]) => ({ dir, render: () => asciiBytes(text) }));
}

function piece(): fc.Arbitrary<Piece[]> {
  const lines = fc.oneof(
    { weight: 3, arbitrary: ftpDataLine() },
    {
      weight: 1,
      arbitrary: fc.oneof(clientChatter(), serverChatter(), fragment()).map((l) => [l]),
    },
  );
  return fc
    .tuple(lines, fc.boolean())
    .map(([group, boundary]) => group.map((line) => ({ line, boundary })));
}

export function unparsedPositionFlows(): fc.Arbitrary<Flow> {
  return fc
    .tuple(
      flowSkeleton(FTP_HELPER, { config: ftpConfig() }),
      fc.array(piece(), { minLength: 1, maxLength: 8 }),
      fc.array(fc.nat(), { maxLength: 4 }),
      // Same-bytes retransmissions, reordering and bare ACKs keep the invariant; other
      // bytes would not (they could end a line where a segment starts).
      delivery(fc.constant(new Uint8Array(0))),
    )
    .map(([skeleton, groups, extraCuts, travel]) => {
      const segments: { dir: Dir; data: Uint8Array; seq: number }[] = [];
      for (const dir of ["orig", "reply"] as const) {
        const pieces = groups.flat().filter((p) => p.line.dir === dir);
        const rendered = pieces.map((p) => p.line.render(skeleton));
        const stream = Uint8Array.from(rendered.flatMap((bytes) => [...bytes]));
        const cuts = new Set<number>(cutOffsets(stream.length, extraCuts));
        let at = 0;
        rendered.forEach((bytes, i) => {
          if (i > 0 && pieces[i].boundary) cuts.add(at);
          at += bytes.length;
        });
        const allowed = [...cuts].filter((c) => c > 0 && c < stream.length && stream[c - 1] !== LF);
        let seq = travel.initialSeq[dir];
        for (const data of cutBytes(
          stream,
          allowed.sort((a, b) => a - b),
        )) {
          if (data.length === 0) continue;
          segments.push({ dir, data, seq });
          seq = seqAdd(seq, data.length);
        }
      }
      return withSegments(
        skeleton,
        toFlowSegments(applyDelivery(segments, travel.ops, travel.initialSeq), travel),
      );
    });
}
