import { describeCorpusFolder } from "../core/corpus-replay.ts";
import { builtinTarget } from "../core/in-process.ts";

describeCorpusFolder("netbios-ns", builtinTarget, 7);
