// Where things may be placed at all, before any route arithmetic: VPC blocks outside Alibaba's reserved blocks,
// vSwitches inside their VPC and in their region's zones, vSwitch names unique across the program, and VPC route
// destinations Alibaba accepts (network addresses, not 100.64.0.0/10, each once per route table).
// Sources: CreateVpc, CreateVSwitch and CreateRouteEntry references (cited at VPC_RESERVED_BLOCKS,
// checkZonesInRegion and RESERVED_VPC_ROUTE_BLOCK in model/); duplicate URNs: Pulumi refuses two resources of one
// type and name under one parent.
import { RESERVED_VPC_ROUTE_BLOCK, VPC_RESERVED_BLOCKS, regionOfZone, reservedVpcRouteProblem } from "../model/alibaba";
import { contains, overlaps, parseCidr } from "../model/cidr";
import { Finding } from "../model/findings";
import { checkGatewayPlacement } from "../model/gateway";
import { AlibabaSite, Topology } from "../model/topology";
import { isCidr } from "./common";

function alibabaSites(topology: Topology): AlibabaSite[] {
    return topology.sites.filter((s): s is AlibabaSite => s.kind === "alibaba");
}

/** VPC blocks overlapping a block Alibaba reserves (100.64.0.0/10 and the like), and vSwitches outside their VPC. */
export function checkVpcPlacement(topology: Topology): Finding[] {
    const findings: Finding[] = [];
    for (const site of alibabaSites(topology)) {
        if (!isCidr(site.vpc.cidr)) {
            continue;
        }
        const reserved = VPC_RESERVED_BLOCKS.find((block) => overlaps(site.vpc.cidr, block));
        if (reserved) {
            findings.push({
                severity: "error",
                code: "topology.vpc-reserved-block",
                site: site.name,
                field: site.vpc.field,
                value: site.vpc.cidr,
                message: `the VPC block overlaps ${reserved}, which Alibaba reserves; CreateVpc refuses it.`,
                fix: `choose ${site.vpc.field} in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, e.g. 172.16.0.0/16.`,
            });
        }
        for (const vsw of site.vswitches) {
            if (isCidr(vsw.cidr) && !contains(site.vpc.cidr, vsw.cidr)) {
                findings.push({
                    severity: "error",
                    code: "topology.vswitch-outside-vpc",
                    site: site.name,
                    field: vsw.field,
                    value: vsw.cidr,
                    message: `the vSwitch block is not inside the VPC block ${site.vpc.cidr}; CreateVSwitch refuses it.`,
                    fix: `choose ${vsw.field} inside ${site.vpc.cidr} (e.g. ${insideExample(site.vpc.cidr, vsw.cidr)}), or widen ${site.vpc.field}.`,
                });
            }
        }
    }
    return findings;
}

/** A block of the vSwitch's size at the start of the VPC (or the VPC itself when the vSwitch is larger). */
function insideExample(vpc: string, vsw: string): string {
    const outer = parseCidr(vpc);
    const prefix = Math.max(outer.prefix, parseCidr(vsw).prefix);
    return `${outer.network.toString()}/${prefix}`;
}

/** vSwitch zones that are not zones of their site's region (only vSwitches whose plan carries a zone). */
export function checkVswitchZones(topology: Topology): Finding[] {
    return alibabaSites(topology).flatMap((site) =>
        site.vswitches
            .filter((vsw) => vsw.zoneId !== undefined && regionOfZone(vsw.zoneId) !== site.region)
            .map((vsw) => ({
                severity: "error" as const,
                code: "topology.zone-not-in-region",
                site: site.name,
                field: vsw.zoneField ?? vsw.field.replace(/\.cidr$/, ".zoneId"),
                value: vsw.zoneId,
                message: regionOfZone(vsw.zoneId!)
                    ? `zone ${vsw.zoneId} is in region ${regionOfZone(vsw.zoneId!)}, not in the site's region ${site.region}.`
                    : `${JSON.stringify(vsw.zoneId)} is not a zone id of region ${site.region}.`,
                fix: `use a zone of ${site.region}, or correct the site's region.`,
            })),
    );
}

/** Two vSwitches with one name anywhere in the program: their resources would share a URN, which Pulumi refuses. */
export function checkVswitchNameClashes(topology: Topology): Finding[] {
    const seen = new Map<string, { site: string; field: string }>();
    const findings: Finding[] = [];
    for (const site of alibabaSites(topology)) {
        for (const vsw of site.vswitches) {
            const field = vsw.nameField ?? vsw.field.replace(/\.cidr$/, ".name");
            const first = seen.get(vsw.name);
            if (!first) {
                seen.set(vsw.name, { site: site.name, field });
                continue;
            }
            findings.push({
                severity: "error",
                code: "topology.duplicate-vswitch-name",
                site: site.name,
                field,
                value: vsw.name,
                message: `${first.field}${first.site === site.name ? "" : ` (site ${first.site})`} already has this name; both vSwitch resources would get one URN, which Pulumi refuses.`,
                fix: `rename ${field}, e.g. to ${JSON.stringify(`${site.name}-${vsw.name}`)}.`,
            });
        }
    }
    return findings;
}

