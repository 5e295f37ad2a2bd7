// Planted bugs: targets that wrap the built-in IRC helper and break exactly one rule each.
// The planted-bug tests prove every property can fail by finding each of them.

import type { Expectation, Flow, Outcome, Trace } from "../../helpers/core/model.ts";
import { asciiBytes } from "../core/dialogue-flow.ts";
import { inputSeqs } from "../core/input-seqs.ts";
import { expectationText, sameBytes } from "../core/outcome-text.ts";
import type { SyncTarget } from "../core/property.ts";
import { seqAdd } from "../core/sequence-space.ts";
import { ipv4Number } from "./dcc-address.ts";
import { ircBuiltin } from "./irc-subject.ts";

function mutant(
  name: string,
  run: (flow: Flow) => Outcome,
  trace?: (flow: Flow) => Trace,
): SyncTarget {
  return trace ? { name, run, trace } : { name, run };
}

function withOutcome(
  outcome: Outcome,
  segments: Outcome["segments"],
  expectations = outcome.expectations,
): Outcome {
  return { expectations, segments };
}

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
  return ircBuiltin.run({ ...flow, segments });
}

/** Throws on a NUL byte. */
export const throwsOnNul = mutant("throws-on-nul", (flow) => {
  if (flow.segments.some((s) => s.data.includes(0))) throw new TypeError("cannot read NUL");
  return ircBuiltin.run(flow);
});

/** Every other call shifts the first segment's seq. */
export function flaky(): SyncTarget {
  let calls = 0;
  return mutant("flaky", (flow) => {
    const outcome = ircBuiltin.run(flow);
    if (++calls % 2 === 0 || outcome.segments.length === 0) return outcome;
    const [first, ...rest] = outcome.segments;
    return withOutcome(outcome, [{ ...first, seq: seqAdd(first.seq, 1) }, ...rest]);
  });
}

/** Loses the last segment outcome of a flow with two or more. */
export const losesLastSegment = mutant("loses-last-segment", (flow) => {
  const outcome = ircBuiltin.run(flow);
  return outcome.segments.length < 2
    ? outcome
    : withOutcome(outcome, outcome.segments.slice(0, -1));
});

/** Opens an extra pinhole to 192.0.2.99 next to every expectation. */
export const pinholeToThirdParty = mutant("pinhole-to-192.0.2.99", (flow) => {
  const outcome = ircBuiltin.run(flow);
  const extra = outcome.expectations.map((e): Expectation => ({ ...e, dst: "192.0.2.99" }));
  return withOutcome(outcome, outcome.segments, [...outcome.expectations, ...extra]);
});

/** Never evicts: every expectation ever live stays live. */
export const evictsNothing = mutant("evicts-nothing", ircBuiltin.run, (flow) => {
  const trace = ircBuiltin.trace!(flow);
  const kept = new Map<string, Expectation>();
  const liveAfter = trace.liveAfter.map((live) => {
    for (const e of live) kept.set(expectationText(e), e);
    return [...kept.values()];
  });
  return { outcome: trace.outcome, liveAfter };
});

const CR = 0x0d;

/** Forwards "\r" as "R" in every accepted segment. */
export const flipsCarriageReturn = mutant("flips-cr", (flow) => {
  const outcome = ircBuiltin.run(flow);
  return withOutcome(
    outcome,
    outcome.segments.map((s) =>
      s.verdict === "accept" ? { ...s, data: s.data.map((b) => (b === CR ? 0x52 : b)) } : s,
    ),
  );
});

/** Under NAT, also changes the last byte of every rewritten segment (its '\n'). */
export const flipsLastByteOfRewrites = mutant("flips-last-byte-of-rewrites", (flow) => {
  const outcome = ircBuiltin.run(flow);
  return withOutcome(
    outcome,
    outcome.segments.map((s, i) => {
      if (s.verdict !== "accept" || sameBytes(s.data, flow.segments[i].data)) return s;
      const data = Uint8Array.from(s.data);
      data[data.length - 1] ^= 0x20;
      return { ...s, data };
    }),
  );
});

/** Forgets sequence adjustment: every accepted segment keeps its input seq. */
export const forgetsSeqadj = mutant("forgets-seqadj", (flow) => {
  const outcome = ircBuiltin.run(flow);
  const seqs = inputSeqs(flow);
  return withOutcome(
    outcome,
    outcome.segments.map((s, i) => (s.verdict === "accept" ? { ...s, seq: seqs[i] } : s)),
  );
});

/** Writes the client's real address instead of its NAT address into rewritten DCCs. */
export const rewritesToRealAddress = mutant("rewrites-to-real-address", (flow) => {
  const outcome = ircBuiltin.run(flow);
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
  return withOutcome(ircBuiltin.run(flow), ircBuiltin.run(flow).segments, outcome.expectations);
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
  const outcome = ircBuiltin.run({
    ...flow,
    segments: flow.segments.map((s) => ({ ...s, dir: "orig" as const, seq: undefined })),
  });
  return withOutcome(ircBuiltin.run(flow), ircBuiltin.run(flow).segments, outcome.expectations);
});
