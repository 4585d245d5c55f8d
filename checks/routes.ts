// Routes against traffic selectors. A packet leaves an Alibaba VPC through the VPN gateway only if (1) the VPC
// route table sends its destination to the gateway, (2) a gateway route sends it to a connection, and (3) that
// connection's selectors cover both its source (local subnets) and its destination (remote subnets). If (3)
// fails the gateway does not encrypt it and hands it back to the VPC, which routes it to the gateway again:
// a loop until the TTL runs out (seed 004, case 1). The peer must hold the mirror image.
import { contains, coveredByUnion, excludeCidrs, overlaps, prefixLength, supernet } from "../model/cidr";
import { Finding } from "../model/findings";
import { AlibabaSite, Block, IpsecConnectionPlan, Topology, TransitPlan, VpcRoutePlan, workloadBlocks } from "../model/topology";
import {
    cidrsOf,
    connectionsOn,
    findAlibabaSite,
    findSite,
    gatewayRouteDestinationsInVpc,
    gatewayRoutesTo,
    isCidr,
    isPolicy,
    list,
    validBlocks,
} from "./common";

/** "add X to F" and, since IKEv1 carries one selector, the single block that would cover the list and X. */
function addFix(field: string, current: readonly string[], cidr: string): string {
    const one = supernet([...current, cidr]);
    // A covering block wider than a /8 would pull in half the Internet: not worth suggesting.
    return prefixLength(one) >= 8
        ? `add ${cidr} to ${field}, or replace ${field} with one block covering it all, e.g. ${one} (IKEv1 carries one selector pair)`
        : `add ${cidr} to ${field}`;
}

/** The connection the gateway of `site` sends `destination` to: longest-prefix gateway route containing it. */
function resolveConnection(topology: Topology, site: string, destination: string): IpsecConnectionPlan | undefined {
    const route = topology.gatewayRoutes
        .filter((r) => r.site === site && isCidr(r.destination) && contains(r.destination, destination))
        .sort((a, b) => prefixLength(b.destination) - prefixLength(a.destination))[0];
    return route ? topology.connections.find((c) => c.site === site && c.name === route.connection) : undefined;
}

/** Seed 004: the gateway receives traffic no connection's remote subnets cover, does not encrypt it, and it loops. */
function outsideRemote(site: string, route: VpcRoutePlan, connection: IpsecConnectionPlan | undefined): Finding {
    const dest = route.destination;
    const remote = connection ? cidrsOf(connection.remoteSubnets) : [];
    return {
        severity: "error",
        code: "route.outside-remote-subnets",
        site,
        field: route.field,
        value: dest,
        message: connection
            ? `the VPC routes ${dest} to the VPN gateway, but connection ${connection.name}'s remote subnets (${list(remote)}) do not cover it; the gateway does not encrypt it and the packets loop in the VPC until their TTL expires (seed 004, case 1).`
            : `the VPC routes ${dest} to the VPN gateway of ${site}, but no connection's remote subnets cover it; the gateway does not encrypt it and the packets loop in the VPC until their TTL expires (seed 004, case 1).`,
        fix: connection
            ? `${addFix(connection.remoteSubnets.field, remote, dest)}; or remove the route.`
            : `add ${dest} to the remote subnets of the connection that should carry it, or remove the route.`,
    };
}

