// The check pass over a whole planned topology: pure, topology -> findings. Stacks run it before declaring the
// first resource; errors stop the program (TopologyError), warnings are returned for pulumi.log.warn and the plan.
import { Finding, assertNoErrors } from "../model/findings";
import { Topology } from "../model/topology";
import { checkBlockSyntax, checkElements, checkReferences } from "./elements";
import { checkOpenVpnRoutes } from "./openvpn";
import { checkPoolOverlaps, checkSiteOverlaps, checkWellKnownRanges } from "./overlaps";
import { checkGatewaySites, checkRouteDestinations, checkVpcPlacement, checkVswitchNameClashes, checkVswitchZones } from "./placement";
import { checkIpsecRoutes } from "./routes";

export { checkBlockSyntax, checkElements, checkReferences } from "./elements";
export { checkOpenVpnRoutes } from "./openvpn";
export { checkPoolOverlaps, checkSiteOverlaps, checkWellKnownRanges, suggestFreeBlock } from "./overlaps";
export { checkGatewaySites, checkRouteDestinations, checkVpcPlacement, checkVswitchNameClashes, checkVswitchZones } from "./placement";
export { checkIpsecRoutes } from "./routes";

export interface CheckOptions {
    /**
     * Run each element's own checks (profiles, PSKs, subnet counts, bandwidth; see checkElements). Default true.
     * The planners (planVpnSite, checkHubAndSpoke, checkOpenVpnMesh) pass false: they run the element validators
     * themselves and hand the topology pass only the network.
     */
    elements?: boolean;
    /** Findings the stack already has (component checks, config): reported in the same error list, duplicates dropped. */
    alsoFindings?: readonly Finding[];
}

/** Everything wrong with the topology as a network: structure, overlaps, routes against selectors, transit, OpenVPN. */
export function checkNetwork(topology: Topology): Finding[] {
    const structure = [...checkReferences(topology), ...checkBlockSyntax(topology)];
    // Route arithmetic on dangling references or unparsable blocks would report consequences, not causes.
    if (structure.length > 0) {
        return structure;
    }
    return distinct([
        ...structure,
        ...checkVpcPlacement(topology),
        ...checkVswitchZones(topology),
        ...checkVswitchNameClashes(topology),
        ...checkGatewaySites(topology),
        ...checkRouteDestinations(topology),
        ...checkSiteOverlaps(topology),
        ...checkPoolOverlaps(topology),
        ...checkIpsecRoutes(topology),
        ...checkOpenVpnRoutes(topology),
        ...checkWellKnownRanges(topology),
    ]);
}

export function checkTopology(topology: Topology, options: Pick<CheckOptions, "elements"> = {}): Finding[] {
    return [...(options.elements === false ? [] : checkElements(topology)), ...checkNetwork(topology)];
}

/** One finding per code, site, field and value: a check that reaches one problem twice reports it once. */
function distinct(findings: readonly Finding[]): Finding[] {
    const seen = new Set<string>();
    return findings.filter((f) => {
        const key = JSON.stringify([f.code, f.site, f.field, f.value]);
        return seen.has(key) ? false : (seen.add(key), true);
    });
}

const layerKey = (f: Finding) => JSON.stringify([f.severity, f.field, f.value]);

/**
 * `later` without the findings `earlier` already has (same severity, field and value): when a component's check
 * and the topology pass see one mistake, it is reported once, in the component's words.
 */
export function withoutRepeats(earlier: readonly Finding[], later: readonly Finding[]): Finding[] {
    const seen = new Set(earlier.map(layerKey));
    return later.filter((f) => !seen.has(layerKey(f)));
}

/**
 * The entry point for stacks: throws a TopologyError listing every error (the stack's own findings first),
 * or returns the topology pass's warnings that are not already among `alsoFindings` (those were printed by
 * whoever raised them). Log the returned warnings with pulumi.log.warn and add them to the scenario's findings.
 */
