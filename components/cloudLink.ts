// Both ends of a link between Alibaba Cloud and another cloud's VPN service, from one profile, in one program.
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { CloudAlibabaEndSpec } from "../model/clouds/alibabaEnd";
import { AwsEndSpec } from "../model/clouds/awsLink";
import { AzureEndSpec } from "../model/clouds/azureLink";
import { CloudLinkPlan, PeerCloud, planCloudLink as planCloudLinkSpec } from "../model/clouds/cloudLink";
import { GcpEndSpec } from "../model/clouds/gcpLink";
import { Finding, TopologyError, errorsOf, formatFinding } from "../model/findings";
import { IpsecProfileInput } from "../model/profile";
import { createAwsEnd, loadAws } from "./cloudEnds/aws";
import { createAzureEnd, loadAzure } from "./cloudEnds/azure";
import { createGcpEnd, loadGcp } from "./cloudEnds/gcp";
import { CloudEndContext, CloudEndResources } from "./cloudEnds/types";
import { GatewayRef, LinkResources, createHub } from "./resources";

/** The Alibaba end: a VPC, vSwitches in two zones and a dual-tunnel VPN gateway in `region`. */
export interface CloudLinkAlibabaArgs extends CloudAlibabaEndSpec {}

/** The AWS end (AWS Site-to-Site VPN). Exactly one of vpcId, vpnGatewayId and transitGatewayId. */
export interface CloudLinkAwsArgs extends AwsEndSpec {}

/** The Azure end (Azure VPN Gateway, route-based, BGP) in an existing virtual network's GatewaySubnet. */
export interface CloudLinkAzureArgs extends AzureEndSpec {}

/** The Google Cloud end (HA VPN with a Cloud Router, BGP) on an existing VPC network. */
export interface CloudLinkGcpArgs extends GcpEndSpec {}

export interface CloudLinkArgs {
    alibaba: CloudLinkAlibabaArgs;
    /** The other end on AWS: two VPN connections, four tunnels, static routes. Set exactly one of aws, azure and gcp. */
    aws?: CloudLinkAwsArgs;
    /** The other end on Azure: a VPN gateway, a local network gateway and a connection per Alibaba address, BGP. */
    azure?: CloudLinkAzureArgs;
    /** The other end on Google Cloud: an HA VPN gateway, an external VPN gateway, two tunnels, a Cloud Router, BGP. */
    gcp?: CloudLinkGcpArgs;
    /** One profile for both clouds. Default: the strongest both accept (for AWS: IKEv2, aes256, sha256, group14, 28800 s / 3600 s). */
    profile?: IpsecProfileInput;
    /** Pre-shared keys: one for every tunnel, or one per tunnel of the other cloud (AWS: A1, A2, B1, B2; Azure and Google Cloud: master, slave). Default: a random 32-character key each. */
    psks?: string[];
    /** The dotted prefix of the user's config, for error messages. Default: the link's name. */
    configPath?: string;
    /** Tags on every resource of both clouds (labels on Google Cloud). */
    tags?: { [key: string]: string };
    /** Log the checks' warnings with pulumi.log.warn. Default true. */
    logWarnings?: boolean;
}

/** Plans a cloud link without creating anything: every finding and, when there is no error, what to create. */
export function planCloudLink(name: string, args: CloudLinkArgs): { plan?: CloudLinkPlan; findings: Finding[] } {
    return planCloudLinkSpec(name, args);
}

/** Typed without the other clouds' SDKs, so the package's declarations compile for users who install none of them. */
export interface CloudLinkDetails {
    plan: CloudLinkPlan;
    findings: Finding[];
    /** Every resource declared in the other cloud (aws.ec2.VpnConnection, azure-native network resources, gcp.compute ...). */
    peerResources: pulumi.CustomResource[];
    alibabaLinks: LinkResources[];
}

/**
 * An Alibaba Cloud dual-tunnel VPN gateway joined to another cloud's VPN service, both ends from one profile
 * (seed 001: Alibaba Cloud Beijing to AWS Singapore).
 * - AWS: a virtual private gateway (or the given one, or a transit gateway), one customer gateway per Alibaba gateway
 *   address, two VPN connections with every tunnel option explicit (algorithms, DH groups, lifetimes, keys, inside
 *   CIDRs) and static routes; two Alibaba connections whose master tunnels end on AWS connection A (built for the
 *   master address) and whose slave tunnels end on connection B.
 * - Azure: a route-based VPN gateway with BGP, a local network gateway and a connection (one ipsecPolicies entry) per
 *   Alibaba gateway address; one Alibaba BGP connection whose two tunnels end on the Azure gateway.
 * - Google Cloud: an HA VPN gateway, an external VPN gateway with Alibaba's two addresses, two tunnels with an
 *   explicit cipher suite, a Cloud Router with a BGP peer per tunnel; one Alibaba BGP connection, master tunnel on
 *   interface 0 and slave tunnel on interface 1.
 * Everything is checked against both clouds before anything is registered.
 */
