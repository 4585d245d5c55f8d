// Google Cloud HA VPN in the emulator (STUB: to be written). See peerClouds.ts for the contract and aws.ts for the model.
import { PeerCloudEmulator } from "./peerClouds";
import { AlibabaApiError } from "./state";

export const GCP_TYPES = {
    provider: "pulumi:providers:gcp",
    haVpnGateway: "gcp:compute/haVpnGateway:HaVpnGateway",
    externalVpnGateway: "gcp:compute/externalVpnGateway:ExternalVpnGateway",
    vpnTunnel: "gcp:compute/vPNTunnel:VPNTunnel",
    router: "gcp:compute/router:Router",
    routerInterface: "gcp:compute/routerInterface:RouterInterface",
    routerPeer: "gcp:compute/routerPeer:RouterPeer",
} as const;

/** An error as the Compute Engine API returns it (reason, message). */
export class GcpApiError extends AlibabaApiError {
    constructor(code: string, message: string) {
        super(code, message, 400);
        this.name = "GcpApiError";
    }
}

export const gcpEmulator: PeerCloudEmulator = {
    cloud: "gcp",
    providerType: GCP_TYPES.provider,
    isType: (type) => type.startsWith("gcp:") || type === GCP_TYPES.provider,
    region: (inputs, providerRegion) => inputs.region ?? providerRegion ?? "us-central1",
    validate: () => undefined,
    outputs: (_type, urn, _region, inputs) => ({ id: urn, outputs: { ...inputs } }),
    describe: () => undefined,
};