export function checkTopologyOrThrow(topology: Topology, options: CheckOptions = {}): Finding[] {
    const earlier = options.alsoFindings ?? [];
    const added = withoutRepeats(earlier, checkTopology(topology, options));
    assertNoErrors([...earlier, ...added]);
    return added.filter((f) => f.severity === "warning");
}

/** Every code the pass can report, with its meaning (README's table documents each; a test checks both against the sources). */
export const CHECK_CODES: Record<string, string> = {
    "topology.unknown-reference": "an element names a site, connection or instance the topology does not declare",
    "topology.bad-cidr": "a block is not an IPv4 CIDR block",
    "topology.sites-overlap": "two sites' networks overlap",
    "topology.pool-overlap": "an OpenVPN tunnel pool overlaps a site or another pool",
    "topology.docker-bridge": "(warning) a site or pool collides with Docker's default bridge 172.17.0.0/16 or a declared Docker network",
    "topology.kubernetes-range": "(warning) a site or pool collides with a declared Kubernetes pod or Service range",
    "topology.vpc-reserved-block": "a VPC block overlaps a block Alibaba reserves (100.64.0.0/10, 224.0.0.0/4, 127.0.0.0/8, 169.254.0.0/16)",
    "topology.vswitch-outside-vpc": "a vSwitch block is not inside its VPC's block",
    "topology.zone-not-in-region": "a vSwitch zone is not a zone of its site's region",
    "topology.duplicate-vswitch-name": "two vSwitches of the program share a name (one URN, refused by Pulumi)",
    "route.host-bits": "a VPC route destination has host bits set (the fix gives the network address)",
    "route.reserved-vpc-destination": "a VPC route to 100.64.0.0/10 itself or to Alibaba's service addresses in 100.100.0.0/16; (warning) elsewhere inside 100.64.0.0/10, where the references disagree",
    "route.duplicate": "one destination twice in a VPC route table, or twice on a VPN gateway toward one connection",
    "route.no-vpn-gateway": "a VPC route points at a VPN gateway the site does not have",
    "route.no-gateway-route": "a VPC route sends traffic to the VPN gateway, which has no static route for it",
    "route.outside-remote-subnets": "a VPC route's destination is outside the remote subnets of the connection it reaches (seed 004)",
    "route.source-outside-local-subnets": "a vSwitch using a VPC route to the gateway is outside the connection's local subnets (seed 004, case 1)",
    "route.missing-vpc-route": "(warning) a connection's remote subnet has no VPC route to the gateway",
    "route.missing-gateway-route": "(warning) a connection's remote subnet has no VPN gateway route to it",
    "route.remote-not-behind-peer": "(warning) a remote subnet is not a network of the peer",
    "route.peer-missing-connection": "the peer is an Alibaba VPC without a connection back",
    "route.peer-selectors-mismatch": "the peer's connection is not the mirror image (local <-> remote)",
    "route.reserved-destination": "a VPN gateway route to 0.0.0.0/0 or into 100.64.0.0/10",
    "route.overlaps-own-vpc": "a VPC route to the VPN gateway overlaps the VPC's own block (its unassigned addresses would enter the tunnel)",
    "transit.source-outside-local-subnets": "traffic transiting a gateway comes from a network outside the onward connection's local subnets",
    "transit.missing-connection": "a declared spoke has no connection with its hub",
    "transit.missing-remote-subnet": "a spoke's connection to the hub does not carry another spoke's network",
    "transit.missing-route": "a spoke or the hub lacks a VPC or gateway route for another spoke (seed 002)",
    "transit.summary-beyond-hub": "a spoke's summary route toward the hub covers a block that is neither a site's nor declared reached through the hub",
    "openvpn.unknown-instance": "a VPC route's next hop instance is not an OpenVPN server",
    "openvpn.route-not-served": "a VPC route to an OpenVPN server for a network it does not serve",
    "openvpn.missing-vpc-route": "a client LAN has no VPC route to the server instance",
    "openvpn.pool-not-routed": "(warning) the tunnel pool has no VPC route to the server instance",
};
