export * from "./alibaba";
export * from "./cidr";
export * from "./findings";
export * from "./profile";
export * from "./link";
export * from "./alibabaConnection";
export * from "./gateway";
export * from "./topology";
