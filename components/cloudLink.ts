// Both ends of a link between Alibaba Cloud and another cloud's VPN service, from one profile, in one program.
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type * as awsSdk from "@pulumi/aws";
import { AwsCloudLinkPlan, AwsEndSpec, planAwsCloudLink } from "../model/clouds/awsLink";
import { Finding, TopologyError, errorsOf, formatFinding } from "../model/findings";
import { HubSpec } from "../model/hub";
import { IpsecProfileInput } from "../model/profile";
import { slug } from "../model/site";
import { requireOptional } from "./optional";
import { GatewayRef, LinkResources, createHub, createLink } from "./resources";

/** The Alibaba end: a VPC, vSwitches in two zones and a dual-tunnel VPN gateway in `region`. */
export interface CloudLinkAlibabaArgs extends HubSpec {
    /** The Alibaba Cloud region, e.g. "cn-beijing". A provider for it is created unless the component is given one. */
    region: string;
    /** The Alibaba networks the tunnels carry. Default: the VPC's block. */
    alibabaSubnets?: string[];
}

/** The AWS end (AWS Site-to-Site VPN). Exactly one of vpcId, vpnGatewayId and transitGatewayId. */
export interface CloudLinkAwsArgs extends AwsEndSpec {}

export interface CloudLinkArgs {
    alibaba: CloudLinkAlibabaArgs;
    /** The other end on AWS. The other cloud is the one whose block is set (Azure and Google Cloud: not built yet). */
    aws?: CloudLinkAwsArgs;
    /** One profile for both clouds. Default: the strongest both accept (for AWS: IKEv2, aes256, sha256, group14, 28800 s / 3600 s). */
    profile?: IpsecProfileInput;
    /** Pre-shared keys: one for every tunnel or one per AWS tunnel (A1, A2, B1, B2). Default: a random 32-character key each. */
    psks?: string[];
    /** The dotted prefix of the user's config, for error messages. Default: the link's name. */
    configPath?: string;
    /** Tags on every resource of both clouds. */
    tags?: { [key: string]: string };
    /** Log the checks' warnings with pulumi.log.warn. Default true. */
    logWarnings?: boolean;
}

/** Plans a cloud link without creating anything: every finding and, when there is no error, what to create. */
export function planCloudLink(name: string, args: CloudLinkArgs): { plan?: AwsCloudLinkPlan; findings: Finding[] } {
    const path = args.configPath ?? name;
    if (!args.aws) {
        return {
            findings: [
                {
                    severity: "error",
                    code: "cloud.missing-peer",
                    site: name,
                    field: `${path}.aws`,
                    message:
                        "a cloud link needs the other cloud's end; CloudLink builds it on AWS so far (Azure and Google Cloud are not built yet).",
                    fix: `set ${path}.aws (region, vpcCidrs and one of vpcId, vpnGatewayId, transitGatewayId).`,
                },
            ],
        };
    }
    return planAwsCloudLink(name, {
        alibaba: args.alibaba,
        aws: args.aws,
        profile: args.profile,
        psks: args.psks,
        configPath: args.configPath,
    });
}

/** Typed without @pulumi/aws, so the package's declarations compile for users who do not install it. */
export interface CloudLinkDetails {
    plan: AwsCloudLinkPlan;
    findings: Finding[];
    /** aws.ec2.VpnConnection A and B. */
    awsConnections: pulumi.CustomResource[];
    /** aws.ec2.CustomerGateway A (master address) and B (slave address). */
    awsCustomerGateways: pulumi.CustomResource[];
    alibabaLinks: LinkResources[];
}

/**
 * An Alibaba Cloud dual-tunnel VPN gateway joined to another cloud's VPN service, both ends from one profile
 * (seed 001: Alibaba Cloud Beijing to AWS Singapore). For AWS: a virtual private gateway (or the given one, or a
 * transit gateway), one customer gateway per Alibaba gateway address, two VPN connections with every tunnel option
 * explicit (algorithms, DH groups, lifetimes, keys, inside CIDRs) and static routes; on Alibaba's side the VPC, the
 * gateway and two connections whose master tunnels end on AWS connection A (built for the master address) and whose
 * slave tunnels end on connection B. Everything is checked against both clouds before anything is registered.
 */
export class CloudLink extends pulumi.ComponentResource {
    readonly alibabaVpcId: pulumi.Output<string>;
    readonly alibabaVpnGatewayId: pulumi.Output<string>;
    /** The Alibaba gateway's addresses: master, slave. */
    readonly alibabaGatewayIps: pulumi.Output<string[]>;
    readonly alibabaConnectionIds: pulumi.Output<string[]>;
    readonly awsVpnGatewayId: pulumi.Output<string>;
    readonly awsCustomerGatewayIds: pulumi.Output<string[]>;
    readonly awsVpnConnectionIds: pulumi.Output<string[]>;
    /** AWS tunnel outside addresses: A1, A2, B1, B2. */
    readonly awsTunnelAddresses: pulumi.Output<string[]>;
    /** The four pre-shared keys, A1, A2, B1, B2 (secret). */
    readonly psks: pulumi.Output<string[]>;
    /** The checks' warnings, one line each. */
    readonly warnings: pulumi.Output<string[]>;

