import { describePlantedBugs } from "../core/planted-bug-suite.ts";
import { tftpProperties } from "./index.ts";
import * as bugs from "./mutants.ts";

describePlantedBugs({
  helper: "tftp",
  label: "TFTP",
  properties: tftpProperties,
  findWithin: 5000,
  holdsFor: 300,
  maxSegments: 4,
  plantedBugs: [
    ["differential", () => bugs.oackExpects, "differs from spec"],
    ["expectation-targets-client", () => bugs.expectsFromSenderTuple, "not udp"],
    ["one-expectation-per-request", () => bugs.ignoresServerRequests, "RRQ/WRQ datagrams created"],
  ],
});
