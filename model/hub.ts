// A VPC with its vSwitches and a VPN gateway, as plain data: the Alibaba end of every link attached to it.
// checkHubArgs finds every problem; planHub says what to create. Pure: no Pulumi.
import { cidrSyntaxError, contains, hasHostBits, overlaps, parseCidr, prefixLength } from "./cidr";
import { Finding } from "./findings";
import { regionOfZone } from "./alibaba";
import { checkHubPlacement, checkPaymentType, checkVpcCidrReserved, isSingleVpnZoneRegion, validateBandwidth } from "./gateway";

/** How many tunnels each IPsec connection of the gateway has. */
export const TunnelMode = {
    /** Two tunnels per connection in two zones: what Alibaba sells in most regions since about 2023. */
    Dual: "dual",
    /** One tunnel per connection: gateways bought before dual-tunnel support, and regions without it. */
    Single: "single",
} as const;
export type TunnelMode = (typeof TunnelMode)[keyof typeof TunnelMode];

/** How the gateway is billed. */
export const PaymentType = {
    PayAsYouGo: "PayAsYouGo",
    /** Prepaid for `period` months. The provider never deletes one: `pulumi destroy` leaves it (and so its VPC) behind. */
    Subscription: "Subscription",
} as const;
export type PaymentType = (typeof PaymentType)[keyof typeof PaymentType];

export interface VswitchSpec {
    /** Zone id, e.g. "cn-hangzhou-h". */
    zoneId: string;
    /** The vSwitch's block, a /16 to /29 network inside the VPC. */
    cidr: string;
    /** Defaults to "<hub>-<zoneId>". */
    name?: string;
}

/** A hub as plain data: what VpnHub and VpnSite take, and what the planners check. */
export interface HubSpec {
    /** The VPC's CIDR block. */
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
    /** Default "PayAsYouGo" (seed 000 bought one month of Subscription at 5 Mbit/s). */
    paymentType?: PaymentType;
    /** Months, with Subscription. */
    period?: number;
    /** The dotted prefix of the user's config, for error messages. Default: the hub's name. */
    configPath?: string;
}

/** What to create for a hub, resolved from a HubSpec that passed checkHubArgs. */
export interface HubPlan {
    name: string;
    vpcCidr: string;
    tunnelMode: TunnelMode;
    vswitches: Array<{ name: string; zoneId: string; cidr: string }>;
    /** Indexes into `vswitches`; the disaster-recovery one only on dual-tunnel gateways. */
    gatewayVswitch: number;
    disasterRecoveryVswitch?: number;
    bandwidth: number;
    paymentType: PaymentType;
    period?: number;
}

/** Every problem of a hub's plain arguments. `path` is the user's config prefix ("hypermotion.vpc"). */
export function checkHubArgs(args: HubSpec, path: string, site: string): Finding[] {
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
        const dr = args.vswitches[disasterRecoveryIndex(args)];
        if (!primary || !dr || (dr.zoneId === primary.zoneId && !oneVpnZone(args))) {
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
 * Where a region has one VPN zone, both tunnels share it, even one vSwitch (the dual-tunnel page cited at
 * VPN_GATEWAY_ZONES in model/alibaba.ts). The region is read off the gateway vSwitch's zone id.
 */
function oneVpnZone(args: HubSpec): boolean {
    const primary = args.vswitches[args.gatewayVswitch ?? 0];
    return primary !== undefined && isSingleVpnZoneRegion(regionOfZone(primary.zoneId));
}

/**
 * The disaster-recovery vSwitch's index: the one given, else the first vSwitch in another zone than the gateway's,
 * else (a region with one VPN zone) the gateway's own vSwitch.
 */
function disasterRecoveryIndex(args: HubSpec): number {
    const gateway = args.gatewayVswitch ?? 0;
    const primary = args.vswitches[gateway];
    const other = args.vswitches.findIndex((v) => primary !== undefined && v.zoneId !== primary.zoneId);
    return args.disasterRecoveryVswitch ?? (other < 0 && oneVpnZone(args) ? gateway : other);
}

/** The resources of a hub that passed checkHubArgs. */
export function planHub(name: string, args: HubSpec): HubPlan {
    const tunnelMode = args.tunnelMode ?? "dual";
    return {
        name,
        vpcCidr: args.vpcCidr,
        tunnelMode,
        vswitches: args.vswitches.map((v) => ({ name: v.name ?? `${name}-${v.zoneId}`, zoneId: v.zoneId, cidr: v.cidr })),
        gatewayVswitch: args.gatewayVswitch ?? 0,
        disasterRecoveryVswitch: tunnelMode === "dual" ? disasterRecoveryIndex(args) : undefined,
        bandwidth: args.bandwidth,
        paymentType: args.paymentType ?? "PayAsYouGo",
        period: args.period,
    };
}