export class CloudLink extends pulumi.ComponentResource {
    /** "aws", "azure" or "gcp". */
    readonly peerCloud: pulumi.Output<string>;
    readonly alibabaVpcId: pulumi.Output<string>;
    readonly alibabaVpnGatewayId: pulumi.Output<string>;
    /** The Alibaba gateway's addresses: master, slave. */
    readonly alibabaGatewayIps: pulumi.Output<string[]>;
    readonly alibabaConnectionIds: pulumi.Output<string[]>;
    /** The other cloud's VPN gateway: AWS vgw-/tgw- id, Azure resource id, Google Cloud self link. */
    readonly peerGatewayId: pulumi.Output<string>;
    /** AWS VPN connections, Azure connections, Google Cloud tunnels. */
    readonly peerConnectionIds: pulumi.Output<string[]>;
    /** The other cloud's public tunnel addresses (AWS: A1, A2, B1, B2; Azure: the gateway's; Google Cloud: interfaces 0 and 1). */
    readonly peerTunnelAddresses: pulumi.Output<string[]>;
    /** Every pre-shared key, in the other cloud's tunnel order (secret). */
    readonly psks: pulumi.Output<string[]>;
    /** The checks' warnings, one line each. */
    readonly warnings: pulumi.Output<string[]>;

    constructor(name: string, args: CloudLinkArgs, opts?: pulumi.ComponentResourceOptions) {
        const { plan, findings } = planCloudLink(name, args);
        if (!plan) {
            throw new TopologyError(errorsOf(findings));
        }
        // The other cloud's SDK is loaded before anything is registered: without it, nothing is created.
        const create: (ctx: CloudEndContext) => CloudEndResources =
            plan.cloud === "aws"
                ? ((sdk) => (ctx) => createAwsEnd(sdk, ctx, plan))(loadAws(name))
                : plan.cloud === "azure"
                  ? ((sdk) => (ctx) => createAzureEnd(sdk, ctx, plan))(loadAzure(name))
                  : ((sdk) => (ctx) => createGcpEnd(sdk, ctx, plan))(loadGcp(name));
        super("alicloud-vpn:index:CloudLink", name, {}, opts);
        const warnings = findings.filter((f) => f.severity === "warning");
        if (args.logWarnings !== false) {
            warnings.forEach((w) => pulumi.log.warn(formatFinding(w), this));
        }
        const tags = args.tags;

        // The Alibaba end, under a provider for its region (or the one the caller gave).
        const givenAlibaba = givenProvider(opts, "alicloud");
        const alibabaProvider =
            givenAlibaba ?? new alicloud.Provider(`${name}-${args.alibaba.region}`, { region: args.alibaba.region }, { parent: this });
        const alibabaEnd = new pulumi.ComponentResource(
            "alicloud-vpn:index:CloudLinkAlibabaEnd",
            `${name}-alibaba`,
            {},
            { parent: this, providers: [alibabaProvider] },
        );
        // Azure and Google Cloud links run BGP: the gateway propagates what it learns into the VPC's route table.
        const hub = createHub(plan.site.hub, tags, alibabaEnd, { autoPropagate: plan.site.links.some((l) => l.bgp !== undefined) });
        const gateway: GatewayRef = {
            name,
            vpcCidr: plan.site.hub.vpcCidr,
            tunnelMode: "dual",
            vpnGatewayId: hub.gateway.id,
            routeTableId: hub.vpc.routeTableId,
            internetIp: hub.gateway.internetIp,
            disasterRecoveryInternetIp: hub.gateway.disasterRecoveryInternetIp,
        };
        const end = create({ name, parent: this, alibabaParent: alibabaEnd, hub, gateway, tags });

        this.peerCloud = pulumi.output<string>(plan.cloud satisfies PeerCloud);
        this.alibabaVpcId = hub.vpc.id;
        this.alibabaVpnGatewayId = hub.gateway.id;
        this.alibabaGatewayIps = pulumi.all([hub.gateway.internetIp, hub.gateway.disasterRecoveryInternetIp]);
        this.alibabaConnectionIds = pulumi.all(end.alibabaLinks.map((l) => l.connection.id));
        this.peerGatewayId = end.peerGatewayId;
        this.peerConnectionIds = pulumi.all(end.peerConnectionIds);
        this.peerTunnelAddresses = pulumi.all(end.peerTunnelAddresses);
        this.psks = pulumi.secret(pulumi.all(end.psks));
        this.warnings = pulumi.output(warnings.map(formatFinding));
        cloudLinkDetails.set(this, { plan, findings: warnings, peerResources: end.peerResources, alibabaLinks: end.alibabaLinks });
        this.registerOutputs({
            peerCloud: this.peerCloud,
            alibabaVpcId: this.alibabaVpcId,
            alibabaVpnGatewayId: this.alibabaVpnGatewayId,
            alibabaGatewayIps: this.alibabaGatewayIps,
            alibabaConnectionIds: this.alibabaConnectionIds,
            peerGatewayId: this.peerGatewayId,
            peerConnectionIds: this.peerConnectionIds,
            peerTunnelAddresses: this.peerTunnelAddresses,
            psks: this.psks,
            warnings: this.warnings,
        });
    }

    /** The plan, the warnings and both ends' resources (for stacks, tools and tests). */
    details(): CloudLinkDetails {
        return cloudLinkDetails.get(this)!;
    }
}

// Kept beside each link, outside its properties: Pulumi's schema analyzer reads every property as an output.
const cloudLinkDetails = new WeakMap<CloudLink, CloudLinkDetails>();

function givenProvider(opts: pulumi.ComponentResourceOptions | undefined, pkg: string): pulumi.ProviderResource | undefined {
    // getPackage() is public at run time but internal in the typings.
    const packageOf = (p: pulumi.ProviderResource) => (p as unknown as { getPackage(): string }).getPackage();
    const providers = opts?.providers;
    if (!providers) {
        return opts?.provider && packageOf(opts.provider) === pkg ? opts.provider : undefined;
    }
    return Array.isArray(providers)
        ? providers.find((p) => packageOf(p) === pkg)
        : (providers as Record<string, pulumi.ProviderResource>)[pkg];
}
