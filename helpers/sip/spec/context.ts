// What every nf_conntrack_sip / nf_nat_sip function can see while one packet is processed
// (kernel-helpers.md §6.1): the conntrack entry, the module parameters, the master's SIP
// state, its expectations, and the packet's direction.

import type { Dir, L4 } from "../../core/model.ts";
import type { Connection } from "../../spec-core/connection.ts";
import type { ExpectationList } from "../../spec-core/expectation-list.ts";
import type { SipConfig } from "./config.ts";

/** §6.1 expectation classes (enum sip_expectation_classes) and their max_expected. */
export const SIP_EXPECT_SIGNALLING = 0;
export const SIP_EXPECT_AUDIO = 1;
export const SIP_EXPECT_VIDEO = 2;
export const SIP_EXPECT_IMAGE = 3;
export const SIP_MAX_EXPECTED = [1, 4, 4, 2];
/** SIP_PORT */
export const SIP_PORT = 5060;

/** struct nf_ct_sip_master */
export interface SipMaster {
  registerCseq: number;
  inviteCseq: number;
  /** 0 = not set (the kernel's __be16 0). */
  forcedDport: number;
}

export interface SipContext {
  connection: Connection;
  config: SipConfig;
  master: SipMaster;
  expectations: ExpectationList;
  /** CTINFO2DIR(ctinfo) */
  dir: Dir;
}

export type Verdict = "accept" | "drop";

export function otherDir(dir: Dir): Dir {
  return dir === "orig" ? "reply" : "orig";
}

/** ct->tuplehash[dir].tuple */
export function tupleOf(context: SipContext, which: "this" | "other") {
  return context.connection.tuple[which === "this" ? context.dir : otherDir(context.dir)];
}

export function protocolOf(context: SipContext): L4 {
  return context.connection.l4;
}
