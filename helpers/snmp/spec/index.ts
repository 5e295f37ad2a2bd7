// The reference spec models of the Linux 6.18 SNMP helpers, written from kernel-helpers.md
// §9 and the 6.18 source (nf_conntrack_snmp.c, nf_nat_snmp_basic_main.c, the .asn1
// grammar, lib/asn1_decoder.c) for obviousness: `snmp` (port 161: the broadcast help,
// then the NAT hook) and `snmp-trap` (port 162: the NAT hook only).

import { formatIPv4, parseIPv4 } from "../../core/address.ts";
import type { Dir, Flow, Outcome, Trace } from "../../core/model.ts";
import { FlowError } from "../../core/model.ts";
import { reach } from "../../spec-core/behaviour.ts";
import type { BroadcastFacts } from "../../spec-core/broadcast.ts";
import {
  broadcastFactReaders,
  broadcastHelpSpec,
  NO_BROADCAST_FACTS,
} from "../../spec-core/broadcast.ts";
import { isIntegerIn, readConfig, UINT_MAX } from "../../spec-core/config-values.ts";
import { type Connection, connectionOf } from "../../spec-core/connection.ts";
import { ExpectationList } from "../../spec-core/expectation-list.ts";
import type { HelperResult } from "../../spec-core/segment-loop.ts";
import { traceSegments } from "../../spec-core/segment-loop.ts";
import {
  initialUdpConntrack,
  replyWithoutConntrack,
  type UdpConntrack,
} from "../../spec-core/udp-conntrack.ts";
import { DecodeError, SnmpReader } from "./ber-reader.ts";

const SNMP_PORT = 161;
const SNMP_TRAP_PORT = 162;

interface SnmpSpecConfig extends BroadcastFacts {
  timeout: number;
}

function parseSnmpSpecConfig(raw: Record<string, unknown> | undefined): SnmpSpecConfig {
  return readConfig<SnmpSpecConfig>(
    "snmp",
    raw,
    { timeout: 30, ...NO_BROADCAST_FACTS, device: [] },
    {
      timeout: (value) => {
        if (isIntegerIn(value, 0, UINT_MAX)) return value;
        throw new FlowError(`snmp: timeout must be 0..${UINT_MAX}`);
      },
      ...broadcastFactReaders("snmp"),
    },
  );
}

/** nf_nat_snmp_basic help() on one datagram. */
function natHelp(connection: Connection, dir: Dir, data: Uint8Array): HelperResult {
  const { orig, reply } = connection.tuple;
  // udph->source / udph->dest as the helper sees them (after SNAT going out, after its
  // undoing coming back).
  const source = dir === "orig" ? reply.dport : reply.sport;
  const dest = dir === "orig" ? orig.dport : orig.sport;
  if (source === SNMP_PORT && dir !== "reply") {
    reach("from 161 in the ORIGINAL direction: not looked at");
    return { verdict: "accept", data };
  }
  if (dest === SNMP_TRAP_PORT && dir !== "orig") {
    reach("to 162 in the REPLY direction: not looked at");
    return { verdict: "accept", data };
  }
  if (!connection.natted) {
    reach("no NAT");
    return { verdict: "accept", data };
  }
  // ctx.from / ctx.to: the same in both directions.
  const from = orig.src;
  const to = reply.dst;
  if (from === to) {
    reach("NAT address equals the inside address");
    return { verdict: "accept", data };
  }
  const reader = new SnmpReader(data);
  try {
    reader.message();
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    reach(`decode error: ${error.kind}`);
    return { verdict: "drop", data };
  }
  const out = data.slice();
  const toBytes = parseIPv4(to) as Uint8Array;
  let replaced = 0;
  for (const at of reader.ipAddresses) {
    if (formatIPv4(data, at) === from) {
      out.set(toBytes, at);
      replaced++;
    }
  }
  if (reader.ipAddresses.length === 0) reach("decoded, no IpAddress");
  else if (replaced === 0) reach("decoded, no IpAddress equal to the inside address");
  else reach(replaced > 1 ? "several IpAddresses replaced" : "one IpAddress replaced");
  reach(
    dir === "orig" ? "translated in the ORIGINAL direction" : "translated in the REPLY direction",
  );
  return { verdict: "accept", data: out };
}

/**
 * The helper within the life of its UDP conntrack (spec-core/udp-conntrack.ts): the NAT
 * half drops what does not decode, and a dropped first datagram leaves no conntrack (its
 * expectation goes with it; measured on 6.18.44, docs/kernel-target.md "snmp").
 */
function withinConntrack(
  flow: Flow,
  connection: Connection,
  expectations: ExpectationList,
  help: (dir: Dir, data: Uint8Array) => HelperResult,
): (dir: Dir, seq: number, data: Uint8Array) => HelperResult {
  let udp: UdpConntrack = initialUdpConntrack(flow.segments);
  return (dir, _seq, data) => {
    if (udp === "unhelped") {
      reach("datagram of a conntrack without the helper");
      return { verdict: "accept", data };
    }
    if (udp === "none" && dir === "reply") {
      reach(
        connection.natted
          ? "NAT: server datagram with no conntrack: dropped"
          : "server datagram with no conntrack: a conntrack without the helper",
      );
      const { verdict, next } = replyWithoutConntrack(connection.natted);
      udp = next;
      return { verdict, data };
    }
    const creating = udp === "none";
    udp = "helped";
    const result = help(dir, data);
    if (result.verdict === "drop" && creating) {
      reach("first datagram dropped: its conntrack destroyed with the expectations");
      expectations.removeWhere(() => true);
      udp = "none";
    }
    return result;
  };
}

export function snmpSpecTrace(flow: Flow): Trace {
  const connection = connectionOf(flow, { helper: "snmp", l4: "udp", ipv4Only: true });
  const config = parseSnmpSpecConfig(flow.config);
  const expectations = new ExpectationList(1);
  return traceSegments(flow.segments, {
    expectations,
    help: withinConntrack(flow, connection, expectations, (dir, data) => {
      broadcastHelpSpec(connection, config, SNMP_PORT, dir, expectations);
      return natHelp(connection, dir, data);
    }),
  });
}

export function snmpSpec(flow: Flow): Outcome {
  return snmpSpecTrace(flow).outcome;
}

export function snmpTrapSpecTrace(flow: Flow): Trace {
  const connection = connectionOf(flow, { helper: "snmp-trap", l4: "udp", ipv4Only: true });
  readConfig<Record<string, never>>("snmp-trap", flow.config, {}, {});
  const expectations = new ExpectationList(0);
  return traceSegments(flow.segments, {
    expectations,
    help: withinConntrack(flow, connection, expectations, (dir, data) =>
      natHelp(connection, dir, data),
    ),
  });
}

export function snmpTrapSpec(flow: Flow): Outcome {
  return snmpTrapSpecTrace(flow).outcome;
}