function checkVpcRouteToGateway(topology: Topology, route: VpcRoutePlan): Finding[] {
    const site = findAlibabaSite(topology, route.site);
    if (!site || !isCidr(route.destination)) {
        return [];
    }
    const dest = route.destination;
    if (isCidr(site.vpc.cidr) && overlaps(dest, site.vpc.cidr) && !contains(site.vpc.cidr, dest)) {
        // A summary covering the VPC itself. Alibaba accepts a custom route containing the vSwitches' blocks (their
        // system routes are more specific), but the VPC's addresses outside every vSwitch, and any vSwitch added
        // later, would go into the tunnel. (A route inside the VPC is the loop below: seed 001.)
        return [
            {
                severity: "error",
                code: "route.overlaps-own-vpc",
                site: site.name,
                field: route.field,
                value: dest,
                message: `the VPC of ${site.name} would route ${dest}, which overlaps its own block ${site.vpc.cidr}, to its VPN gateway: traffic to the VPC's own addresses outside its vSwitches would leave through the tunnel.`,
                fix: `route only blocks outside ${site.vpc.cidr}, e.g. ${list(excludeCidrs([dest], [site.vpc.cidr]).slice(0, 4))}${excludeCidrs([dest], [site.vpc.cidr]).length > 4 ? ", ..." : ""}.`,
            },
        ];
    }
    if (!site.gateway) {
        return [
            {
                severity: "error",
                code: "route.no-vpn-gateway",
                site: site.name,
                field: route.field,
                value: dest,
                message: `the route sends ${dest} to a VPN gateway, but ${site.name} has none.`,
                fix: `give ${site.name} a VPN gateway, or remove the route.`,
            },
        ];
    }
    const connection = resolveConnection(topology, site.name, dest);
    const carriers = connectionsOn(topology, site.name).filter((c) => !isPolicy(c) || coveredByUnion(cidrsOf(c.remoteSubnets), dest));
    if (!connection && carriers.length > 0) {
        return [
            {
                severity: "error",
                code: "route.no-gateway-route",
                site: site.name,
                field: route.field,
                value: dest,
                message: `the VPC sends ${dest} to the VPN gateway of ${site.name}, but the gateway has no static route for it and drops it (seed 002: do not forget the static routes).`,
                fix: `add a VPN gateway route for ${dest} to connection ${carriers[0].name}.`,
            },
        ];
    }
    const target = connection ?? (connectionsOn(topology, site.name).length === 1 ? connectionsOn(topology, site.name)[0] : undefined);
    if (!target || !isPolicy(target)) {
        return target || connection ? [] : [outsideRemote(site.name, route, undefined)];
    }
    const remote = cidrsOf(target.remoteSubnets);
    if (!coveredByUnion(remote, dest)) {
        return [outsideRemote(site.name, route, target)];
    }
    if (!connection) {
        return [];
    }
    const local = cidrsOf(connection.localSubnets);
    // By default the VPC's own workload vSwitches; one outside the VPC block is the hub checks' finding, not this one.
    const sources = validBlocks(route.sources ?? workloadBlocks(site).filter((b) => isCidr(b.cidr) && isCidr(site.vpc.cidr) && contains(site.vpc.cidr, b.cidr)));
    return sources
        .filter((source) => !coveredByUnion(local, source.cidr))
        .map((source) => ({
            severity: "error" as const,
            code: "route.source-outside-local-subnets",
            site: site.name,
            field: connection.localSubnets.field,
            value: source.cidr,
            message: `traffic from ${source.cidr} (${source.field}) to ${dest} is routed to the VPN gateway, but connection ${connection.name}'s local subnets (${list(local)}) do not cover its source; the gateway does not encrypt it and the packets loop in the VPC until their TTL expires (seed 004, case 1: 10.64.3.22 outside 10.16.0.0/16).`,
            fix: `${addFix(connection.localSubnets.field, local, source.cidr)}.`,
        }));
}

/** A warning about one of a connection's remote subnets. */
function remoteWarning(connection: IpsecConnectionPlan, block: Block, code: string, message: string, fix: string): Finding {
    return { severity: "warning", code, site: connection.site, field: block.field, value: block.cidr, message, fix };
}

