export * from "./instance";
export * from "./users";
