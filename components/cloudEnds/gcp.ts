// The Google Cloud end of a CloudLink (STUB: to be written; see aws.ts for the model).
import type * as gcpSdk from "@pulumi/gcp/compute";
import { GcpCloudLinkPlan } from "../../model/clouds/gcpLink";
import { requireOptional } from "../optional";
import { CloudEndContext, CloudEndResources } from "./types";

/** Loads @pulumi/gcp (an optional peer) before anything is registered. */
export function loadGcp(name: string): typeof gcpSdk {
    return requireOptional<typeof gcpSdk>("@pulumi/gcp", "^9", `CloudLink "${name}" to Google Cloud`, "compute");
}

export function createGcpEnd(_gcp: typeof gcpSdk, _ctx: CloudEndContext, _plan: GcpCloudLinkPlan): CloudEndResources {
    throw new Error("the Google Cloud end is not built yet");
}
