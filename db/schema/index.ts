export * from "./audit";
export * from "./instance";
export * from "./users";
