// The topology's structure (every reference resolves, every block parses) and, optionally, each element's own
// values, delegated to the model's validators: the same functions VpnHub and SiteToSiteLink run.
import { cidrSyntaxError } from "../model/cidr";
import { Finding } from "../model/findings";
import { validateBandwidth } from "../model/gateway";
import { reservedRouteProblem, validateLink } from "../model/link";
import { Block, Topology, allWellKnownRanges, siteBlocks } from "../model/topology";
import { findAlibabaSite, findSite, isCidr } from "./common";

function unknown(field: string, value: string, what: string, known: readonly string[]): Finding {
    return {
        severity: "error",
        code: "topology.unknown-reference",
        field,
        value,
        allowed: known.join(", ") || "none",
        message: `no ${what} of this name in the topology.`,
        fix: `name one of ${known.join(", ") || "(none declared)"}, or declare it.`,
    };
}

/** Every reference between elements resolves. A failure here is a bug in the stack that built the topology. */
export function checkReferences(topology: Topology): Finding[] {
    const findings: Finding[] = [];
    const alibaba = topology.sites.filter((s) => s.kind === "alibaba").map((s) => s.name);
    const withGateway = topology.sites.filter((s) => s.kind === "alibaba" && s.gateway).map((s) => s.name);
    const all = topology.sites.map((s) => s.name);
    const need = (ok: boolean, field: string, value: string, what: string, known: string[]) => {
        if (!ok) findings.push(unknown(field, value, what, known));
    };
    for (const c of topology.connections) {
        need(withGateway.includes(c.site), `${c.path}.site`, c.site, "Alibaba site with a VPN gateway", withGateway);
        need(all.includes(c.peer), `${c.path}.peer`, c.peer, "site", all);
    }
    for (const r of topology.vpcRoutes) {
        need(alibaba.includes(r.site), r.field, r.site, "Alibaba site", alibaba);
    }
    for (const r of topology.gatewayRoutes) {
        need(withGateway.includes(r.site), r.field, r.site, "Alibaba site with a VPN gateway", withGateway);
        const names = topology.connections.filter((c) => c.site === r.site).map((c) => c.name);
        need(names.includes(r.connection), r.field, r.connection, `connection on ${r.site}`, names);
    }
    for (const p of topology.tunnelPools) {
        need(alibaba.includes(p.site), p.pool.field, p.site, "Alibaba site", alibaba);
        p.clients.forEach((client) => need(all.includes(client.site), p.pool.field, client.site, "site", all));
    }
    for (const t of topology.transits ?? []) {
        [t.hub, ...t.spokes].forEach((name) => need(findAlibabaSite(topology, name) !== undefined, t.field, name, "Alibaba site", alibaba));
    }
    for (const w of topology.wellKnownRanges) {
        if (w.site !== undefined) need(findSite(topology, w.site) !== undefined, w.field ?? w.owner, w.site, "site", all);
    }
    return findings;
}

/** Every CIDR block in the topology parses (host bits are the components' concern). */
export function checkBlockSyntax(topology: Topology): Finding[] {
    const blocks: Block[] = [
        ...topology.sites.flatMap((s) => (s.kind === "alibaba" ? [s.vpc, ...s.vswitches] : siteBlocks(s))),
        ...topology.connections.flatMap((c) => [...c.localSubnets.blocks, ...c.remoteSubnets.blocks]),
        ...topology.vpcRoutes.map((r) => ({ cidr: r.destination, field: r.field })),
        ...topology.gatewayRoutes.map((r) => ({ cidr: r.destination, field: r.field })),
        ...topology.tunnelPools.flatMap((p) => [p.pool, ...p.clients.flatMap((c) => c.networks)]),
        ...allWellKnownRanges(topology).flatMap((w) => (w.field ? [{ cidr: w.cidr, field: w.field }] : [])),
    ];
    return blocks
        .filter((b) => !isCidr(b.cidr))
        .map((b) => ({
            severity: "error" as const,
            code: "topology.bad-cidr",
            field: b.field,
            value: b.cidr,
            message: `${cidrSyntaxError(b.cidr)}.`,
            fix: `write ${b.field} as network/prefix, e.g. 192.168.10.0/24.`,
        }));
}

/**
 * Each element's own values, by the model's validators: profile values and weak crypto, PSK, subnet counts,
 * IKEv1 with several subnets, host bits, gateway bandwidth, reserved gateway route destinations.
 */
export function checkElements(topology: Topology): Finding[] {
    const findings: Finding[] = [];
    for (const c of topology.connections) {
        const validated = validateLink(
            {
                name: c.name,
                // Unset for a peer that is another Alibaba gateway (no address before deployment): validateLink skips it.
                peerPublicIp: c.peerPublicIp,
                alibabaSubnets: c.localSubnets.blocks.map((b) => b.cidr),
                peerSubnets: c.remoteSubnets.blocks.map((b) => b.cidr),
                profile: c.profile,
                routingMode: c.routingMode,
                psk: c.psk,
            },
            c.path,
        );
        findings.push(...validated.findings);
    }
    for (const site of topology.sites) {
        if (site.kind === "alibaba" && site.gateway?.bandwidth !== undefined) {
            findings.push(...validateBandwidth(site.gateway.bandwidth, site.gateway.bandwidthField ?? `${site.name}.bandwidth`, site.name));
        }
    }
    for (const route of topology.gatewayRoutes) {
        const problem = isCidr(route.destination) ? reservedRouteProblem(route.destination) : undefined;
        if (problem) {
            findings.push({
                severity: "error",
                code: "route.reserved-destination",
                site: route.site,
                field: route.field,
                value: route.destination,
                message: problem,
                fix: `route the peer's real networks instead of ${route.destination}.`,
            });
        }
    }
    return findings;
}
