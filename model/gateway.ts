// Checks of a VPN gateway's and its VPC's own values, shared by the VpnHub component, the topology pass and the
// policy pack. Pure: plain values and the config path in, findings out. Sources are cited per rule.
import {
    PUBLIC_GATEWAY_BANDWIDTHS,
    PUBLIC_GATEWAY_BANDWIDTHS_CURRENT,
    VPC_RESERVED_BLOCKS,
    VPN_GATEWAY_ZONES,
    regionOfZone,
} from "./alibaba";
import { cidrSyntaxError, overlaps } from "./cidr";
import { Finding, allowedList } from "./findings";

/**
 * Alibaba sells public VPN gateways only in PUBLIC_GATEWAY_BANDWIDTHS (Mbit/s); anything else is refused. The
 * provider's docs list 5-1000, the current CreateVpnGateway reference only 10, 100, 200, 500, 1000: 5, 20 and 50
 * draw a warning that says the truth is unknown. A value that is not a number shows the value and a number to use.
 */
export function validateBandwidth(bandwidth: unknown, field: string, site?: string): Finding[] {
    if ((PUBLIC_GATEWAY_BANDWIDTHS_CURRENT as readonly unknown[]).includes(bandwidth)) {
        return [];
    }
    if ((PUBLIC_GATEWAY_BANDWIDTHS as readonly unknown[]).includes(bandwidth)) {
        const up = PUBLIC_GATEWAY_BANDWIDTHS_CURRENT.find((b) => b >= (bandwidth as number));
        return [
            {
                severity: "warning",
                code: "hub.bandwidth-maybe-discontinued",
                site,
                field,
                value: bandwidth,
                message:
                    "the provider's docs list this specification, the current CreateVpnGateway reference does not (10, 100, 200, 500, 1000); " +
                    "whether your region still sells it is unknown.",
                fix: `if the console does not offer it, set ${field} to ${up}.`,
            },
        ];
    }
    const numeric = typeof bandwidth === "string" && /^\s*\d+(\.\d+)?\s*$/.test(bandwidth) ? Number(bandwidth) : bandwidth;
    const next = typeof numeric === "number" ? (PUBLIC_GATEWAY_BANDWIDTHS.find((b) => b >= numeric) ?? 1000) : 10;
    if (typeof bandwidth !== "number") {
        return [
            {
                severity: "error",
                code: "hub.bad-bandwidth",
                site,
                field,
                value: bandwidth,
                allowed: `${allowedList(PUBLIC_GATEWAY_BANDWIDTHS)} (Mbit/s)`,
                message: `the bandwidth must be a number of Mbit/s, not a ${bandwidth === null ? "null" : typeof bandwidth}.`,
                fix: `write ${field}: ${typeof numeric === "number" && PUBLIC_GATEWAY_BANDWIDTHS.includes(numeric as never) ? numeric : next} without quotes.`,
            },
        ];
    }
    return [
        {
            severity: "error",
            code: "hub.bad-bandwidth",
            site,
            field,
            value: bandwidth,
            allowed: `${allowedList(PUBLIC_GATEWAY_BANDWIDTHS)} (Mbit/s)`,
            message: "Alibaba sells public VPN gateways only in these bandwidth specifications.",
            fix: `set ${field} to the next specification up, e.g. ${next}.`,
        },
    ];
}

/**
 * A VPC block Alibaba refuses because it overlaps a reserved block (100.64.0.0/10 above all: Alibaba's own services).
 * Source: CreateVpc reference, CidrBlock (VPC_RESERVED_BLOCKS). Skips blocks that do not parse (reported elsewhere).
 */
export function checkVpcCidrReserved(vpcCidr: string, field: string, site?: string): Finding[] {
    if (cidrSyntaxError(vpcCidr)) {
        return [];
    }
    const reserved = VPC_RESERVED_BLOCKS.find((block) => overlaps(vpcCidr, block));
    return reserved
        ? [
              {
                  severity: "error",
                  code: "hub.vpc-in-reserved-block",
                  site,
                  field,
                  value: vpcCidr,
                  message: `the block overlaps ${reserved}, which Alibaba reserves; CreateVpc refuses it.`,
                  fix: `choose ${field} in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, e.g. 172.16.0.0/16.`,
              },
          ]
        : [];
}

