// Azure VPN Gateway in the emulator (STUB: to be written). See peerClouds.ts for the contract and aws.ts for the model.
import { PeerCloudEmulator } from "./peerClouds";
import { AlibabaApiError } from "./state";

export const AZURE_TYPES = {
    provider: "pulumi:providers:azure-native",
    publicIpAddress: "azure-native:network:PublicIPAddress",
    virtualNetworkGateway: "azure-native:network:VirtualNetworkGateway",
    localNetworkGateway: "azure-native:network:LocalNetworkGateway",
    connection: "azure-native:network:VirtualNetworkGatewayConnection",
} as const;

/** An error as Azure Resource Manager returns it (code, message). */
export class AzureApiError extends AlibabaApiError {
    constructor(code: string, message: string) {
        super(code, message, 400);
        this.name = "AzureApiError";
    }
}

export const azureEmulator: PeerCloudEmulator = {
    cloud: "azure",
    providerType: AZURE_TYPES.provider,
    isType: (type) => type.startsWith("azure-native:") || type === AZURE_TYPES.provider,
    region: (inputs, providerRegion) => inputs.location ?? providerRegion ?? "westus2",
    validate: () => undefined,
    outputs: (_type, urn, _region, inputs) => ({ id: urn, outputs: { ...inputs } }),
    describe: () => undefined,
};
