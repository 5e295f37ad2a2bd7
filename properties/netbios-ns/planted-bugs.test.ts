import { describePlantedBugs } from "../core/planted-bug-suite.ts";
import { netbiosNsProperties } from "./index.ts";
import * as bugs from "./mutants.ts";

describePlantedBugs({
  helper: "netbios-ns",
  label: "NetBIOS-NS",
  properties: netbiosNsProperties,
  findWithin: 5000,
  holdsFor: 300,
  maxSegments: 4,
  plantedBugs: [
    ["differential", () => bugs.keepsServerPort, "differs from spec"],
    ["pinhole-follows-route", () => bugs.takesSecondaryAddresses, "expectations wanted"],
  ],
});
