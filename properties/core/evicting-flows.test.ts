// The kits' flows must often make the spec model evict, or a target that never evicts
// (max_expected ignored) would pass: FTP's two PORT/EPRT/227/229 with different ports
// (max_expected 1), IRC's burst of more DCCs than max_dcc_channels (8), Amanda's CONNECT
// lines naming more ports in all than max_expected (4), PPTP's calls with other ids (two
// GRE expectations each, max_expected 2) or withdrawn by a disconnect. Counted on a fixed
// sample; TFTP expects only the client's own port, so its expectation is replaced, never
// evicted.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertyRegistry } from "../registry.ts";
import { specTarget } from "./in-process.ts";
import { losesAnExpectation } from "./live-sets.ts";

const SAMPLE = 2000;

describe("flows that reveal a wrong eviction", () => {
  it.each([
    ["ftp", 0.1],
    ["irc", 0.04],
    ["amanda", 0.08],
    ["pptp", 0.02],
  ] as const)(
    "%s: at least a share %d of the kit's flows evict on the spec model",
    (helper, share) => {
      const flows = fc.sample(propertyRegistry[helper].flows, { numRuns: SAMPLE, seed: 20260518 });
      const evicting = flows.filter((flow) => losesAnExpectation(specTarget.trace!(flow))).length;
      expect(evicting).toBeGreaterThanOrEqual(share * SAMPLE);
    },
  );
});
