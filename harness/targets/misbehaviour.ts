// A target that broke the rules of being a target (crashed, hung, answered garbage, leaked)
// rather than giving a wrong outcome. Thrown from run(flow) like any failure, so every
// property reports it with the flow that caused it and fast-check shrinks it when it
// reproduces; the message starts with "target misbehaved" so reports can tell it apart.

export class TargetMisbehaviour extends Error {
  override name = "TargetMisbehaviour";

  constructor(
    /** Short kind, e.g. "exited", "hung", "wrote garbage". */
    readonly kind: string,
    readonly detail: string,
  ) {
    super(`target misbehaved: ${kind}: ${detail}`);
  }
}

export function isMisbehaviourMessage(message: string): boolean {
  return message.includes("target misbehaved: ");
}