/**
 * VPC route destinations Alibaba refuses or that collide: host bits (the network address is offered), 100.64.0.0/10 or
 * inside it (CreateRouteEntry), and one destination twice in one route table (RouterEntryConflict.Duplicated). VPN
 * gateway routes repeated on one gateway are refused the same way (VpnRouteEntry.AlreadyExists).
 */
export function checkRouteDestinations(topology: Topology): Finding[] {
    const findings: Finding[] = [];
    const seen = new Map<string, string>();
    for (const route of topology.vpcRoutes) {
        if (!isCidr(route.destination)) {
            continue;
        }
        const network = parseCidr(route.destination).text;
        if (network !== route.destination) {
            findings.push({
                severity: "error",
                code: "route.host-bits",
                site: route.site,
                field: route.field,
                value: route.destination,
                message: `the address has host bits set beyond the prefix; the network is ${network}, and Alibaba refuses a route to anything else.`,
                fix: `write ${network} instead of ${route.destination}.`,
            });
        }
        const reserved = reservedVpcRouteProblem(network);
        if (reserved) {
            findings.push({
                severity: reserved.severity,
                code: "route.reserved-vpc-destination",
                site: route.site,
                field: route.field,
                value: route.destination,
                message: reserved.message,
                fix: `renumber that network out of ${RESERVED_VPC_ROUTE_BLOCK} (e.g. into 10.0.0.0/8 or 192.168.0.0/16), or leave it out of the routes.`,
            });
        }
        const key = `vpc ${route.site} ${network}`;
        const earlier = seen.get(key);
        if (earlier) {
            findings.push({
                severity: "error",
                code: "route.duplicate",
                site: route.site,
                field: route.field,
                value: route.destination,
                message: `the same network as ${earlier}: the VPC route table would get two entries to ${network}, and Alibaba refuses the second.`,
                fix: `correct ${route.field} to the network it was meant to be, or remove it.`,
            });
        } else {
            seen.set(key, route.field);
        }
    }
    for (const route of topology.gatewayRoutes) {
        if (!isCidr(route.destination)) {
            continue;
        }
        const key = `gw ${route.site} ${route.connection} ${parseCidr(route.destination).text}`;
        const earlier = seen.get(key);
        // The same field twice is one mistake seen from two lists; report a repeat only when it comes from elsewhere.
        if (earlier && earlier !== route.field) {
            findings.push({
                severity: "error",
                code: "route.duplicate",
                site: route.site,
                field: route.field,
                value: route.destination,
                message: `the same network as ${earlier}: the VPN gateway would get two routes to it via ${route.connection}, and Alibaba refuses the second.`,
                fix: `correct ${route.field} to the network it was meant to be, or remove it.`,
            });
        } else if (!earlier) {
            seen.set(key, route.field);
        }
    }
    return findings;
}

/**
 * Gateways the topology places (VpnGatewayPlan.tunnelMode/vswitch set by the stack): single-tunnel where only
 * dual-tunnel gateways are sold, or a vSwitch in a zone without VPN gateways (model/gateway.ts checkGatewayPlacement).
 * Its codes are the model's (hub.single-tunnel-region, hub.zone-without-vpn).
 */
export function checkGatewaySites(topology: Topology): Finding[] {
    return alibabaSites(topology).flatMap((site) => {
        const gateway = site.gateway;
        if (!gateway || (gateway.tunnelMode === undefined && gateway.vswitch === undefined)) {
            return [];
        }
        const zoneOf = (name: string | undefined) => {
            const vsw = site.vswitches.find((v) => v.name === name);
            return vsw?.zoneId ? { zoneId: vsw.zoneId, field: vsw.zoneField ?? vsw.field.replace(/\.cidr$/, ".zoneId") } : undefined;
        };
        return checkGatewayPlacement(
            {
                tunnelMode: gateway.tunnelMode,
                tunnelModeField: gateway.tunnelModeField ?? `${site.vpc.field.replace(/\.vpcCidr$/, "")}.tunnelMode`,
                gatewayZone: zoneOf(gateway.vswitch),
                disasterRecoveryZone: gateway.tunnelMode === "single" ? undefined : zoneOf(gateway.disasterRecoveryVswitch),
            },
            site.region,
            site.name,
        );
    });
}