/** True when `zoneId` is a zone id of `region` (cn-hangzhou-h of cn-hangzhou, ap-northeast-1a of ap-northeast-1). */
export function isZoneOfRegion(zoneId: string, region: string): boolean {
    return regionOfZone(zoneId) === region;
}

/**
 * Every vSwitch zone must be a zone of the stack's region (CreateVSwitch refuses another region's zone:
 * https://www.alibabacloud.com/help/en/virtual-private-cloud/latest/work-with-vswitches). `path` is the
 * vSwitch list as the user wrote it ("alicloud-vpn:hypermotion.hub.vswitches"); findings name `${path}[i].zoneId`.
 */
export function checkZonesInRegion(vswitches: ReadonlyArray<{ zoneId: string }>, region: string, path: string, site?: string): Finding[] {
    const known = VPN_GATEWAY_ZONES[region];
    return vswitches.flatMap((vsw, i) => {
        if (isZoneOfRegion(vsw.zoneId, region)) {
            return [];
        }
        const other = regionOfZone(vsw.zoneId);
        return [
            {
                severity: "error" as const,
                code: "hub.zone-not-in-region",
                site,
                field: `${path}[${i}].zoneId`,
                value: vsw.zoneId,
                message: other ? `zone ${vsw.zoneId} is in region ${other}, not in the stack's region ${region}.` : `${JSON.stringify(vsw.zoneId)} is not a zone id of region ${region}.`,
                fix: known
                    ? `use a zone of ${region} (VPN gateways: ${known.join(", ")}), or change alicloud:region.`
                    : `use a zone of ${region} (its zone ids look like ${region}${/\d$/.test(region) ? "a" : "-a"}), or change alicloud:region.`,
            },
        ];
    });
}

export interface GatewayPlacement {
    /** "dual" (default) or "single". */
    tunnelMode?: string;
    /** The gateway's vSwitch zone, and the config field naming that vSwitch. */
    gatewayZone?: { zoneId: string; field: string };
    /** The disaster-recovery vSwitch zone (dual-tunnel), and its field. */
    disasterRecoveryZone?: { zoneId: string; field: string };
    /** The config field of tunnelMode, e.g. "alicloud-vpn:hypermotion.hub.tunnelMode". */
    tunnelModeField: string;
}

/**
 * Where a new gateway can be bought: only dual-tunnel gateways in the regions of VPN_GATEWAY_ZONES, and only in those
 * zones (source: the dual-tunnel page cited at VPN_GATEWAY_ZONES). Regions the table does not list are not judged.
 */
export function checkGatewayPlacement(placement: GatewayPlacement, region: string, site?: string): Finding[] {
    const zones = VPN_GATEWAY_ZONES[region];
    if (!zones) {
        return [];
    }
    const findings: Finding[] = [];
    if ((placement.tunnelMode ?? "dual") === "single") {
        findings.push({
            severity: "error",
            code: "hub.single-tunnel-region",
            site,
            field: placement.tunnelModeField,
            value: "single",
            allowed: "dual",
            message: `a VPN gateway bought in ${region} today accepts only dual-tunnel connections; single-tunnel gateways exist only as gateways bought before dual-tunnel support.`,
            fix: `set ${placement.tunnelModeField}: dual with the gateway and disaster-recovery vSwitches in two of ${zones.join(", ")}.`,
        });
    }
    const placedOnes: Array<[{ zoneId: string; field: string } | undefined, string]> = [
        [placement.gatewayZone, "the gateway's vSwitch"],
        [placement.disasterRecoveryZone, "the disaster-recovery vSwitch"],
    ];
    for (const [placed, what] of placedOnes) {
        if (placed && isZoneOfRegion(placed.zoneId, region) && !zones.includes(placed.zoneId)) {
            findings.push({
                severity: "error",
                code: "hub.zone-without-vpn",
                site,
                field: placed.field,
                value: placed.zoneId,
                allowed: zones.join(", "),
                message: `Alibaba sells no VPN gateway in zone ${placed.zoneId}.`,
                fix: `put ${what} in one of ${zones.join(", ")}.`,
            });
        }
    }
    return findings;
}

/** True when the region has a single VPN zone: both tunnels may share it, even one vSwitch (dual-tunnel page). */
export function isSingleVpnZoneRegion(region: string | undefined): boolean {
    return region !== undefined && VPN_GATEWAY_ZONES[region]?.length === 1;
}

