// A capture the reader cannot use. It is bad input to the tool, so it is a FlowError: the
// command line prints it and exits 2.

import { FlowError } from "../../helpers/core/model.ts";

export class PcapError extends FlowError {
  override name = "PcapError";
  /** Byte offset in the file where the problem is. */
  readonly offset: number;

  constructor(offset: number, problem: string) {
    super(`${problem} (at byte offset ${offset})`);
    this.offset = offset;
  }
}
