// What every cloud end of a CloudLink gets from the component and gives back (aws.ts, azure.ts, gcp.ts).
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { GatewayRef, HubResources, LinkResources } from "../resources";

export interface CloudEndContext {
    /** The CloudLink's name: the prefix of every resource name. */
    name: string;
    /** The CloudLink component: the parent of the other cloud's resources. */
    parent: pulumi.ComponentResource;
    /** The parent of the Alibaba resources (it carries the Alibaba provider). */
    alibabaParent: pulumi.Resource;
    /** The Alibaba hub, already declared. */
    hub: HubResources;
    gateway: GatewayRef;
    /** Tags (labels on Google Cloud) for every resource of both clouds. */
    tags?: { [key: string]: string };
}

export interface CloudEndResources {
    /** The other cloud's VPN gateway: vgw-/tgw- id, Azure resource id, GCP self link. */
    peerGatewayId: pulumi.Output<string>;
    /** AWS VPN connections, Azure connections, GCP tunnels. */
    peerConnectionIds: pulumi.Output<string>[];
    /** The other cloud's public tunnel addresses, in the order of its connections' tunnels. */
    peerTunnelAddresses: pulumi.Output<string>[];
    /** Every pre-shared key, in the other cloud's tunnel order (secret). */
    psks: pulumi.Output<string>[];
    /** The Alibaba connections, with their customer gateways and routes. */
    alibabaLinks: LinkResources[];
    /** Every resource declared in the other cloud. */
    peerResources: pulumi.CustomResource[];
}

/**
 * A key from the given ones (one for all, or one per tunnel), else a random 32-character key of letters and digits,
 * which every cloud accepts (AWS refuses a key that starts with 0: a leading 0 becomes K).
 */
export function tunnelPsk(
    given: string[] | undefined,
    index: number,
    resourceName: string,
    parent: pulumi.Resource,
): pulumi.Output<string> {
    if (given && given.length > 0) {
        return pulumi.secret(given[given.length === 1 ? 0 : index]);
    }
    return pulumi.secret(
        new random.RandomPassword(resourceName, { length: 32, special: false, minLower: 4, minUpper: 4, minNumeric: 4 }, { parent }).result.apply(
            (k) => (k.startsWith("0") ? `K${k.slice(1)}` : k),
        ),
    );
}
