// Planted bugs in the IRC helper: targets that wrap the built-in one and break exactly one
// IRC rule each. The universal ones come from properties/core/generic-mutants.ts.

import type { Flow, Outcome } from "../../helpers/core/model.ts";
import { asciiBytes } from "../core/dialogue-flow.ts";
import { mutant, withOutcome } from "../core/generic-mutants.ts";
import { builtinTarget } from "../core/in-process.ts";
import { inputSeqs } from "../core/input-seqs.ts";
import { sameBytes } from "../core/outcome-text.ts";
import { ipv4Number } from "./dcc-address.ts";

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** Runs the built-in helper on the flow with each segment's bytes passed through `edit`;
 * the outcome keeps the edited bytes (the properties these serve look at expectations). */
function onEditedSegments(flow: Flow, edit: (text: string, dir: string) => string): Outcome {
  const seqs = inputSeqs(flow);
  const segments = flow.segments.map((s, i) => ({
    ...s,
    seq: seqs[i],
    data: asciiBytes(edit(latin1(s.data), s.dir)),
  }));
  return builtinTarget.run({ ...flow, segments });
}

/** Writes the client's real address instead of its NAT address into rewritten DCCs. */
export const rewritesToRealAddress = mutant("rewrites-to-real-address", (flow) => {
  const outcome = builtinTarget.run(flow);
  if (!flow.nat) return outcome;
  const nat = String(ipv4Number(flow.nat.client.addr));
  const real = String(ipv4Number(flow.client.addr));
  return withOutcome(
    outcome,
    outcome.segments.map((s, i) => {
      if (s.verdict !== "accept" || sameBytes(s.data, flow.segments[i].data)) return s;
      return { ...s, data: asciiBytes(latin1(s.data).replace(nat, real)) };
    }),
  );
});

/** The pre-2022 forgery check: also takes the server's address (tuple[ORIG].dst). */
export const trustsServerAddress = mutant("trusts-server-address", (flow) => {
  const server = String(ipv4Number(flow.server.addr));
  const client = String(ipv4Number(flow.client.addr));
  const outcome = onEditedSegments(flow, (text, dir) =>
    dir === "orig"
      ? text.replace(new RegExp(`( :\\x01DCC [A-Z]+ [^ ]* )${server}\\b`), `$1${client}`)
      : text,
  );
  return withOutcome(
    builtinTarget.run(flow),
    builtinTarget.run(flow).segments,
    outcome.expectations,
  );
});

/** No forgery check at all: any address, any port is the client's own on port 5000. */
export const trustsAnyAddress = mutant("trusts-any-address", (flow) => {
  const client = String(ipv4Number(flow.client.addr));
  return onEditedSegments(flow, (text, dir) =>
    dir === "orig"
      ? text.replace(/( :\x01DCC [A-Z]+ [^ ]* )[^ ]*[ \t,]*\d*/, `$1${client} 5000`)
      : text,
  );
});

/** The pre-2022 matching: "\x01DCC " anywhere in a client segment, in any case. */
export const matchesDccAnywhere = mutant("matches-dcc-anywhere", (flow) =>
  onEditedSegments(flow, (text, dir) => {
    const at = text.search(/\x01dcc /i);
    if (dir !== "orig" || at < 0) return text;
    const rest = text.slice(at);
    return `PRIVMSG x :${rest.slice(0, 9).toUpperCase()}${rest.slice(9)}`;
  }),
);

/** Parses server segments as if the client had sent them. */
export const parsesReplyDirection = mutant("parses-reply-direction", (flow) => {
  const outcome = builtinTarget.run({
    ...flow,
    segments: flow.segments.map((s) => ({ ...s, dir: "orig" as const, seq: undefined })),
  });
  return withOutcome(
    builtinTarget.run(flow),
    builtinTarget.run(flow).segments,
    outcome.expectations,
  );
});
