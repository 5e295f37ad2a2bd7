// Moved below the properties that use it (issue 13: helpers <- properties <- harness); this
// name stays for the harness code that imports it from here.
export * from "../../properties/core/in-process.ts";
