// `npx tsx properties/sane/measure.ts [runs]`: how the SANE arbitraries exercise the helper
// and how fast each property runs on the built-in target.

import { builtinTarget } from "../core/in-process.ts";
import { measureKit } from "../core/measure-kit.ts";
import { subjectFor } from "../core/subject.ts";
import { saneKit } from "./index.ts";
import { isStartRequest, replyHead } from "./reply-fields.ts";

const startsWithStart = (d: Uint8Array) =>
  d.length > 8 && d[0] === 0 && d[1] === 0 && d[2] === 0 && d[3] === 7;

measureKit(saneKit, subjectFor("sane"), Number(process.argv[2] ?? 20000), {
  "create an expectation": (flow) => builtinTarget.run(flow).expectations.length > 0,
  "create two": (flow) => builtinTarget.run(flow).expectations.length > 1,
  "send an 8-byte START": (flow) =>
    flow.segments.some((s) => s.dir === "orig" && isStartRequest(s.data)),
  "send START with more bytes": (flow) =>
    flow.segments.some((s) => s.dir === "orig" && startsWithStart(s.data)),
  "refused reply": (flow) =>
    flow.segments.some((s) => s.dir === "reply" && (replyHead(s.data)?.status ?? 0) !== 0),
  "non-zero zero field": (flow) =>
    flow.segments.some((s) => s.dir === "reply" && (replyHead(s.data)?.zero ?? 0) !== 0),
  "port 0 expected": (flow) => builtinTarget.run(flow).expectations.some((e) => e.dport === 0),
  "run under NAT with an expectation": (flow) =>
    flow.nat !== undefined && builtinTarget.run(flow).expectations.length > 0,
});
