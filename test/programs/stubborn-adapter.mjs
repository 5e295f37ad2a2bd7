// A protocol-v1 program for the interruption and time-budget tests. It will not leave when
// asked: it ignores end of input and SIGINT/SIGTERM/SIGHUP, and it leaves two children of
// its own (a `sleep` in its process group, and one detached into a session of its own).
// Every pid goes to $PIDS_FILE and every flow to $FLOWS_FILE, so a test can check that all
// of them are gone.
//   stubborn-adapter.mjs answer         accepts every segment, no expectation
//   stubborn-adapter.mjs spin           spins in a busy loop on the first flow
//   stubborn-adapter.mjs hang BIN       answers like program BIN, but never answers a flow
//                                       whose data contains the byte "!"
import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { createInterface } from "node:readline";

const note = (file, text) => file && appendFileSync(file, `${text}\n`);
note(process.env.PIDS_FILE, process.pid);
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => {});
const inGroup = spawn("sleep", ["1000"], { stdio: "ignore" });
const detached = spawn("sleep", ["1001"], { stdio: "ignore", detached: true });
detached.unref();
note(process.env.PIDS_FILE, inGroup.pid);
note(process.env.PIDS_FILE, detached.pid);
// End of input does not end it.
setInterval(() => {}, 1000);

const [mode = "answer", binary] = process.argv.slice(2);
const inner = mode === "hang" ? spawn(binary, [], { stdio: ["pipe", "pipe", "inherit"] }) : null;
const innerLines = inner ? createInterface({ input: inner.stdout })[Symbol.asyncIterator]() : null;

async function answer(line) {
  if (inner) {
    inner.stdin.write(`${line}\n`);
    return (await innerLines.next()).value;
  }
  const request = JSON.parse(line);
  if (request.op === "hello") return JSON.stringify({ ok: true, helpers: ["ftp"] });
  const segments = request.flow.segments.map((s) => ({
    verdict: "accept",
    seq: s.seq,
    data: s.data,
  }));
  return JSON.stringify({ id: request.id, outcome: { expectations: [], segments } });
}

for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  if (request.op === "flow") {
    note(process.env.FLOWS_FILE, request.id);
    if (mode === "spin") for (;;) {}
    const bytes = request.flow.segments.map((s) => Buffer.from(s.data, "base64"));
    if (mode === "hang" && bytes.some((b) => b.includes(0x21))) continue;
  }
  console.log(await answer(line));
}
