export * from "./client";
export * from "./errors";
export * from "./retry";
export * from "./shapes";
export * from "./domain-api";
export * from "./ssl-api";
