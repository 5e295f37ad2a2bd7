// One chunk of 500 ftp flows, property by index (the same work a campaign worker does,
// without the campaign around it). Loaded by run.mjs through entry.mjs in each pool worker.

import { helperRegistry } from "../../helpers/registry.ts";
import { builtinTarget, specTarget } from "../../properties/core/in-process.ts";
import { checkProperty } from "../../properties/core/runner.ts";
import { propertyRegistry } from "../../properties/registry.ts";

export default function chunk({ index }: { index: number }): number {
  const properties = propertyRegistry.ftp.properties;
  const property = properties[index % properties.length];
  const subject = {
    target: builtinTarget,
    reference: specTarget,
    helper: helperRegistry.ftp.helper,
  };
  return checkProperty(property, subject, { numRuns: 1_000_000, seed: 7, chunk: index }).runs;
}