/** A connection's remote subnets need a VPC route and a gateway route on its site, or nothing reaches the tunnel. */
function checkRemoteSubnetsRouted(topology: Topology, connection: IpsecConnectionPlan): Finding[] {
    const findings: Finding[] = [];
    const vpcRoutes = gatewayRouteDestinationsInVpc(topology, connection.site);
    const gatewayRoutes = gatewayRoutesTo(topology, connection.site, connection.name);
    for (const block of validBlocks(connection.remoteSubnets.blocks)) {
        if (!coveredByUnion(vpcRoutes, block.cidr)) {
            findings.push(
                remoteWarning(
                    connection,
                    block,
                    "route.missing-vpc-route",
                    `the connection carries ${block.cidr}, but the VPC route table of ${connection.site} does not send all of it to the VPN gateway; traffic to it, and replies to it, take the VPC's other routes.`,
                    `add a VPC route entry for ${block.cidr} with next hop the VPN gateway of ${connection.site}, or remove it from ${connection.remoteSubnets.field}.`,
                ),
            );
        }
        if (!coveredByUnion(gatewayRoutes, block.cidr)) {
            findings.push(
                remoteWarning(
                    connection,
                    block,
                    "route.missing-gateway-route",
                    `the connection carries ${block.cidr}, but the VPN gateway of ${connection.site} has no static route sending it to ${connection.name} (seed 002).`,
                    `add a VPN gateway route for ${block.cidr} with next hop connection ${connection.name}.`,
                ),
            );
        }
    }
    return findings;
}

/** What lies behind the peer: an external site's LANs; an Alibaba site's VPC and whatever it reaches through other connections. */
function behindPeer(topology: Topology, connection: IpsecConnectionPlan): string[] | undefined {
    const peer = findSite(topology, connection.peer);
    if (!peer) {
        return undefined;
    }
    if (peer.kind === "external") {
        return validBlocks(peer.networks).map((b) => b.cidr);
    }
    const onward = connectionsOn(topology, peer.name).filter((c) => c.peer !== connection.site);
    // A hub whose user declared summary blocks: all of them are behind it, used or not.
    const accepted = (topology.transits ?? []).filter((t) => t.hub === peer.name).flatMap((t) => t.summary ?? []);
    return [peer.vpc.cidr, ...onward.flatMap((c) => cidrsOf(c.remoteSubnets)), ...accepted].filter(isCidr);
}

function checkPeerSide(topology: Topology, connection: IpsecConnectionPlan): Finding[] {
    const findings: Finding[] = [];
    const behind = behindPeer(topology, connection);
    if (behind && behind.length > 0) {
        for (const block of validBlocks(connection.remoteSubnets.blocks)) {
            if (!coveredByUnion(behind, block.cidr)) {
                findings.push(
                    remoteWarning(
                        connection,
                        block,
                        "route.remote-not-behind-peer",
                        `${connection.peer} has no network covering ${block.cidr} (it has ${list(behind)}); the tunnel would carry traffic nobody answers.`,
                        `remove ${block.cidr} from ${connection.remoteSubnets.field}, or declare the network behind ${connection.peer}.`,
                    ),
                );
            }
        }
    }
    const peer = findAlibabaSite(topology, connection.peer);
    if (!peer) {
        return findings;
    }
    const mirror = topology.connections.find((c) => c.site === peer.name && c.peer === connection.site);
    if (!mirror) {
        findings.push({
            severity: "error",
            code: "route.peer-missing-connection",
            site: connection.site,
            field: `${connection.path}`,
            value: connection.peer,
            message: `the peer ${peer.name} is an Alibaba VPC, but its VPN gateway has no connection back to ${connection.site}; the tunnel cannot come up.`,
            fix: `add a connection on ${peer.name} toward ${connection.site} with local subnets ${list(cidrsOf(connection.remoteSubnets))} and remote subnets ${list(cidrsOf(connection.localSubnets))}.`,
        });
        return findings;
    }
    if (!isPolicy(connection) || !isPolicy(mirror)) {
        return findings;
    }
    // The reverse on the peer: each side's local subnets must be the other's remote subnets, or phase 2 fails.
    const pairs: Array<[Block[], IpsecConnectionPlan, "localSubnets" | "remoteSubnets", string]> = [
        [connection.localSubnets.blocks, mirror, "remoteSubnets", "local"],
        [connection.remoteSubnets.blocks, mirror, "localSubnets", "remote"],
    ];
    for (const [blocks, other, otherField, side] of pairs) {
        const theirs = cidrsOf(other[otherField]);
        for (const block of validBlocks(blocks)) {
            if (!coveredByUnion(theirs, block.cidr)) {
                findings.push({
                    severity: "error",
                    code: "route.peer-selectors-mismatch",
                    site: other.site,
                    field: other[otherField].field,
                    value: block.cidr,
                    message: `connection ${connection.name} on ${connection.site} has ${block.cidr} among its ${side} subnets (${block.field}), but the mirror connection ${other.name} on ${other.site} does not list it among its ${otherField === "remoteSubnets" ? "remote" : "local"} subnets (${list(theirs)}); phase 2 fails or that traffic is dropped.`,
                    fix: `add ${block.cidr} to ${other[otherField].field}, or remove it from ${block.field}.`,
                });
            }
        }
    }
    return findings;
}

