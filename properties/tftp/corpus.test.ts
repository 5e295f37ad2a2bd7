import { describeCorpusFolder } from "../core/corpus-replay.ts";
import { tftpBuiltin } from "./tftp-subject.ts";

describeCorpusFolder("tftp", tftpBuiltin, 10);
