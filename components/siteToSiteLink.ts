import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { Finding, assertNoErrors, formatFinding } from "../model/findings";
import { ResolvedLink } from "../model/link";
import { LinkPlanInput, LinkSpecBase, checkLink, planLink } from "../model/site";
import { GatewayRef, createLink } from "./resources";

export { GatewayRef } from "./resources";
export { HealthCheckSpec as HealthCheckArgs, GatewayShape } from "../model/site";

/** A link's arguments, without its gateway: shared by SiteToSiteLink and each of VpnSite's links. */
export interface LinkArgs extends LinkSpecBase {
    /**
     * The peer device's fixed public IPv4 address. An Output when the peer is another Alibaba VPN gateway
     * (hub and spoke); plain addresses are checked before anything is created.
     */
    peerPublicIp: pulumi.Input<string>;
    /** A second public address of the peer for the slave tunnel (dual-tunnel hubs). Default: peerPublicIp. */
    peerSecondaryPublicIp?: pulumi.Input<string>;
    /**
     * Pre-shared keys: one for every tunnel, or one per tunnel (master first). Default: a random 32-character key
     * per tunnel. Both ends of an Alibaba-to-Alibaba link take the same keys.
     */
    psks?: pulumi.Input<string>[];
    /** Log the checks' warnings with pulumi.log.warn. Default true; a parent that reports them once passes false. */
    logWarnings?: boolean;
}

export interface SiteToSiteLinkArgs extends LinkArgs {
    /** The Alibaba end: `hub.reference()` of a VpnHub, or the ids and addresses of a gateway created elsewhere. */
    gateway: GatewayRef;
}

/** The plain part of a link's arguments, for the planner: Inputs that are plain strings are checked now. */
export function linkPlanInput(args: LinkArgs): LinkPlanInput {
    const plainPsks = (args.psks ?? []).filter((k): k is string => typeof k === "string");
    return {
        ...args,
        peerPublicIp: typeof args.peerPublicIp === "string" ? args.peerPublicIp : undefined,
        separateSlavePeer: args.peerSecondaryPublicIp !== undefined && args.peerSecondaryPublicIp !== args.peerPublicIp,
        psks: plainPsks.length > 0 ? plainPsks : undefined,
    };
}

/** Every finding about one link, from plain values: what the component checks before registering anything. */
export function checkSiteToSiteLink(gateway: Pick<GatewayRef, "name" | "vpcCidr" | "tunnelMode">, name: string, args: Partial<LinkArgs> & Pick<LinkArgs, "peerSubnets">): Finding[] {
    return checkLink(gateway, name, linkPlanInput(args as LinkArgs)).findings;
}

/**
 * One IPsec link from a VPN gateway to a peer device: customer gateway(s), the IPsec connection with the
 * profile's IKE/IPsec/DPD/NAT-T settings on every tunnel, pre-shared keys, VPN gateway routes and VPC route
 * entries for the peer's networks, and the peer's rendered configuration. A building block: it checks only
 * itself; VpnSite checks a gateway with all of its links, and the network they make, before creating anything.
 */
export class SiteToSiteLink extends pulumi.ComponentResource {
    readonly customerGateways: alicloud.vpn.CustomerGateway[];
    readonly connection: alicloud.vpn.Connection;
    readonly gatewayRoutes: alicloud.vpn.RouteEntry[];
    readonly vpcRoutes: alicloud.vpc.RouteEntry[];

    readonly connectionId: pulumi.Output<string>;
    /** Pre-shared key per tunnel (secret). */
    readonly psks: pulumi.Output<string[]>;
    /** Rendered peer configurations by platform (secret: they hold the keys). */
    readonly peerConfigs: pulumi.Output<{ [platform: string]: string }>;
    /** The checks' warnings, one line each (also sent to pulumi.log.warn). */
    readonly warnings: pulumi.Output<string[]>;

    constructor(name: string, args: SiteToSiteLinkArgs, opts?: pulumi.ComponentResourceOptions) {
        // Everything is checked on plain values first, before super(): on any error nothing is registered,
        // not even this component.
        const input = linkPlanInput(args);
        const { validated, findings } = checkLink(args.gateway, name, input);
        const warnings = assertNoErrors(findings);
        super("alicloud-vpn:index:SiteToSiteLink", name, {}, opts);
        if (args.logWarnings !== false) {
            warnings.forEach((w) => pulumi.log.warn(formatFinding(w), this));
        }
        const created = createLink(planLink(args.gateway, name, input, validated), args.gateway, args, this);
        this.customerGateways = created.customerGateways;
        this.connection = created.connection;
        this.gatewayRoutes = created.gatewayRoutes;
        this.vpcRoutes = created.vpcRoutes;
        this.connectionId = created.connection.id;
        this.psks = pulumi.secret(pulumi.all(created.psks));
        this.peerConfigs = created.peerConfigs;
        this.warnings = pulumi.output(warnings.map(formatFinding));
        resolvedLinks.set(this, created.resolved);

        this.registerOutputs({
            connectionId: this.connectionId,
            customerGatewayIds: this.customerGateways.map((c) => c.id),
            psks: this.psks,
            peerConfigs: this.peerConfigs,
        });
    }

    /** The link with every output resolved, for renderers and tools (secret: it holds the keys). */
    resolved(): pulumi.Output<ResolvedLink> {
        return resolvedLinks.get(this)!;
    }
}

// Kept beside each link, outside its properties: Pulumi's schema analyzer reads every property as an output.
const resolvedLinks = new WeakMap<SiteToSiteLink, pulumi.Output<ResolvedLink>>();
