export * from "./api-tokens";
export * from "./audit";
export * from "./bindings";
export * from "./identity-providers";
export * from "./instance";
export * from "./mail";
export * from "./oauth";
export * from "./users";
