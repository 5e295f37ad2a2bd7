import fc from "fast-check";
import type { FlowSkeleton } from "../core/flow-skeleton.ts";
import type { TalkFlavour } from "./talk-bytes.ts";

/** On 518 a datagram is ntalk (version 1) or ntalk2 (version 2); 517 has only old talk. */
export function ntalkFlavour(): fc.Arbitrary<"ntalk" | "ntalk2"> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant("ntalk" as const) },
    { weight: 1, arbitrary: fc.constant("ntalk2" as const) },
  );
}

export function flavourOn(skeleton: FlowSkeleton, on518: "ntalk" | "ntalk2"): TalkFlavour {
  return skeleton.server.port === 517 ? "talk" : on518;
}

/** The type whose successful answer the connection's helper acts on (config.mode). */
export function ownType(skeleton: FlowSkeleton): number {
  return skeleton.config?.mode === "lookup" ? 1 : 3;
}