/**
 * Two vSwitches with one name: Pulumi names the vSwitch resource after it, and refuses two resources with one URN.
 * `sites` lists each site's vSwitches with the config path of its list; names repeated within a site or across the
 * sites of one program are errors on the later occurrence.
 */
export function checkVswitchNames(sites: ReadonlyArray<{ site?: string; path: string; vswitches: ReadonlyArray<{ name?: string }> }>): Finding[] {
    const seen = new Map<string, string>();
    const findings: Finding[] = [];
    for (const { site, path, vswitches } of sites) {
        vswitches.forEach((vsw, i) => {
            if (vsw.name === undefined) {
                return;
            }
            const field = `${path}[${i}].name`;
            const first = seen.get(vsw.name);
            if (first) {
                findings.push({
                    severity: "error",
                    code: "hub.duplicate-vswitch-name",
                    site,
                    field,
                    value: vsw.name,
                    message: `${first} already has this name; the vSwitch resources would share one name (one URN), which Pulumi refuses.`,
                    fix: `rename ${field}, e.g. to ${JSON.stringify(`${site ?? "site"}-${vsw.name}`)}.`,
                });
            } else {
                seen.set(vsw.name, field);
            }
        });
    }
    return findings;
}

/**
 * A Subscription gateway is never deleted: the provider's Delete returns early for it ("Cannot destroy resource
 * alicloud_vpn_gateway which payment_type valued Subscription", alicloud/resource_alicloud_vpn_gateway.go,
 * resourceAliCloudVPNGatewayVPNGatewayDelete), so `pulumi destroy` drops it from the state, then fails to delete the
 * VPC it still sits in. A warning for whoever chooses it; nothing for PayAsYouGo or an unset value.
 */
export function checkPaymentType(paymentType: unknown, field: string, site?: string): Finding[] {
    if (typeof paymentType !== "string" || !["subscription", "prepaid"].includes(paymentType.toLowerCase())) {
        return [];
    }
    return [
        {
            severity: "warning",
            code: "hub.subscription-not-destroyed",
            site,
            field,
            value: paymentType,
            message:
                "the provider never deletes a Subscription gateway (it only forgets it), so `pulumi destroy` leaves it running until the term ends and then fails on its VPC.",
            fix: `keep ${field}: PayAsYouGo unless the saving matters; with Subscription, release the gateway in the console before destroying the stack.`,
        },
    ];
}

/**
 * checkGatewayPlacement for a hub's own arguments, which carry no region: the region is read off the vSwitch zones
 * (cn-hangzhou-h -> cn-hangzhou) when they all agree; zones of several regions are left to the stack's region check
 * (checkZonesInRegion), which knows which one is meant. `path` is the hub's config prefix ("...hypermotion.hub");
 * `gatewayVswitch`/`disasterRecoveryVswitch` are indexes into `vswitches`, as in VpnHubArgs.
 */
export function checkHubPlacement(
    hub: { vswitches: ReadonlyArray<{ zoneId: string }>; gatewayVswitch?: number; disasterRecoveryVswitch?: number; tunnelMode?: string },
    path: string,
    site?: string,
): Finding[] {
    const regions = new Set(hub.vswitches.map((v) => regionOfZone(v.zoneId)));
    const [region] = [...regions];
    if (regions.size !== 1 || region === undefined) {
        return [];
    }
    const dual = (hub.tunnelMode ?? "dual") === "dual";
    const gatewayIndex = hub.gatewayVswitch ?? 0;
    const primary = hub.vswitches[gatewayIndex];
    const drIndex = hub.disasterRecoveryVswitch ?? hub.vswitches.findIndex((v) => primary !== undefined && v.zoneId !== primary.zoneId);
    const zone = (i: number) => (hub.vswitches[i] ? { zoneId: hub.vswitches[i].zoneId, field: `${path}.vswitches[${i}].zoneId` } : undefined);
    return checkGatewayPlacement(
        { tunnelMode: hub.tunnelMode, tunnelModeField: `${path}.tunnelMode`, gatewayZone: zone(gatewayIndex), disasterRecoveryZone: dual && drIndex !== gatewayIndex ? zone(drIndex) : undefined },
        region,
        site,
    );
}
