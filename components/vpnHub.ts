import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { cidrSyntaxError, contains, hasHostBits, overlaps, parseCidr, prefixLength } from "../model/cidr";
import { Finding, assertNoErrors, formatFinding } from "../model/findings";
import { regionOfZone } from "../model/alibaba";
import { checkHubPlacement, checkPaymentType, checkVpcCidrReserved, isSingleVpnZoneRegion, validateBandwidth } from "../model/gateway";

export interface VswitchSpec {
    /** Zone id, e.g. "cn-hangzhou-h". */
    zoneId: string;
    cidr: string;
    /** Defaults to "<hub>-<zoneId>". */
    name?: string;
}

export type TunnelMode =
    /** Two tunnels per connection in two zones: what Alibaba sells in most regions since about 2023. */
    | "dual"
    /** One tunnel per connection: gateways bought before dual-tunnel support, and regions without it. */
    | "single";

export interface VpnHubArgs {
    /** The VPC's CIDR block. Plain, not an Input: the checks need it before anything is created. */
    vpcCidr: string;
    /** vSwitches of the VPC (workloads and the gateway's own). */
    vswitches: VswitchSpec[];
    /** Index into `vswitches` of the gateway's vSwitch. Default 0. */
    gatewayVswitch?: number;
    /** Index into `vswitches` of the gateway's disaster-recovery vSwitch (another zone). Default: the first in another zone. */
    disasterRecoveryVswitch?: number;
    /** Public gateway bandwidth, Mbit/s: 5, 10, 20, 50, 100, 200, 500 or 1000. Changing it replaces the gateway. */
    bandwidth: number;
    /** Default "dual". */
    tunnelMode?: TunnelMode;
    /** "PayAsYouGo" (default) or "Subscription" (seed 000 bought one month at 5 Mbit/s). */
    paymentType?: pulumi.Input<string>;
    /** Months, with Subscription. */
    period?: pulumi.Input<number>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** The dotted prefix of the user's config, for error messages. Default: the hub's name. */
    configPath?: string;
    /** Log the checks' warnings with pulumi.log.warn. Default true; a parent that reports them once (HubAndSpoke) passes false. */
    logWarnings?: boolean;
}

/** Every problem of a hub's plain arguments. `path` is the user's config prefix ("hypermotion.vpc"). */
export function checkHubArgs(args: VpnHubArgs, path: string, site: string): Finding[] {
    const findings: Finding[] = [];
    const at = (field: string) => `${path}.${field}`;
    const vpcProblem = cidrSyntaxError(args.vpcCidr);
    const vpcPrefixOk = !vpcProblem && prefixLength(args.vpcCidr) >= 8 && prefixLength(args.vpcCidr) <= 28;
    if (!vpcPrefixOk || hasHostBits(args.vpcCidr)) {
        findings.push({
            severity: "error",
            code: "hub.bad-vpc-cidr",
            site,
            field: at("vpcCidr"),
            value: args.vpcCidr,
            allowed: "a network address with a /8 to /28 prefix, e.g. 172.16.0.0/16",
            message: vpcProblem ? `${vpcProblem}.` : "Alibaba accepts VPC blocks from /8 to /28 written as their network address.",
            fix: vpcPrefixOk ? `write ${parseCidr(args.vpcCidr).text} instead.` : `set ${at("vpcCidr")} to a block such as 172.16.0.0/16.`,
        });
    }
    if (vpcPrefixOk && !hasHostBits(args.vpcCidr)) {
        findings.push(...checkVpcCidrReserved(args.vpcCidr, at("vpcCidr"), site));
    }
    findings.push(...validateBandwidth(args.bandwidth, at("bandwidth"), site));
    findings.push(...checkPaymentType(args.paymentType, at("paymentType"), site));
    const valid: Array<{ index: number; cidr: string }> = [];
    args.vswitches.forEach((vsw, i) => {
        const field = `${at("vswitches")}[${i}].cidr`;
        const problem = cidrSyntaxError(vsw.cidr);
        if (problem || prefixLength(vsw.cidr) < 16 || prefixLength(vsw.cidr) > 29 || hasHostBits(vsw.cidr)) {
            findings.push({
                severity: "error",
                code: "hub.bad-vswitch-cidr",
                site,
                field,
                value: vsw.cidr,
                allowed: "a network address with a /16 to /29 prefix inside the VPC",
                message: problem ? `${problem}.` : "Alibaba accepts vSwitch blocks from /16 to /29 written as their network address.",
                fix: `set ${field} to a /16../29 network inside ${args.vpcCidr}.`,
            });
            return;
        }
        if (!vpcProblem && !contains(args.vpcCidr, vsw.cidr)) {
            findings.push({
                severity: "error",
                code: "hub.vswitch-outside-vpc",
                site,
                field,
                value: vsw.cidr,
                message: `the vSwitch block is not inside the VPC block ${args.vpcCidr}.`,
                fix: `choose ${field} inside ${args.vpcCidr}, or widen ${at("vpcCidr")}.`,
            });
        }
        for (const other of valid) {
            if (overlaps(other.cidr, vsw.cidr)) {
                findings.push({
                    severity: "error",
                    code: "hub.vswitches-overlap",
                    site,
                    field,
                    value: vsw.cidr,
                    message: `overlaps ${at("vswitches")}[${other.index}].cidr (${other.cidr}).`,
                    fix: `give each vSwitch its own block, e.g. move ${field} past ${other.cidr}.`,
                });
            }
        }
        valid.push({ index: i, cidr: vsw.cidr });
    });
    findings.push(...checkHubPlacement(args, path, site));
    if ((args.tunnelMode ?? "dual") === "dual") {
        const primary = args.vswitches[args.gatewayVswitch ?? 0];
        const drIndex = args.disasterRecoveryVswitch ?? args.vswitches.findIndex((v) => primary && v.zoneId !== primary.zoneId);
        const dr = args.vswitches[drIndex];
        // Where a region has one VPN zone, both tunnels share it (even one vSwitch): the dual-tunnel page cited at
        // VPN_GATEWAY_ZONES. The region is read off the zone id.
        const oneZoneRegion = primary !== undefined && isSingleVpnZoneRegion(regionOfZone(primary.zoneId));
        if (!primary || !dr || (dr.zoneId === primary.zoneId && !oneZoneRegion)) {
            findings.push({
                severity: "error",
                code: "hub.dual-tunnel-needs-two-zones",
                site,
                field: at("vswitches"),
                value: args.vswitches.map((v) => v.zoneId),
                message: "a dual-tunnel VPN gateway needs a vSwitch and a disaster-recovery vSwitch in two different zones.",
                fix: `add a vSwitch in a second zone to ${at("vswitches")}, or set ${at("tunnelMode")}: single for a legacy gateway.`,
            });
        }
    }
    return findings;
}

