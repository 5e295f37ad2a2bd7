import { register } from "tsx/esm/api";

register();
const chunk = await import(new URL("./chunk.ts", import.meta.url).href);
export default chunk.default;
