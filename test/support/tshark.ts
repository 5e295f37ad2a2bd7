// Where tshark is on this machine, or null: the pcap decoding tests skip with that reason.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const tsharkPath = (() => {
  try {
    return execFileSync("sh", ["-c", "command -v tshark"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
})();

/** Each frame of `capture` that `filter` selects (null: every frame), as tshark decodes it
 * with IP, TCP and UDP checksum validation on and `options` added (`-d` decode-as rules,
 * `-o` preferences): one record of `fields` per frame. */
export function decodedRows<F extends string>(
  capture: Uint8Array,
  filter: string | null,
  fields: readonly F[],
  options: readonly string[] = [],
): Record<F, string>[] {
  const dir = mkdtempSync(join(tmpdir(), "hf-tshark-"));
  try {
    const file = join(dir, "capture.pcap");
    writeFileSync(file, capture);
    const checks = ["tcp", "udp", "ip"].flatMap((p) => ["-o", `${p}.check_checksum:TRUE`]);
    const args = ["-r", file, "-n", ...checks, ...options];
    if (filter !== null) args.push("-Y", filter);
    args.push("-T", "fields", "-E", "separator=\t");
    for (const field of fields) args.push("-e", field);
    const out = execFileSync(tsharkPath!, args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return out
      .trimEnd()
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => {
        const cells = line.split("\t");
        return Object.fromEntries(fields.map((f, i) => [f, cells[i] ?? ""])) as Record<F, string>;
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