/**
 * A VPC with its vSwitches and a VPN gateway: the Alibaba end of every SiteToSiteLink attached to it.
 * Links attached to one hub create their IPsec connections one after another, because the API refuses
 * concurrent CreateVpnConnection calls on one gateway ("VpnGateway.Configuring").
 */
export class VpnHub extends pulumi.ComponentResource {
    readonly vpc: alicloud.vpc.Network;
    readonly vswitches: alicloud.vpc.Switch[];
    readonly gateway: alicloud.vpn.Gateway;

    readonly vpcId: pulumi.Output<string>;
    readonly vpnGatewayId: pulumi.Output<string>;
    readonly routeTableId: pulumi.Output<string>;
    /** Public IP of the master tunnel (and of the only tunnel on a single-tunnel gateway). */
    readonly internetIp: pulumi.Output<string>;
    /** Public IP of the slave tunnel; empty on a single-tunnel gateway. */
    readonly disasterRecoveryInternetIp: pulumi.Output<string>;

    /** Plain values the links and checks read. */
    readonly vpcCidr: string;
    readonly tunnelMode: TunnelMode;
    readonly hubName: string;
    /** Warnings the checks raised (also sent to pulumi.log.warn). */
    readonly findings: readonly Finding[];

    private lastConnection: pulumi.Resource | undefined;

    constructor(name: string, args: VpnHubArgs, opts?: pulumi.ComponentResourceOptions) {
        // Checked before super(): a refused hub registers nothing, not even its component resource.
        const warnings = assertNoErrors(checkHubArgs(args, args.configPath ?? name, name));
        super("alicloud-vpn:index:VpnHub", name, {}, opts);
        this.findings = warnings;
        if (args.logWarnings !== false) {
            this.findings.forEach((w) => pulumi.log.warn(formatFinding(w), this));
        }

        this.hubName = name;
        this.vpcCidr = args.vpcCidr;
        this.tunnelMode = args.tunnelMode ?? "dual";
        const child = { parent: this };

        this.vpc = new alicloud.vpc.Network(`${name}-vpc`, { vpcName: name, cidrBlock: args.vpcCidr, tags: args.tags }, child);
        this.vswitches = args.vswitches.map(
            (vsw) =>
                new alicloud.vpc.Switch(
                    vsw.name ?? `${name}-${vsw.zoneId}`,
                    { vpcId: this.vpc.id, zoneId: vsw.zoneId, cidrBlock: vsw.cidr, vswitchName: vsw.name ?? `${name}-${vsw.zoneId}`, tags: args.tags },
                    child,
                ),
        );
        const primaryIndex = args.gatewayVswitch ?? 0;
        const drIndex =
            args.disasterRecoveryVswitch ?? args.vswitches.findIndex((v) => v.zoneId !== args.vswitches[primaryIndex].zoneId);
        this.gateway = new alicloud.vpn.Gateway(
            `${name}-gateway`,
            {
                vpnGatewayName: name,
                vpcId: this.vpc.id,
                vswitchId: this.vswitches[primaryIndex].id,
                // Dual-tunnel gateways take a second vSwitch in another zone; the slave tunnel lives there.
                disasterRecoveryVswitchId: this.tunnelMode === "dual" ? this.vswitches[drIndex].id : undefined,
                bandwidth: args.bandwidth,
                enableIpsec: true,
                enableSsl: false,
                paymentType: args.paymentType ?? "PayAsYouGo",
                period: args.period,
                tags: args.tags,
            },
            child,
        );

        this.vpcId = this.vpc.id;
        this.vpnGatewayId = this.gateway.id;
        this.routeTableId = this.vpc.routeTableId;
        this.internetIp = this.gateway.internetIp;
        this.disasterRecoveryInternetIp = this.gateway.disasterRecoveryInternetIp;

        this.registerOutputs({
            vpcId: this.vpcId,
            vswitchIds: this.vswitches.map((v) => v.id),
            vpnGatewayId: this.vpnGatewayId,
            routeTableId: this.routeTableId,
            internetIp: this.internetIp,
            disasterRecoveryInternetIp: this.disasterRecoveryInternetIp,
        });
    }

    /**
     * Hands out the place in this gateway's connection queue: returns what the next connection must wait
     * for (the previous connection, if any) and records `connection` as the new tail.
     */
    enqueueConnection(connection: (after: pulumi.Resource | undefined) => pulumi.Resource): pulumi.Resource {
        const created = connection(this.lastConnection);
        this.lastConnection = created;
        return created;
    }
}
