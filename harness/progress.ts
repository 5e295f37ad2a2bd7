// A live progress line on stderr: a bar on a terminal, a plain line every few seconds in a
// CI log (where redrawing a bar would fill the log).

import cliProgress from "cli-progress";

export interface Progress {
  start(label: string, total: number): void;
  update(done: number): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) return barProgress(stream);
  return lineProgress(stream);
}

function barProgress(stream: NodeJS.WriteStream): Progress {
  // A bar needs a total; with a time budget alone there is none, only a count.
  const makeBar = (format: string) =>
    new cliProgress.SingleBar(
      { stream, format, hideCursor: true, clearOnComplete: true, barsize: 24 },
      cliProgress.Presets.shades_classic,
    );
  const bounded = makeBar(
    "{label} |{bar}| {value}/{total} flows  {rate} flows/s  {duration_formatted}",
  );
  const unbounded = makeBar("{label} {value} flows  {rate} flows/s  {duration_formatted}");
  let bar = bounded;
  let started = 0;
  return {
    start(label, total) {
      started = performance.now();
      bar = Number.isFinite(total) ? bounded : unbounded;
      bar.start(Number.isFinite(total) ? total : 0, 0, { label, rate: "-" });
    },
    update(done) {
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : "-" });
    },
    stop() {
      bar.stop();
    },
  };
}

function lineProgress(stream: NodeJS.WriteStream, everyMs = 10_000): Progress {
  let label = "";
  let total = 0;
  let started = 0;
  let lastPrinted = 0;
  return {
    start(newLabel, newTotal) {
      label = newLabel;
      total = newTotal;
      started = lastPrinted = performance.now();
    },
    update(done) {
      const now = performance.now();
      if (now - lastPrinted < everyMs) return;
      lastPrinted = now;
      const rate = Math.round(done / ((now - started) / 1000));
      const of = Number.isFinite(total) ? `/${total}` : "";
      stream.write(`  ${label}: ${done}${of} flows, ${rate} flows/s\n`);
    },
    stop() {},
  };
}
