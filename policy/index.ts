// The policy pack: `pulumi preview --policy-pack policy` from the repository root (see README).
// The policies live in policies.ts so tests can call them without starting the analyzer server.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("alicloud-vpn", { policies, enforcementLevel: "mandatory" });