    constructor(name: string, args: CloudLinkArgs, opts?: pulumi.ComponentResourceOptions) {
        const { plan, findings } = planCloudLink(name, args);
        if (!plan) {
            throw new TopologyError(errorsOf(findings));
        }
        // Loaded before anything is registered: without the optional SDK, nothing is created.
        const aws = requireOptional<typeof awsSdk>("@pulumi/aws", "^7", `CloudLink "${name}" to AWS`);
        super("alicloud-vpn:index:CloudLink", name, {}, opts);
        const warnings = findings.filter((f) => f.severity === "warning");
        if (args.logWarnings !== false) {
            warnings.forEach((w) => pulumi.log.warn(formatFinding(w), this));
        }
        const tags = args.tags;
        const region = plan.region;

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
        const hub = createHub(plan.site.hub, tags, alibabaEnd);
        const gateway: GatewayRef = {
            name,
            vpcCidr: plan.site.hub.vpcCidr,
            tunnelMode: "dual",
            vpnGatewayId: hub.gateway.id,
            routeTableId: hub.vpc.routeTableId,
            internetIp: hub.gateway.internetIp,
            disasterRecoveryInternetIp: hub.gateway.disasterRecoveryInternetIp,
        };

        // The AWS end. Every AWS resource names its region itself (provider v7's per-resource region).
        const awsChild = { parent: this };
        const awsTags = { ...tags, Name: name };
        const vgw =
            plan.attach.kind === "vpc"
                ? new aws.ec2.VpnGateway(
                      `${name}-vgw`,
                      { vpcId: plan.attach.vpcId, amazonSideAsn: plan.amazonSideAsn?.toString(), region, tags: awsTags },
                      awsChild,
                  )
                : undefined;
        const vpnGatewayId: pulumi.Input<string> | undefined = vgw
            ? vgw.id
            : plan.attach.kind === "vpnGateway"
              ? plan.attach.vpnGatewayId
              : undefined;
        if (vpnGatewayId !== undefined) {
            plan.routeTableIds.forEach(
                (rtb) =>
                    new aws.ec2.VpnGatewayRoutePropagation(
                        `${name}-propagation-${rtb}`,
                        { vpnGatewayId, routeTableId: rtb, region },
                        awsChild,
                    ),
            );
        }
        // One customer gateway per Alibaba gateway address: A for the master address, B for the slave address.
        const alibabaIps = [hub.gateway.internetIp, hub.gateway.disasterRecoveryInternetIp];
        const customerGateways = ["a", "b"].map(
            (c, j) =>
                new aws.ec2.CustomerGateway(
                    `${name}-cgw-${c}`,
                    // Static routing: the ASN is required by the API but unused; 65000 is private.
                    {
                        bgpAsn: "65000",
                        ipAddress: alibabaIps[j],
                        type: "ipsec.1",
                        region,
                        tags: { ...awsTags, Name: `${name}-alibaba-${j === 0 ? "master" : "slave"}` },
                    },
                    awsChild,
                ),
        );
        const psks = [0, 1, 2, 3].map((i) =>
            plan.psks
                ? pulumi.secret(plan.psks[i])
                : pulumi.secret(
                      new random.RandomPassword(
                          `${name}-psk-${["a1", "a2", "b1", "b2"][i]}`,
                          { length: 32, special: false, minLower: 4, minUpper: 4, minNumeric: 4 },
                          { parent: this },
                      )// AWS refuses a key that starts with 0; letters and digits suit both clouds otherwise.
                      .result
                          .apply((k) => (k.startsWith("0") ? `K${k.slice(1)}` : k)),
                  ),
        );
        const o = plan.tunnelOptions;
        const tunnel = (n: 1 | 2, index: number) => ({
            [`tunnel${n}IkeVersions`]: o.ikeVersions,
            [`tunnel${n}Phase1EncryptionAlgorithms`]: o.phase1EncryptionAlgorithms,
            [`tunnel${n}Phase1IntegrityAlgorithms`]: o.phase1IntegrityAlgorithms,
            [`tunnel${n}Phase1DhGroupNumbers`]: o.phase1DhGroupNumbers,
            [`tunnel${n}Phase1LifetimeSeconds`]: o.phase1LifetimeSeconds,
            [`tunnel${n}Phase2EncryptionAlgorithms`]: o.phase2EncryptionAlgorithms,
            [`tunnel${n}Phase2IntegrityAlgorithms`]: o.phase2IntegrityAlgorithms,
            [`tunnel${n}Phase2DhGroupNumbers`]: o.phase2DhGroupNumbers,
            [`tunnel${n}Phase2LifetimeSeconds`]: o.phase2LifetimeSeconds,
            [`tunnel${n}PresharedKey`]: psks[index],
            [`tunnel${n}InsideCidr`]: plan.insideCidrs[index],
            // Alibaba initiates (effectImmediately); AWS answers, and restarts IKE after a DPD timeout.
            [`tunnel${n}StartupAction`]: "add",
            [`tunnel${n}DpdTimeoutAction`]: "restart",
        });
        const connections = ["a", "b"].map(
            (c, j) =>
                new aws.ec2.VpnConnection(
                    `${name}-vpn-${c}`,
                    {
                        customerGatewayId: customerGateways[j].id,
                        ...(vpnGatewayId !== undefined
                            ? { vpnGatewayId }
                            : { transitGatewayId: (plan.attach as { transitGatewayId: string }).transitGatewayId }),
                        type: "ipsec.1",
                        staticRoutesOnly: true,
                        region,
                        tags: { ...awsTags, Name: `${name}-${c}` },
                        ...tunnel(1, j * 2),
                        ...tunnel(2, j * 2 + 1),
                    } as awsSdk.ec2.VpnConnectionArgs,
                    {
                        parent: this,
                        additionalSecretOutputs: ["tunnel1PresharedKey", "tunnel2PresharedKey", "customerGatewayConfiguration"],
                    },
                ),
        );
        if (vpnGatewayId !== undefined) {
            connections.forEach((conn, j) =>
                plan.alibabaSubnets.forEach(
                    (dest) =>
                        new aws.ec2.VpnConnectionRoute(
                            `${name}-vpn-${"ab"[j]}-route-${slug(dest)}`,
                            { vpnConnectionId: conn.id, destinationCidrBlock: dest, region },
                            awsChild,
                        ),
                ),
            );
        } else if (plan.attach.kind === "transitGateway") {
            // A transit gateway takes one static route per destination: connection A carries it (failover to B needs BGP).
            const routeTableId = plan.attach.routeTableId;
            plan.alibabaSubnets.forEach(
                (dest) =>
                    new aws.ec2transitgateway.Route(
                        `${name}-tgw-route-${slug(dest)}`,
                        {
                            destinationCidrBlock: dest,
                            transitGatewayAttachmentId: connections[0].transitGatewayAttachmentId,
                            transitGatewayRouteTableId: routeTableId,
                            region,
                        },
                        awsChild,
                    ),
            );
        }

        // Alibaba connection k: master tunnel to A's tunnel k, slave tunnel to B's tunnel k, keys to match. The
        // second connection's gateway routes have weight 0: it stands by while the first carries traffic.
        const tunnelAddress = (conn: awsSdk.ec2.VpnConnection, n: number) => (n === 1 ? conn.tunnel1Address : conn.tunnel2Address);
        const alibabaLinks = plan.site.links.map((linkPlan, k) =>
            createLink(
                linkPlan,
                gateway,
                {
                    peerPublicIp: tunnelAddress(connections[0], k + 1),
                    peerSecondaryPublicIp: tunnelAddress(connections[1], k + 1),
                    psks: [psks[k], psks[2 + k]],
                    gatewayRouteWeight: k === 0 ? 100 : 0,
                },
                alibabaEnd,
            ),
        );

        this.alibabaVpcId = hub.vpc.id;
        this.alibabaVpnGatewayId = hub.gateway.id;
        this.alibabaGatewayIps = pulumi.all(alibabaIps);
        this.alibabaConnectionIds = pulumi.all(alibabaLinks.map((l) => l.connection.id));
        this.awsVpnGatewayId = pulumi.output(vpnGatewayId ?? "");
        this.awsCustomerGatewayIds = pulumi.all(customerGateways.map((c) => c.id));
        this.awsVpnConnectionIds = pulumi.all(connections.map((c) => c.id));
        this.awsTunnelAddresses = pulumi.all(connections.flatMap((c) => [c.tunnel1Address, c.tunnel2Address]));
        this.psks = pulumi.secret(pulumi.all(psks));
        this.warnings = pulumi.output(warnings.map(formatFinding));
        cloudLinkDetails.set(this, {
            plan,
            findings: warnings,
            awsConnections: connections,
            awsCustomerGateways: customerGateways,
            alibabaLinks,
        });
        this.registerOutputs({
            alibabaVpcId: this.alibabaVpcId,
            alibabaVpnGatewayId: this.alibabaVpnGatewayId,
            alibabaGatewayIps: this.alibabaGatewayIps,
            alibabaConnectionIds: this.alibabaConnectionIds,
            awsVpnGatewayId: this.awsVpnGatewayId,
            awsCustomerGatewayIds: this.awsCustomerGatewayIds,
            awsVpnConnectionIds: this.awsVpnConnectionIds,
            awsTunnelAddresses: this.awsTunnelAddresses,
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