/**
 * Transit through a gateway: when connection `via`'s peer sends traffic for `connection`'s remote side through
 * this gateway (its local subnets overlap them), `connection` must carry that peer's networks as local subnets.
 */
function checkTransitSources(topology: Topology, connection: IpsecConnectionPlan): Finding[] {
    const findings: Finding[] = [];
    const local = cidrsOf(connection.localSubnets);
    const remote = cidrsOf(connection.remoteSubnets);
    for (const via of connectionsOn(topology, connection.site)) {
        if (via === connection || !isPolicy(via) || !isPolicy(connection)) {
            continue;
        }
        const transits = cidrsOf(via.localSubnets).some((l) => remote.some((r) => overlaps(l, r)));
        if (!transits) {
            continue;
        }
        for (const source of validBlocks(via.remoteSubnets.blocks)) {
            if (!coveredByUnion(local, source.cidr)) {
                findings.push({
                    severity: "error",
                    code: "transit.source-outside-local-subnets",
                    site: connection.site,
                    field: connection.localSubnets.field,
                    value: source.cidr,
                    message: `${via.peer} (${source.cidr}) reaches ${list(remote)} through the VPN gateway of ${connection.site}, but connection ${connection.name}'s local subnets (${list(local)}) do not cover it; the gateway does not encrypt that traffic into ${connection.name}.`,
                    fix: `${addFix(connection.localSubnets.field, local, source.cidr)}.`,
                });
            }
        }
    }
    return findings;
}

/**
 * A spoke's route toward the hub may summarise (one block for many sites), but every address it sends must be
 * behind the hub: its VPC, another spoke's, or a block the user declared as reached through it (the summary).
 * Anything else reaches the hub, finds no route and is dropped there, or worse, takes the hub's other routes.
 */
function summariesBeyondHub(topology: Topology, transit: TransitPlan, hub: AlibabaSite, spokes: AlibabaSite[]): Finding[] {
    const findings: Finding[] = [];
    const accepted = (transit.summary ?? []).filter(isCidr);
    for (const from of spokes) {
        const up = topology.connections.find((c) => c.site === from.name && c.peer === hub.name);
        if (!up) {
            continue;
        }
        const reachable = [hub.vpc.cidr, ...spokes.filter((s) => s !== from).map((s) => s.vpc.cidr), ...accepted].filter(isCidr);
        for (const route of topology.gatewayRoutes.filter((r) => r.site === from.name && r.connection === up.name && isCidr(r.destination))) {
            const beyond = excludeCidrs([route.destination], reachable);
            if (beyond.length > 0) {
                findings.push({
                    severity: "error",
                    code: "transit.summary-beyond-hub",
                    site: from.name,
                    field: route.field,
                    value: route.destination,
                    message: `spoke ${from.name} routes ${route.destination} to hub ${hub.name}, but ${list(beyond.slice(0, 4))}${beyond.length > 4 ? ", ..." : ""} of it is neither the hub's nor another spoke's block: the hub has no route for it.`,
                    fix: `route only the sites' blocks, or declare the address plan reached through ${hub.name} (summaryCidrs) to accept that its unused parts end at the hub.`,
                });
            }
        }
    }
    return findings;
}

