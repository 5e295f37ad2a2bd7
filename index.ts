// The public types of helperfuzz, for authors who bring their own helper (docs/authors.md):
// a `module:PATH` target implements HelperDefinition (or run(flow): Outcome) against these.

export { addressBytes, canonicalAddress, formatIPv4, formatIPv6 } from "./helpers/core/address.ts";
export { runFlow, traceFlow } from "./helpers/core/driver.ts";
export type {
  ConnectionContext,
  Conntrack,
  ExpectationRequest,
  ExpectationSink,
  ExpectResult,
  Family,
  HelperDefinition,
  HelperPolicy,
  Packet,
  PacketResult,
  Tuple,
} from "./helpers/core/helper.ts";
export type {
  Dir,
  Endpoint,
  Expectation,
  Flow,
  L4,
  Outcome,
  Segment,
  SegmentOutcome,
  Target,
  Trace,
  Verdict,
} from "./helpers/core/model.ts";
export { FlowError } from "./helpers/core/model.ts";
