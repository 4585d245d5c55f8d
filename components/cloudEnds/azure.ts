// The Azure end of a CloudLink (STUB: to be written; see aws.ts for the model).
import type * as azureSdk from "@pulumi/azure-native/network";
import { AzureCloudLinkPlan } from "../../model/clouds/azureLink";
import { requireOptional } from "../optional";
import { CloudEndContext, CloudEndResources } from "./types";

/** Loads @pulumi/azure-native (an optional peer) before anything is registered. */
export function loadAzure(name: string): typeof azureSdk {
    return requireOptional<typeof azureSdk>("@pulumi/azure-native", "^3", `CloudLink "${name}" to Azure`, "network");
}

export function createAzureEnd(_azure: typeof azureSdk, _ctx: CloudEndContext, _plan: AzureCloudLinkPlan): CloudEndResources {
    throw new Error("the Azure end is not built yet");
}
