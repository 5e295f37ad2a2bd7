// `npx tsx properties/talk/measure.ts [runs]`: how the talk arbitraries exercise the
// helper and how fast each property runs on the built-in target.

import { builtinTarget } from "../core/in-process.ts";
import { measureKit } from "../core/measure-kit.ts";
import { subjectFor } from "../core/subject.ts";
import { talkKit } from "./index.ts";
import { openingAnswer } from "./talk-reading.ts";

measureKit(talkKit, subjectFor("talk"), Number(process.argv[2] ?? 20000), {
  "create an expectation": (flow) => builtinTarget.run(flow).expectations.length > 0,
  "carry a successful own answer": (flow) => openingAnswer(flow) !== -1,
  "drop a datagram": (flow) => builtinTarget.run(flow).segments.some((s) => s.verdict === "drop"),
  "run the lookup helper": (flow) => flow.config?.mode === "lookup",
  "run under NAT": (flow) => flow.nat !== undefined,
});
