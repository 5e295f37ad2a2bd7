import { builtinTarget } from "../core/in-process.ts";
import { describeCorpusFolder } from "../core/corpus-replay.ts";

describeCorpusFolder("talk", builtinTarget, 10);
