// Where tshark is on this machine, or null: the pcap decoding tests skip with that reason.

import { execFileSync } from "node:child_process";

export const tsharkPath = (() => {
  try {
    return execFileSync("sh", ["-c", "command -v tshark"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
})();
