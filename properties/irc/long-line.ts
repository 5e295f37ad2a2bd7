// Lines around the kernel's 4095-byte search window: a DCC whose '\n', address or " :" lies
// just inside or just past it.

import fc from "fast-check";
import { asciiBytes, type LineTemplate } from "../core/dialogue-flow.ts";
import { type DccParts, dccBody, dccParts } from "./dcc-line.ts";

export type Padding = "target" | "file-name" | "trailer";

/** Lengths close to the window edge (and well past it). */
function paddingLength(): fc.Arbitrary<number> {
  return fc.oneof(fc.integer({ min: 4020, max: 4100 }), fc.constantFrom(1000, 4200, 6000));
}

function padded(parts: DccParts, where: Padding, length: number, body: string): string {
  const fill = "a".repeat(length);
  const nick = where === "target" ? `${parts.nick}${fill}` : parts.nick;
  const text =
    where === "file-name"
      ? body.replace(` ${parts.argument} `, ` ${parts.argument}${fill} `)
      : where === "trailer"
        ? `${body} ${fill}`
        : body;
  return `${parts.command} ${nick} :${text}${parts.ending}`;
}

export function longDccLine(): fc.Arbitrary<LineTemplate> {
  return fc
    .tuple(dccParts(), fc.constantFrom<Padding>("target", "file-name", "trailer"), paddingLength())
    .map(([parts, where, length]) => ({
      dir: "orig" as const,
      render: (flow) => asciiBytes(padded(parts, where, length, dccBody(parts, flow))),
    }));
}
