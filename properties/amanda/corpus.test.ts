import { describeCorpusFolder } from "../core/corpus-replay.ts";
import { amandaBuiltin } from "./amanda-subject.ts";

describeCorpusFolder("amanda", amandaBuiltin, 18);
