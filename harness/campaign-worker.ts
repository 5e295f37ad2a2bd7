// The campaign worker thread (started by campaign-thread.ts through
// campaign-worker-entry.mjs): opens the plan's target, runs the campaign, and reports on its
// port as it goes (campaign-messages.ts). Properties call target.run synchronously and a
// cmd: target blocks this thread on Atomics.wait; the main thread, free, keeps the signals.

import { type MessagePort, workerData } from "node:worker_threads";
import type { SyncTarget } from "../properties/core/property.ts";
import { type CampaignPlan, runCampaign } from "./campaign.ts";
import { type CampaignMessage, SHARED } from "./campaign-messages.ts";
import { onChildChange } from "./child-processes.ts";
import { aroundRuns } from "./targets/around-runs.ts";
import { builtinTarget, specTarget } from "./targets/in-process.ts";
import { openTarget } from "./targets/open-target.ts";
import { HarnessError } from "./usage.ts";

const { plan, port, shared } = workerData as {
  plan: CampaignPlan;
  port: MessagePort;
  shared: SharedArrayBuffer;
};
const state = new Int32Array(shared);
const post = (message: CampaignMessage) => port.postMessage(message);
const stopping = () => Atomics.load(state, SHARED.stop) === 1;
const PROGRESS_EVERY_MS = 200;

onChildChange((change) => post({ kind: "child", change }));

try {
  const opened = await openTarget(plan.target, plan.targetOptions);
  // Once the main thread says stop, no flow starts (and so no program is started).
  const target = aroundRuns(opened as SyncTarget, (call) => {
    if (stopping()) throw new HarnessError("the campaign was interrupted");
    return call();
  });
  const reference = plan.reference === "spec" ? specTarget : builtinTarget;
  let index = -1;
  let posted = 0;
  try {
    runCampaign(plan, target, reference, {
      stopping,
      progress: {
        start(label, total) {
          index++;
          Atomics.store(state, SHARED.runs, 0);
          Atomics.store(state, SHARED.index, index);
          post({ kind: "property", index, label, total });
        },
        update(runs) {
          Atomics.store(state, SHARED.runs, runs);
          const now = performance.now();
          if (now - posted < PROGRESS_EVERY_MS) return;
          posted = now;
          post({ kind: "progress", runs });
        },
        stop() {},
      },
      onResult: (entry, at) => post({ kind: "result", index: at, entry }),
    });
  } finally {
    await opened.close();
  }
  const starts = (opened as { starts?: unknown }).starts;
  post({ kind: "done", targetStarts: typeof starts === "number" ? starts : undefined });
} catch (error) {
  const e = error instanceof Error ? error : new Error(String(error));
  post({ kind: "error", name: e.name, message: e.message, stack: e.stack });
}
