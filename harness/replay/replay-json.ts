// `replay --json`: one JSON document for scripts. Every segment's bytes are in full, in
// base64; seqs and acks are stream offsets (0 = the first byte after the handshake).
// The document's shape is in README.md "Replay".

import type { Expectation, Flow, Outcome } from "../../helpers/core/model.ts";
import type { ExpectedOutcome } from "../corpus.ts";
import type { CapturedSegment } from "../pcap/conversations.ts";
import { type SegmentDifference, sidesOf } from "../pcap/two-sided-compare.ts";
import type { CaseResult } from "./replay-case.ts";
import type { TwoSidedResult } from "./replay-two-sided.ts";

const base64 = (data: Uint8Array) => Buffer.from(data).toString("base64");

function expectationJson(e: Expectation) {
  return { l4: e.l4, src: e.src, sport: e.sport, dst: e.dst, dport: e.dport };
}

function flowJson(flow: Flow) {
  return {
    helper: flow.helper,
    l4: flow.l4,
    client: flow.client,
    server: flow.server,
    config: flow.config ?? null,
    nat: flow.nat ? flow.nat.client.addr : null,
    segments: flow.segments.map((s) => ({
      dir: s.dir,
      seq: s.seq ?? null,
      base64: base64(s.data),
    })),
  };
}

/** A run that threw (a crashing target) is shown as what it threw. */
function outcomeOrThrownJson(outcome: Outcome | string) {
  return typeof outcome === "string" ? { threw: outcome } : outcomeJson(outcome);
}

function outcomeJson(outcome: Outcome) {
  return {
    expectations: outcome.expectations.map(expectationJson),
    segments: outcome.segments.map((s) => ({
      verdict: s.verdict,
      seq: s.seq,
      base64: base64(s.data),
    })),
  };
}

function expectedJson(expected: ExpectedOutcome) {
  return {
    expectations: expected.expectations.map(expectationJson),
    segments: expected.segments.map((s) => ({
      verdict: s.verdict,
      seq: s.seq ?? null,
      base64: s.data === undefined ? null : base64(s.data),
    })),
  };
}

function caseJson(r: CaseResult) {
  return {
    kind: r.kind,
    file: r.file,
    name: r.name,
    target: r.target,
    check: r.check,
    property: r.property ?? null,
    reference: r.reference,
    matched: r.matched,
    flow: flowJson(r.flow),
    outcome: outcomeOrThrownJson(r.outcome),
    expected: r.expected ? expectedJson(r.expected) : null,
    referenceOutcome: r.referenceOutcome ? outcomeOrThrownJson(r.referenceOutcome) : null,
    differences: r.differences,
  };
}

function capturedJson(side: "client" | "server", s: CapturedSegment) {
  return { capture: side, frame: s.frame, seq: s.seq, ack: s.ack, base64: base64(s.data) };
}

function differenceJson(d: SegmentDifference) {
  return d.field === "data"
    ? {
        field: d.field,
        model: base64(d.model),
        box: base64(d.box),
        firstDifferentByte: d.firstDifferentByte,
      }
    : d;
}

function twoSidedJson(r: TwoSidedResult) {
  return {
    kind: r.kind,
    file: r.file,
    serverSide: r.serverFile,
    name: r.name,
    conversations: { client: r.clientNumber, server: r.serverNumber },
    target: r.target,
    matched: r.matched,
    flow: flowJson(r.flow),
    outcome: outcomeJson(r.outcome),
    segments: r.comparison.segments.map((s) => {
      const sides = sidesOf(s.dir);
      return {
        index: s.index,
        dir: s.dir,
        input: capturedJson(sides.input, s.input),
        model: {
          verdict: s.model.verdict,
          seq: s.model.seq,
          ack: s.model.ack,
          base64: base64(s.model.data),
        },
        box: s.box === null ? null : capturedJson(sides.output, s.box),
        differences: s.differences.map(differenceJson),
      };
    }),
    extra: r.comparison.extra.map(({ dir, segment }) => ({
      dir,
      ...capturedJson(sidesOf(dir).output, segment),
    })),
  };
}

export function replayDocument(
  results: readonly (CaseResult | TwoSidedResult)[],
  problems: readonly string[],
) {
  return {
    results: results.map((r) => (r.kind === "case" ? caseJson(r) : twoSidedJson(r))),
    problems,
    summary: {
      matched: results.filter((r) => r.matched).length,
      total: results.length,
      problems: problems.length,
    },
  };
}
