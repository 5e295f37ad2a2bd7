import { describePlantedBugs } from "../core/planted-bug-suite.ts";
import { snmpProperties } from "./index.ts";
import * as bugs from "./mutants.ts";

describePlantedBugs({
  helper: "snmp",
  label: "SNMP",
  properties: snmpProperties,
  findWithin: 5000,
  holdsFor: 300,
  maxSegments: 4,
  plantedBugs: [
    ["differential", () => bugs.forwardsUndecodable, "differs from spec"],
    [
      "nat-rewrites-only-inside-addresses",
      () => bugs.rewritesEveryAddress,
      "outside any IpAddress of the inside address",
    ],
  ],
});
