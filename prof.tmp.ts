import { ftpBenchSuite } from "./bench/ftp.ts";
import { runSuite } from "./bench/core/suite-run.ts";
import { QUICK_SETTINGS } from "./bench/core/measure.ts";
import { findCommand } from "./helpers/ftp/find-command.ts";
import type { HelperDefinition, PacketResult } from "./helpers/core/helper.ts";
const DROP: PacketResult = Object.freeze({ verdict: "drop" });
const ACCEPT: PacketResult = Object.freeze({ verdict: "accept" });
const base = ftpBenchSuite.helper;
const variants: Record<string, HelperDefinition> = {
  trivial: { ...base, process: () => ACCEPT },
  tracker: { ...base, process(c, p) { const s = c.state as any; const t = p.dir === "orig" ? s.orig : s.reply; t.has(p.seq); if (p.data[p.data.length-1] === 10) t.remember((p.seq + p.data.length) >>> 0); return ACCEPT; } },
  find: { ...base, process(c, p) { const s = c.state as any; const t = p.dir === "orig" ? s.orig : s.reply; if (t.has(p.seq)) { if (findCommand(p.data, p.dir, s.command, s.options) !== 0) return DROP; } if (p.data[p.data.length-1] === 10) t.remember((p.seq + p.data.length) >>> 0); return ACCEPT; } },
  resetfind: { ...base, process(c, p) { const s = c.state as any; const t = p.dir === "orig" ? s.orig : s.reply; if (t.has(p.seq)) { s.command.reset(s.origSender); if (findCommand(p.data, p.dir, s.command, s.options) !== 0) return DROP; } if (p.data[p.data.length-1] === 10) t.remember((p.seq + p.data.length) >>> 0); return ACCEPT; } },
  firstbyte: { ...base, process(c, p) { const s = c.state as any; const t = p.dir === "orig" ? s.orig : s.reply; if (t.has(p.seq)) { const b = p.data[0] | 0x20; if ((p.dir === "orig" ? (b === 0x70 || b === 0x65) : b === 0x32) && findCommand(p.data, p.dir, s.command, s.options) !== 0) return DROP; } if (p.data[p.data.length-1] === 10) t.remember((p.seq + p.data.length) >>> 0); return ACCEPT; } },
  full: base,
};
const which = process.argv[2];
runSuite(ftpBenchSuite, { settings: QUICK_SETTINGS, spec: false, helper: variants[which], only: ["replies"], onWorkload: (r) => console.log(which, r.name, r.nsPerPacket.toFixed(1), "ns", "ratio", r.ratio.toFixed(2)) });