/** Declared hub-and-spoke transit: every spoke reaches every other spoke through the hub (seed 002). */
function checkDeclaredTransit(topology: Topology): Finding[] {
    const findings: Finding[] = [];
    for (const transit of topology.transits ?? []) {
        const hub = findAlibabaSite(topology, transit.hub);
        const spokes = transit.spokes.map((name) => findAlibabaSite(topology, name));
        if (!hub || spokes.some((s) => !s)) {
            continue; // topology.unknown-reference reports it
        }
        const missing = (site: string, value: string, message: string, fix: string) =>
            findings.push({ severity: "error", code: "transit.missing-route", site, field: transit.field, value, message, fix });
        findings.push(...summariesBeyondHub(topology, transit, hub, spokes as AlibabaSite[]));
        for (const from of spokes) {
            for (const to of spokes) {
                if (!from || !to || from === to || !isCidr(to.vpc.cidr)) {
                    continue;
                }
                const target = to.vpc.cidr;
                const up = topology.connections.find((c) => c.site === from.name && c.peer === hub.name);
                const down = topology.connections.find((c) => c.site === hub.name && c.peer === to.name);
                if (!up || !down) {
                    findings.push({
                        severity: "error",
                        code: "transit.missing-connection",
                        site: up ? hub.name : from.name,
                        field: transit.field,
                        value: up ? to.name : from.name,
                        message: `spoke ${up ? to.name : from.name} has no IPsec connection with hub ${hub.name}${up ? " on the hub's side" : ""}.`,
                        fix: `connect ${up ? `${hub.name} to ${to.name}` : `${from.name} to ${hub.name}`}, or remove the spoke from ${transit.field}.`,
                    });
                    continue;
                }
                if (!coveredByUnion(cidrsOf(up.remoteSubnets), target)) {
                    findings.push({
                        severity: "error",
                        code: "transit.missing-remote-subnet",
                        site: from.name,
                        field: up.remoteSubnets.field,
                        value: target,
                        message: `spoke ${from.name} reaches ${to.name} (${target}) through hub ${hub.name}, but its connection ${up.name} does not carry ${target}.`,
                        fix: `add ${target} to ${up.remoteSubnets.field} (several remote subnets need IKEv2, seed 002).`,
                    });
                }
                if (!coveredByUnion(gatewayRouteDestinationsInVpc(topology, from.name), target)) {
                    missing(from.name, target, `spoke ${from.name}'s VPC route table does not send ${to.name}'s ${target} to its VPN gateway.`, `add a VPC route entry on ${from.name} for ${target} with next hop its VPN gateway.`);
                }
                if (!coveredByUnion(gatewayRoutesTo(topology, from.name, up.name), target)) {
                    missing(from.name, target, `spoke ${from.name}'s VPN gateway has no static route for ${to.name}'s ${target} to connection ${up.name} (seed 002).`, `add a VPN gateway route on ${from.name} for ${target} with next hop connection ${up.name}.`);
                }
                if (!coveredByUnion(gatewayRoutesTo(topology, hub.name, down.name), target)) {
                    missing(hub.name, target, `hub ${hub.name}'s VPN gateway has no static route for ${to.name}'s ${target} to connection ${down.name}, so transit traffic from ${from.name} is dropped.`, `add a VPN gateway route on ${hub.name} for ${target} with next hop connection ${down.name}.`);
                }
            }
        }
    }
    return findings;
}

export function checkIpsecRoutes(topology: Topology): Finding[] {
    return [
        ...topology.vpcRoutes.filter((r) => r.nextHop.kind === "vpnGateway").flatMap((r) => checkVpcRouteToGateway(topology, r)),
        ...topology.connections.filter(isPolicy).flatMap((c) => checkRemoteSubnetsRouted(topology, c)),
        ...topology.connections.flatMap((c) => checkPeerSide(topology, c)),
        ...topology.connections.flatMap((c) => checkTransitSources(topology, c)),
        ...checkDeclaredTransit(topology),
    ];
}
