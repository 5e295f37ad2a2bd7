import { builtinTarget } from "../../harness/targets/in-process.ts";
import { describeCorpusFolder } from "../core/corpus-replay.ts";

describeCorpusFolder("talk", builtinTarget, 10);
