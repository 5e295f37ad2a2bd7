// `npx tsx properties/tftp/measure.ts [runs]`: how the TFTP arbitraries exercise the helper
// and how fast each property runs on the built-in target.

import { builtinTarget } from "../core/in-process.ts";
import { measureKit } from "../core/measure-kit.ts";
import { sameBytes } from "../core/outcome-text.ts";
import { subjectFor } from "../core/subject.ts";
import { tftpKit } from "./index.ts";

const isRequest = (data: Uint8Array) =>
  data.length >= 2 && data[0] === 0 && (data[1] === 1 || data[1] === 2);

measureKit(tftpKit, subjectFor("tftp"), Number(process.argv[2] ?? 20000), {
  "create an expectation": (flow) => builtinTarget.run(flow).expectations.length > 0,
  "carry a request from the server": (flow) =>
    flow.segments.some((s) => s.dir === "reply" && isRequest(s.data)),
  "repeat a datagram": (flow) =>
    flow.segments.some((s, i) => flow.segments.slice(0, i).some((t) => sameBytes(s.data, t.data))),
  "run under NAT": (flow) => flow.nat !== undefined,
});
