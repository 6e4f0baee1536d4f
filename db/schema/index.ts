export * from "./departments";
export * from "./staff";
export * from "./users";
export * from "./tickets";
export * from "./mail";
export * from "./system";
export * from "./kb";
export * from "./feedback";
