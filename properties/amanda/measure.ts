// `npx tsx properties/amanda/measure.ts [runs]`: how the Amanda arbitraries exercise the
// helper and how fast each property runs on the built-in target.

import { builtinTarget } from "../core/in-process.ts";
import { measureKit } from "../core/measure-kit.ts";
import { sameBytes } from "../core/outcome-text.ts";
import { subjectFor } from "../core/subject.ts";
import { amandaKit } from "./index.ts";

const text = (data: Uint8Array) => String.fromCharCode(...data);

measureKit(amandaKit, subjectFor("amanda"), Number(process.argv[2] ?? 20000), {
  "create an expectation": (flow) => builtinTarget.run(flow).expectations.length > 0,
  "create 3+ expectations": (flow) => builtinTarget.run(flow).expectations.length >= 3,
  "carry CONNECT from the backup server": (flow) =>
    flow.segments.some((s) => s.dir === "orig" && text(s.data).includes("CONNECT ")),
  "get a NAT rewrite": (flow) =>
    builtinTarget.run(flow).segments.some((s, i) => !sameBytes(s.data, flow.segments[i].data)),
});
